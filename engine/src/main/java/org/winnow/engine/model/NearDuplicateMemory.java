package org.winnow.engine.model;

import org.winnow.engine.features.Features;
import org.winnow.engine.features.Murmur;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Remembers learned examples per site as one-permutation MinHash signatures of their character
 * shingles, indexed by LSH bands, so a near-identical comment to one a moderator labelled is found in
 * a few hash look-ups. A bounded ring: the oldest entry goes when it is full. Not thread-safe.
 *
 * <p>Bounded under a spam campaign: (1) an example whose nearest remembered example of the same site
 * has the same label and at least {@link #COLLAPSE_MATCHES} of {@link #BINS} equal bins is not stored
 * again (it would change no verdict: the stored one already answers for it), so thousands of
 * near-identical learned comments take a handful of entries; (2) each LSH bucket keeps only its
 * {@link #BUCKET_CAPACITY} most recent entries, so neither {@link #add} nor {@link #nearest} ever scans
 * or copies more than {@code BANDS * BUCKET_CAPACITY} slots. The index is a function of the stored
 * entries in age order (a bucket holds the most recent stored entries that hash to it, because
 * entries only leave in ring order), so {@link #copy} and {@link #read} rebuild exactly the same
 * look-up state from the entries alone.
 */
final class NearDuplicateMemory {
    static final int BINS = 32;
    private static final int BANDS = 8;
    private static final int ROWS = BINS / BANDS;
    private static final int EMPTY = Integer.MAX_VALUE;
    /** Entries one LSH bucket keeps (the most recent); bounds the work of one add or look-up. */
    static final int BUCKET_CAPACITY = 16;
    /** Equal bins (of 32) from which a new example with the same label as its nearest is not stored. */
    static final int COLLAPSE_MATCHES = 29;

    private final int capacity;
    private final int[] signatures;
    private final int[] siteSalts;
    private final boolean[] spam;
    private int size;
    private int next;
    private final BandBuckets index = new BandBuckets(64);

    /** The best remembered match: similarity in [0, 1] and its label. */
    record Match(double similarity, boolean spam) {}

    NearDuplicateMemory(int capacity) {
        this.capacity = capacity;
        this.signatures = new int[capacity * BINS];
        this.siteSalts = new int[capacity];
        this.spam = new boolean[capacity];
    }

    int size() {
        return size;
    }

    /** One-permutation MinHash with rotation densification; null when the text has no shingles. */
    static int[] signature(Features f) {
        int n = f.shingleCount();
        if (n == 0) return null;
        int[] sig = new int[BINS];
        Arrays.fill(sig, EMPTY);
        for (int i = 0; i < n; i++) {
            int h = Murmur.finish(f.shingle(i), 0x5bd1e995);
            int bin = h >>> 27;
            int v = h & 0x07FFFFFF;
            if (v < sig[bin]) sig[bin] = v;
        }
        for (int b = 0; b < BINS; b++) {
            if (sig[b] != EMPTY) continue;
            for (int d = 1; d < BINS; d++) {
                int from = sig[(b + d) % BINS];
                if (from != EMPTY && from < 0x08000000) { // a real value, not one already borrowed
                    sig[b] = 0x08000000 + d * 0x01000000 + from % 0x01000000;
                    break;
                }
            }
        }
        return sig;
    }

    /**
     * Remembers a learned example, unless the nearest remembered example of the same site already has
     * the same label and is nearly identical (at least {@link #COLLAPSE_MATCHES} equal bins).
     */
    void add(int siteSalt, int[] sig, boolean isSpam) {
        if (capacity == 0 || sig == null) return;
        int nearest = nearestSlot(siteSalt, sig);
        if (nearest >= 0 && spam[nearest] == isSpam && matches(nearest, sig) >= COLLAPSE_MATCHES) return;
        store(siteSalt, sig, isSpam);
    }

    /** Stores an entry as is (no collapsing): used to rebuild the same entries in copies and reads. */
    private void store(int siteSalt, int[] sig, boolean isSpam) {
        int slot = next;
        if (size == capacity) unindex(slot);
        else size++;
        System.arraycopy(sig, 0, signatures, slot * BINS, BINS);
        siteSalts[slot] = siteSalt;
        spam[slot] = isSpam;
        for (int band = 0; band < BANDS; band++) {
            long key = bandKey(siteSalt, sig, band);
            int[] list = index.get(key);
            if (list == null) {
                index.put(key, new int[] {slot});
            } else if (list.length < BUCKET_CAPACITY) {
                int[] grown = Arrays.copyOf(list, list.length + 1);
                grown[list.length] = slot;
                index.put(key, grown);
            } else {
                // full: the oldest entry of this bucket leaves it (it stays reachable through its other bands)
                int[] shifted = new int[BUCKET_CAPACITY];
                System.arraycopy(list, 1, shifted, 0, BUCKET_CAPACITY - 1);
                shifted[BUCKET_CAPACITY - 1] = slot;
                index.put(key, shifted);
            }
        }
        next = (next + 1) % capacity;
    }

    /** Longest LSH bucket (for tests: it never exceeds {@link #BUCKET_CAPACITY}). */
    int longestBucket() {
        return index.longest();
    }

    private void unindex(int slot) {
        int[] old = Arrays.copyOfRange(signatures, slot * BINS, slot * BINS + BINS);
        for (int band = 0; band < BANDS; band++) {
            long key = bandKey(siteSalts[slot], old, band);
            int[] list = index.get(key);
            if (list == null) continue;
            int n = 0;
            for (int s : list) if (s != slot) n++;
            if (n == list.length) continue;
            int[] kept = new int[n];
            int k = 0;
            for (int s : list) if (s != slot) kept[k++] = s;
            if (kept.length == 0) index.remove(key);
            else index.put(key, kept);
        }
    }

    /** The most similar remembered example of this site; ties go to the most recent. Null if none. */
    Match nearest(int siteSalt, int[] sig) {
        int slot = nearestSlot(siteSalt, sig);
        return slot < 0 ? null : new Match((double) matches(slot, sig) / BINS, spam[slot]);
    }

    /** The slot of {@link #nearest}, or -1. Looks at most {@code BANDS * BUCKET_CAPACITY} slots. */
    private int nearestSlot(int siteSalt, int[] sig) {
        if (sig == null || size == 0) return -1;
        int bestMatches = -1;
        int bestSlot = -1;
        int bestAge = Integer.MAX_VALUE;
        for (int band = 0; band < BANDS; band++) {
            int[] list = index.get(bandKey(siteSalt, sig, band));
            if (list == null) continue;
            for (int slot : list) {
                if (siteSalts[slot] != siteSalt) continue;
                int matches = matches(slot, sig);
                int age = Math.floorMod(next - 1 - slot, capacity);
                if (matches > bestMatches || (matches == bestMatches && age < bestAge)) {
                    bestMatches = matches;
                    bestSlot = slot;
                    bestAge = age;
                }
            }
        }
        return bestSlot;
    }

    private int matches(int slot, int[] sig) {
        int matches = 0;
        int base = slot * BINS;
        for (int b = 0; b < BINS; b++) if (signatures[base + b] == sig[b]) matches++;
        return matches;
    }

    private static long bandKey(int siteSalt, int[] sig, int band) {
        int h = Murmur.step(siteSalt, band);
        for (int r = 0; r < ROWS; r++) h = Murmur.step(h, sig[band * ROWS + r]);
        return ((long) Murmur.finish(h, band) << 32) | (Murmur.finish(h ^ 0x27d4eb2d, ROWS) & 0xffffffffL);
    }

    NearDuplicateMemory copy(int newCapacity) {
        NearDuplicateMemory m = new NearDuplicateMemory(newCapacity);
        forEachOldestFirst(m::store);
        return m;
    }

    private interface EntryVisitor {
        void visit(int siteSalt, int[] sig, boolean spam);
    }

    private void forEachOldestFirst(EntryVisitor v) {
        int start = size == capacity ? next : 0;
        for (int k = 0; k < size; k++) {
            int slot = (start + k) % capacity;
            v.visit(siteSalts[slot], Arrays.copyOfRange(signatures, slot * BINS, slot * BINS + BINS), spam[slot]);
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(size);
        try {
            forEachOldestFirst((salt, sig, isSpam) -> {
                try {
                    out.writeInt(salt);
                    out.writeBoolean(isSpam);
                    for (int v : sig) out.writeInt(v);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static NearDuplicateMemory read(DataInputStream in, int capacity) throws IOException {
        NearDuplicateMemory m = new NearDuplicateMemory(capacity);
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt memory size " + n);
        int[] sig = new int[BINS];
        for (int k = 0; k < n; k++) {
            int salt = in.readInt();
            boolean isSpam = in.readBoolean();
            for (int b = 0; b < BINS; b++) sig[b] = in.readInt();
            m.store(salt, sig, isSpam);
        }
        return m;
    }
}
