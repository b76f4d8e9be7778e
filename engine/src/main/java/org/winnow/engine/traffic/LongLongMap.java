package org.winnow.engine.traffic;

import java.util.Arrays;

/**
 * A map from long keys to non-negative long values in two primitive arrays (open addressing, linear
 * probing, deletion by backward shift), so the per-comment look-ups box nothing and allocate nothing.
 * Keys are spread by Fibonacci hashing (IPv6 /48 keys end in 16 zero bits). Grows at half full and never shrinks, like
 * {@link java.util.HashMap}. Not thread-safe: its owner locks.
 */
final class LongLongMap {
    /** What {@link #get} returns for an absent key; also marks a free slot (values are never negative). */
    static final long ABSENT = -1;

    private long[] keys;
    private long[] values;
    private int mask;
    private int shift;
    private int size;

    LongLongMap(int initialCapacity) {
        int n = Integer.highestOneBit(Math.max(4, initialCapacity) * 2 - 1);
        keys = new long[n];
        values = new long[n];
        Arrays.fill(values, ABSENT);
        mask = n - 1;
        shift = 64 - Integer.numberOfTrailingZeros(n);
    }

    private int home(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
    }

    int size() {
        return size;
    }

    long get(long key) {
        for (int i = home(key); ; i = (i + 1) & mask) {
            long v = values[i];
            if (v == ABSENT) return ABSENT;
            if (keys[i] == key) return v;
        }
    }

    /** Sets {@code key} to {@code value} (at least 0); returns the previous value or {@link #ABSENT}. */
    long put(long key, long value) {
        int i = home(key);
        for (; values[i] != ABSENT; i = (i + 1) & mask) {
            if (keys[i] == key) {
                long old = values[i];
                values[i] = value;
                return old;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) grow();
        return ABSENT;
    }

    /** Adds {@code delta} to the key's value (absent counts as 0); a result of 0 or less removes the key. */
    void add(long key, long delta) {
        int i = home(key);
        for (; values[i] != ABSENT; i = (i + 1) & mask) {
            if (keys[i] == key) {
                long v = values[i] + delta;
                if (v <= 0) removeAt(i);
                else values[i] = v;
                return;
            }
        }
        if (delta > 0) put(key, delta);
    }

    /** Removes {@code key} if it maps to {@code value}. */
    void removeIf(long key, long value) {
        for (int i = home(key); values[i] != ABSENT; i = (i + 1) & mask) {
            if (keys[i] == key) {
                if (values[i] == value) removeAt(i);
                return;
            }
        }
    }

    /** Frees slot {@code i} and moves later entries of its probe run back, so no look-up needs tombstones. */
    private void removeAt(int i) {
        size--;
        int free = i;
        for (int j = (i + 1) & mask; values[j] != ABSENT; j = (j + 1) & mask) {
            int home = home(keys[j]);
            // entry j may move to `free` unless its home lies cyclically in (free, j]
            if (((j - home) & mask) >= ((j - free) & mask)) {
                keys[free] = keys[j];
                values[free] = values[j];
                free = j;
            }
        }
        values[free] = ABSENT;
    }

    private void grow() {
        long[] oldKeys = keys, oldValues = values;
        int n = oldKeys.length * 2;
        keys = new long[n];
        values = new long[n];
        Arrays.fill(values, ABSENT);
        mask = n - 1;
        shift = 64 - Integer.numberOfTrailingZeros(n);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldValues[i] != ABSENT) put(oldKeys[i], oldValues[i]);
    }
}
