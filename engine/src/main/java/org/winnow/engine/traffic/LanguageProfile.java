package org.winnow.engine.traffic;

import org.winnow.engine.features.Features;

/**
 * The words one site's ham is written in: counts of hashed word tokens (letters only; numbers and
 * words with digits say nothing about a language) from learned ham and from judged comments well
 * below the threshold. It keeps the site's most frequent words: when {@link #MAX_WORDS} distinct words
 * are held, the rarest are dropped (words seen once first), and every count halves once the words
 * learned pass {@link #HALF_LIFE}, so the profile follows the site as it changes. A word is a 32-bit
 * hash: no strings are kept. The table starts small and grows with the site's vocabulary, to at most
 * {@code 2 * MAX_WORDS} slots of 6 bytes (12 KB). Synchronised on the instance.
 */
final class LanguageProfile {
    /** Distinct words kept at most: a site's most common words cover most of what its readers write. */
    static final int MAX_WORDS = 1024;
    /** Words learned before every count halves (about 1,300 comments of 15 words). */
    static final int HALF_LIFE = 20_000;
    /** Words one comment contributes or is judged on at most: bounds the work for very long texts. */
    static final int MAX_WORDS_PER_COMMENT = 200;
    private static final int MAX_SLOTS = 2 * MAX_WORDS;
    /** After pruning at most this many words remain, so a prune (a pass over the table) is rare. */
    private static final int PRUNED_SIZE = MAX_WORDS * 3 / 4;

    private int[] keys = new int[64];   // 0 = free slot
    private char[] counts = new char[64];
    private int size;
    /** Words learned, halved with the counts: how much ham the profile stands on. */
    private int learned;
    private int sinceHalving;
    volatile long lastUsed;

    /** Adds the comment's letter words. */
    synchronized void learn(Features f) {
        int n = 0;
        for (int i = 0, words = f.wordCount(); i < words && n < MAX_WORDS_PER_COMMENT; i++) {
            String w = f.word(i);
            if (!isLetterWord(w)) continue;
            n++;
            add(hash(w));
        }
        learned += n;
        sinceHalving += n;
        if (sinceHalving > HALF_LIFE) halve();
    }

    /** {letter words in the comment (at most {@link #MAX_WORDS_PER_COMMENT}), of which unknown to this profile, words learned}. */
    synchronized int[] read(Features f) {
        int n = 0, unknown = 0;
        for (int i = 0, words = f.wordCount(); i < words && n < MAX_WORDS_PER_COMMENT; i++) {
            String w = f.word(i);
            if (!isLetterWord(w)) continue;
            n++;
            if (find(hash(w)) < 0) unknown++;
        }
        return new int[] {n, unknown, learned};
    }

    /** Distinct words held (tests of the bound). */
    synchronized int size() {
        return size;
    }

    /** Slots allocated (tests of the bound). */
    synchronized int slots() {
        return keys.length;
    }

    /** The count of one word, 0 when absent (tests of the halving). */
    synchronized int count(String word) {
        int k = find(hash(word));
        return k < 0 ? 0 : counts[k];
    }

    /** Words learned, as trusted (tests). */
    synchronized int learned() {
        return learned;
    }

    /** A token of letters (and combining marks) only: digits make it a number, a code or a brand. */
    static boolean isLetterWord(String w) {
        for (int i = 0, n = w.length(); i < n; i++) {
            char c = w.charAt(i);
            if (c < 0x80 ? c <= '9' : Character.isDigit(c)) return false; // tokens hold no ASCII below '0'
        }
        return true;
    }

    /** The word's hash (never 0, which marks a free slot); String caches hashCode, so this is cheap. */
    static int hash(String w) {
        int h = w.hashCode() * 0x9E37_79B1;
        h ^= h >>> 15;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        return h == 0 ? 1 : h;
    }

    private int find(int key) {
        int mask = keys.length - 1;
        for (int i = key & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) return i;
            if (keys[i] == 0) return -1;
        }
    }

    private void add(int key) {
        int mask = keys.length - 1;
        int i = key & mask;
        for (; keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                if (counts[i] < Character.MAX_VALUE) counts[i]++;
                return;
            }
        }
        if (size >= MAX_WORDS) {
            prune();
            add(key);
            return;
        }
        keys[i] = key;
        counts[i] = 1;
        size++;
        if (size * 2 > keys.length && keys.length < MAX_SLOTS) rehash(keys.length * 2, 0);
    }

    /** Drops the rarest words (count 1, then 2, ...) until at most {@link #PRUNED_SIZE} remain. */
    private void prune() {
        int[] histogram = new int[17]; // counts 1..15, and 16 for everything above
        for (int k = 0; k < keys.length; k++) if (keys[k] != 0) histogram[Math.min(counts[k], 16)]++;
        int drop = 0, dropped = 0;
        while (size - dropped > PRUNED_SIZE && drop < 15) dropped += histogram[++drop];
        if (size - dropped > PRUNED_SIZE) { // all words are common: forget half of everything instead
            halve();
            if (size > PRUNED_SIZE) prune();
            return;
        }
        rehash(keys.length, drop);
    }

    /** Halves every count, dropping the words that reach 0. */
    private void halve() {
        for (int k = 0; k < keys.length; k++) counts[k] >>>= 1;
        learned /= 2;
        sinceHalving = 0;
        rehash(keys.length, 0);
    }

    /** Rebuilds the table at {@code slots}, keeping the words counted above {@code drop}. */
    private void rehash(int slots, int drop) {
        int[] oldKeys = keys;
        char[] oldCounts = counts;
        keys = new int[slots];
        counts = new char[slots];
        size = 0;
        int mask = slots - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] == 0 || oldCounts[k] <= drop) continue;
            int i = oldKeys[k] & mask;
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = oldKeys[k];
            counts[i] = oldCounts[k];
            size++;
        }
    }
}
