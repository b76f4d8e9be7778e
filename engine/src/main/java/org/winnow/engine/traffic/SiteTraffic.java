package org.winnow.engine.traffic;

import org.winnow.engine.features.Features;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One site's recent comments, oldest first in a ring that holds at most {@code siteCapacity} entries
 * (allocated as it fills, so a quiet site costs little). Each entry keeps its time, the submitter's
 * ranges, up to {@link #MAX_DOMAINS} link targets and, for texts long enough, a 16-bin MinHash
 * signature of the character shingles. Counters per range and per domain cover the burst window;
 * an LSH index (8 bands of 4 bins; each band key points at its most recent entry, and each entry at
 * the previous one with the same key) covers the duplicate window. Entries leave the counters when
 * they fall out of a window or out of the ring, so both stay exact and bounded.
 * All access is synchronised on the instance; one call does a bounded amount of work.
 */
final class SiteTraffic {
    static final int BINS = 32;
    static final int BANDS = 8;
    private static final int ROWS = BINS / BANDS;
    /**
     * Equal bins (of 32) from which two texts count as near-copies: an estimated Jaccard similarity of
     * 0.56. With 16 bins the estimate was too noisy: unrelated comments on one topic matched.
     */
    static final int MATCH_BINS = 18;
    static final int MAX_DOMAINS = 3;
    /** Bounds the work of one look-up: entries visited per band chain, and copies counted. */
    private static final int MAX_WALK = 8;
    /** Copies counted at most: the signal's weight is capped well before (about 19 copies). */
    static final int MAX_COPIES = 24;
    private static final int EMPTY = 0x07FF_FFFF;
    private static final int INITIAL = 64;

    /** What the recent traffic says about one comment; counts include the comment itself. */
    record Counts(int windowTotal, int narrow, int wide, String topDomain, int domainCount, int copies) {
        /** Nothing counted (a replayed comment is recorded, not assessed). */
        static final Counts NONE = new Counts(0, 0, 0, null, 0, 0);
    }

    private final int maxEntries;
    private final long burstWindowMillis;
    private final long duplicateWindowMillis;

    private int capacity;
    private long[] time;
    private long[] narrow;   // 0 = no address
    private long[] wide;     // 0 = not IPv6
    private String[] domains;
    private boolean[] hasSignature;
    private int[] signatures;
    private long[] chain;    // per entry and band: seq of the previous entry with the same band key, or -1

    private long head;          // seq the next entry gets
    private long tail;          // oldest seq in the ring
    private long burstCursor;   // oldest seq still in the burst counters
    private long duplicateCursor; // oldest seq still in the LSH index
    private long latest = Long.MIN_VALUE; // latest time seen: time never runs backwards here

    private int burstTotal;
    // primitive maps: the per-comment look-ups box and allocate nothing
    private final LongLongMap narrowCounts = new LongLongMap(16);
    private final LongLongMap wideCounts = new LongLongMap(16);
    private final Map<String, int[]> domainCounts = new HashMap<>();
    private final LongLongMap bandHeads = new LongLongMap(INITIAL); // grows with the index, like the ring
    /** The band keys of the comment being observed (used under the lock only). */
    private final long[] keys = new long[BANDS];
    /**
     * {@link #compare} results of this look-up by seq: a copy sits in several band chains and is
     * compared once. A slot is valid for the look-up whose stamp it carries (under the lock only).
     */
    private final long[] memoSeq = new long[MEMO];
    private final int[] memoValue = new int[MEMO];
    private final int[] memoStamp = new int[MEMO];
    private int stamp;
    private static final int MEMO = 64;

    volatile long lastActive;

    SiteTraffic(TrafficSettings s) {
        maxEntries = s.siteCapacity();
        burstWindowMillis = s.burstWindow().toMillis();
        duplicateWindowMillis = s.duplicateWindow().toMillis();
        allocate(Math.min(INITIAL, maxEntries));
    }

    /** The 32-bin one-permutation MinHash of a text's shingle hashes (already well mixed), or null if too few. */
    static int[] signature(Features f, int minShingles) {
        int count = f.shingleCount();
        if (count < Math.max(1, minShingles)) return null;
        int[] sig = new int[BINS];
        Arrays.fill(sig, EMPTY);
        for (int i = 0; i < count; i++) {
            int h = f.shingle(i);
            int bin = h >>> 27;
            int v = h & EMPTY;
            if (v < sig[bin]) sig[bin] = v;
        }
        return sig;
    }

    /**
     * Counts what the window holds for this comment and, when {@code record}, adds it.
     *
     * @param now        the comment's time in epoch milliseconds
     * @param range      the submitter's ranges, or null
     * @param linkTargets registered domains the comment links to (at most {@link #MAX_DOMAINS} are used)
     * @param sig        its signature, or null when it is too short to compare
     */
    synchronized Counts observe(long now, IpRange range, String[] linkTargets, int linkTargetCount, int[] sig, boolean record) {
        lastActive = now;
        if (now > latest) latest = now;
        expire(latest);
        long n = range == null ? 0 : range.narrow();
        long w = range == null ? 0 : range.wide();
        int narrowCount = n == 0 ? 0 : count(narrowCounts.get(n)) + 1;
        int wideCount = w == 0 ? 0 : count(wideCounts.get(w)) + 1;
        String topDomain = null;
        int topCount = 0;
        int targets = Math.min(linkTargetCount, MAX_DOMAINS);
        for (int k = 0; k < targets; k++) {
            int c = count(domainCounts.get(linkTargets[k])) + 1;
            if (c > topCount) {
                topCount = c;
                topDomain = linkTargets[k];
            }
        }
        if (sig != null) for (int band = 0; band < BANDS; band++) keys[band] = bandKey(sig, 0, band);
        int copies = sig == null ? 0 : nearCopies(sig) + 1;
        Counts counts = new Counts(burstTotal + 1, narrowCount, wideCount, topDomain, topCount, copies);
        if (record) add(latest, n, w, linkTargets, targets, sig);
        return counts;
    }

    /**
     * Records a comment judged at {@code at} (elsewhere, or before a restart) without counting anything
     * for it. Entries stay in the order they arrive: one that arrives late leaves the windows with the
     * entries before it, at most as late as it arrived.
     */
    synchronized void replay(long at, IpRange range, String[] linkTargets, int linkTargetCount, int[] sig) {
        if (at > latest) latest = at;
        if (at > lastActive) lastActive = at;
        expire(latest);
        if (sig != null) for (int band = 0; band < BANDS; band++) keys[band] = bandKey(sig, 0, band);
        add(at, range == null ? 0 : range.narrow(), range == null ? 0 : range.wide(), linkTargets,
                Math.min(linkTargetCount, MAX_DOMAINS), sig);
    }

    private static int count(int[] c) {
        return c == null ? 0 : c[0];
    }

    private static int count(long c) {
        return c == LongLongMap.ABSENT ? 0 : (int) c;
    }

    /** Entries within the duplicate window whose signature shares at least {@link #MATCH_BINS} bins with {@code sig}. */
    private int nearCopies(int[] sig) {
        int copies = 0;
        if (++stamp == 0) { // wrapped: forget every stamp so no old result looks current
            Arrays.fill(memoStamp, 0);
            stamp = 1;
        }
        for (int band = 0; band < BANDS && copies < MAX_COPIES; band++) {
            long seq = bandHeads.get(keys[band]); // ABSENT (-1) ends the walk at once
            for (int step = 0; step < MAX_WALK && seq >= duplicateCursor; step++) {
                int slot = slot(seq);
                // an entry that shares an earlier band was met in that band's chain: count it once
                int at = (int) seq & (MEMO - 1);
                int m;
                if (memoStamp[at] == stamp && memoSeq[at] == seq) {
                    m = memoValue[at];
                } else {
                    m = compare(slot, sig);
                    memoStamp[at] = stamp;
                    memoSeq[at] = seq;
                    memoValue[at] = m;
                }
                if (m >>> BANDS >= MATCH_BINS && (m & ((1 << band) - 1)) == 0 && ++copies >= MAX_COPIES) break;
                seq = chain[slot * BANDS + band];
            }
        }
        return copies;
    }

    /**
     * Compares an entry's signature with {@code sig} in one branch-free pass: the equal bins, shifted
     * left by {@link #BANDS}, or'ed with a mask of the bands whose bins are all equal.
     */
    private int compare(int slot, int[] sig) {
        int base = slot * BINS;
        int equal = 0;
        int bands = 0;
        for (int band = 0; band < BANDS; band++) {
            int o = band * ROWS;
            int e = 0;
            for (int r = 0; r < ROWS; r++) e += signatures[base + o + r] == sig[o + r] ? 1 : 0;
            equal += e;
            bands |= (e == ROWS ? 1 : 0) << band;
        }
        return equal << BANDS | bands;
    }

    private void add(long now, long n, long w, String[] linkTargets, int targets, int[] sig) {
        if (head - tail == maxEntries) evictOldest();
        if (head - tail == capacity) allocate(Math.min(capacity * 2, maxEntries));
        long seq = head++;
        int slot = slot(seq);
        time[slot] = now;
        narrow[slot] = n;
        wide[slot] = w;
        Arrays.fill(domains, slot * MAX_DOMAINS, slot * MAX_DOMAINS + MAX_DOMAINS, null);
        for (int k = 0; k < targets; k++) {
            boolean repeated = false;
            for (int j = 0; j < k; j++) repeated |= linkTargets[j].equals(linkTargets[k]);
            if (!repeated) domains[slot * MAX_DOMAINS + k] = linkTargets[k];
        }
        burstTotal++;
        if (n != 0) narrowCounts.add(n, 1);
        if (w != 0) wideCounts.add(w, 1);
        for (int k = 0; k < MAX_DOMAINS; k++) {
            String d = domains[slot * MAX_DOMAINS + k];
            if (d != null) increment(domainCounts, d);
        }
        hasSignature[slot] = sig != null;
        if (sig != null) {
            System.arraycopy(sig, 0, signatures, slot * BINS, BINS);
            for (int band = 0; band < BANDS; band++) {
                long previous = bandHeads.put(keys[band], seq);
                chain[slot * BANDS + band] = previous; // ABSENT is -1: the end of the chain
            }
        }
    }

    private static <K> void increment(Map<K, int[]> counts, K key) {
        int[] c = counts.get(key);
        if (c == null) counts.put(key, new int[] {1});
        else c[0]++;
    }

    private static <K> void decrement(Map<K, int[]> counts, K key) {
        int[] c = counts.get(key);
        if (c != null && --c[0] <= 0) counts.remove(key);
    }

    /** Moves both cursors past entries older than their window. */
    private void expire(long now) {
        while (burstCursor < head && time[slot(burstCursor)] < now - burstWindowMillis) leaveBursts(burstCursor++);
        while (duplicateCursor < head && time[slot(duplicateCursor)] < now - duplicateWindowMillis) leaveIndex(duplicateCursor++);
        tail = Math.max(tail, Math.min(duplicateCursor, burstCursor)); // older entries are in no window: free their slots
    }

    private void evictOldest() {
        if (burstCursor == tail) leaveBursts(burstCursor++);
        if (duplicateCursor == tail) leaveIndex(duplicateCursor++);
        tail++;
    }

    private void leaveBursts(long seq) {
        int slot = slot(seq);
        burstTotal--;
        if (narrow[slot] != 0) narrowCounts.add(narrow[slot], -1);
        if (wide[slot] != 0) wideCounts.add(wide[slot], -1);
        for (int k = 0; k < MAX_DOMAINS; k++) {
            String d = domains[slot * MAX_DOMAINS + k];
            if (d != null) decrement(domainCounts, d);
        }
    }

    private void leaveIndex(long seq) {
        int slot = slot(seq);
        if (!hasSignature[slot]) return;
        for (int band = 0; band < BANDS; band++) {
            bandHeads.removeIf(bandKey(signatures, slot * BINS, band), seq); // older entries of this chain are gone too
        }
    }

    /** The key of one band of the signature at {@code sig[offset..offset + BINS)}. */
    private static long bandKey(int[] sig, int offset, int band) {
        long k = band;
        for (int r = 0; r < ROWS; r++) k = (k + sig[offset + band * ROWS + r]) * 0x9E37_79B9_7F4A_7C15L;
        k = (k ^ (k >>> 33)) * 0xFF51_AFD7_ED55_8CCDL; // MurmurHash3's 64-bit finaliser: equal bands, equal keys
        return k ^ (k >>> 33);
    }

    private int slot(long seq) {
        return (int) (seq % capacity);
    }

    /** (Re)allocates the ring at {@code newCapacity}, keeping every live entry at its new slot. */
    private void allocate(int newCapacity) {
        long[] oldTime = time, oldNarrow = narrow, oldWide = wide, oldChain = chain;
        String[] oldDomains = domains;
        boolean[] oldHas = hasSignature;
        int[] oldSigs = signatures;
        int oldCapacity = capacity;
        capacity = newCapacity;
        time = new long[newCapacity];
        narrow = new long[newCapacity];
        wide = new long[newCapacity];
        domains = new String[newCapacity * MAX_DOMAINS];
        hasSignature = new boolean[newCapacity];
        signatures = new int[newCapacity * BINS];
        chain = new long[newCapacity * BANDS];
        for (long seq = tail; seq < head; seq++) {
            int from = (int) (seq % oldCapacity);
            int to = slot(seq);
            time[to] = oldTime[from];
            narrow[to] = oldNarrow[from];
            wide[to] = oldWide[from];
            System.arraycopy(oldDomains, from * MAX_DOMAINS, domains, to * MAX_DOMAINS, MAX_DOMAINS);
            hasSignature[to] = oldHas[from];
            System.arraycopy(oldSigs, from * BINS, signatures, to * BINS, BINS);
            System.arraycopy(oldChain, from * BANDS, chain, to * BANDS, BANDS);
        }
    }

    /** Entries remembered (for tests of the bound). */
    synchronized int size() {
        return (int) (head - tail);
    }

    /** Entries in the burst window, LSH keys and counter keys held (for tests of the bound). */
    synchronized int[] footprint() {
        return new int[] {burstTotal, bandHeads.size(), narrowCounts.size() + wideCounts.size() + domainCounts.size(), capacity};
    }
}
