package org.winnow.engine.model;

/**
 * The near-duplicate memory's LSH buckets: long band keys to the slots in each bucket, in primitive
 * open addressing (linear probing, deletion by backward shift). Every learn and every judge of a site
 * with learned examples looks up eight keys, so nothing here boxes a key or allocates on a look-up.
 * Grows at half full and never shrinks. Not thread-safe.
 */
final class BandBuckets {
    private long[] keys;
    /** The bucket at each slot; null marks a free slot (a bucket is never null or empty). */
    private int[][] lists;
    private int mask;
    private int shift;
    private int size;

    BandBuckets(int initialCapacity) {
        allocate(Integer.highestOneBit(Math.max(4, initialCapacity) * 2 - 1));
    }

    private void allocate(int n) {
        keys = new long[n];
        lists = new int[n][];
        mask = n - 1;
        shift = 64 - Integer.numberOfTrailingZeros(n);
    }

    private int home(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
    }

    int size() {
        return size;
    }

    /** The bucket of {@code key}, or null. */
    int[] get(long key) {
        for (int i = home(key); ; i = (i + 1) & mask) {
            int[] list = lists[i];
            if (list == null || keys[i] == key) return list;
        }
    }

    /** Sets the bucket of {@code key} (not null, not empty). */
    void put(long key, int[] list) {
        int i = home(key);
        for (; lists[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                lists[i] = list;
                return;
            }
        }
        keys[i] = key;
        lists[i] = list;
        if (++size * 2 > keys.length) grow();
    }

    void remove(long key) {
        for (int i = home(key); lists[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                removeAt(i);
                return;
            }
        }
    }

    /** The longest bucket's length. */
    int longest() {
        int longest = 0;
        for (int[] list : lists) if (list != null) longest = Math.max(longest, list.length);
        return longest;
    }

    /** Frees slot {@code i} and moves later entries of its probe run back, so no look-up needs tombstones. */
    private void removeAt(int i) {
        size--;
        int free = i;
        for (int j = (i + 1) & mask; lists[j] != null; j = (j + 1) & mask) {
            int home = home(keys[j]);
            // entry j may move to `free` unless its home lies cyclically in (free, j]
            if (((j - home) & mask) >= ((j - free) & mask)) {
                keys[free] = keys[j];
                lists[free] = lists[j];
                free = j;
            }
        }
        lists[free] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[][] oldLists = lists;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldLists[i] != null) put(oldKeys[i], oldLists[i]);
    }
}
