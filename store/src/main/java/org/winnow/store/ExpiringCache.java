package org.winnow.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory map whose entries expire after a fixed time, bounded in size. Invalidation is
 * race-free: a value loaded before an {@link #invalidateAll()} is never cached after it, because
 * {@link #put} is given the generation read before the load.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAtNanos) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;

    ExpiringCache(long ttlMillis, int maxEntries) {
        this.ttlNanos = ttlMillis * 1_000_000L;
        this.maxEntries = maxEntries;
    }

    V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAtNanos() >= 0) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /** Read before loading a value that will be {@link #put}. */
    long generation() {
        return generation.get();
    }

    void put(K key, V value, long generationBeforeLoad) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
            if (entries.size() >= maxEntries) {
                entries.clear(); // crude, but keeps memory bounded when flooded with distinct keys
            }
        }
        Entry<V> entry = new Entry<>(value, System.nanoTime() + ttlNanos);
        entries.put(key, entry);
        if (generation.get() != generationBeforeLoad) {
            entries.remove(key, entry); // invalidated while loading: the value may be stale
        }
    }

    void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}
