package org.winnow.engine.features;

/**
 * Murmur3-style 32-bit hashing of chars, written for the feature hasher: one mixing step per char
 * so that n-grams can be hashed incrementally without building strings.
 */
public final class Murmur {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur() {}

    /** Mixes one 16-bit unit into a running hash. */
    public static int step(int h, int unit) {
        return stepMixed(h, mix(unit));
    }

    /**
     * The part of {@link #step} that depends on the unit alone: a text's units can be mixed once and
     * then stepped into every n-gram that covers them ({@code step(h, u) == stepMixed(h, mix(u))}).
     */
    static int mix(int unit) {
        return Integer.rotateLeft(unit * C1, 15) * C2;
    }

    /** {@link #step} with a unit already {@link #mix mixed}. */
    static int stepMixed(int h, int mixed) {
        return Integer.rotateLeft(h ^ mixed, 13) * 5 + 0xe6546b64;
    }

    /** Final avalanche; {@code length} makes prefixes hash differently. */
    public static int finish(int h, int length) {
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    public static int hash(int seed, CharSequence s) {
        return hash(seed, s, 0, s.length());
    }

    public static int hash(int seed, CharSequence s, int from, int to) {
        return finish(update(seed, s, from, to), to - from);
    }

    /** Mixes {@code s[from, to)} into a running hash, without the final avalanche (for hashing in parts). */
    public static int update(int h, CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) h = step(h, s.charAt(i));
        return h;
    }

    /** Combines two hashes (e.g. a bigram of two word hashes, or a site salt and a feature). */
    public static int combine(int a, int b) {
        return finish(step(step(0x9747b28c, a), b), 8);
    }
}
