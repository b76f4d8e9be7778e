package org.winnow.engine.features;

/**
 * The name of a named (meta) feature, hashed once: {@code prefix} alone, or {@code prefix} followed
 * by a suffix known only per comment (a domain, a word), whose characters are mixed into the
 * prefix's running hash. Either way the hash is exactly {@code Murmur.hash(kind seed, prefix + suffix)},
 * so no string is built while extracting and models trained before stay valid; the readable name is
 * joined only if an explanation shows the feature.
 */
final class FeatureName {
    private final FeatureKind kind;
    private final String prefix;
    /** Running hash after the prefix's characters. */
    private final int state;
    /** Hash of the prefix alone as a whole name. */
    private final int hash;

    FeatureName(FeatureKind kind, String prefix) {
        this.kind = kind;
        this.prefix = prefix;
        this.state = Murmur.update(kind.seed(), prefix, 0, prefix.length());
        this.hash = Murmur.finish(state, prefix.length());
    }

    /** Names {@code prefix + v + suffix} for every {@code v} in {@code 0..max}, indexed by {@code v}. */
    static FeatureName[] numbered(FeatureKind kind, String prefix, int max, String suffix) {
        FeatureName[] names = new FeatureName[max + 1];
        for (int v = 0; v <= max; v++) names[v] = new FeatureName(kind, prefix + v + suffix);
        return names;
    }

    /** Names {@code prefix + suffixes[i]}, indexed by {@code i}. */
    static FeatureName[] choices(FeatureKind kind, String prefix, String... suffixes) {
        FeatureName[] names = new FeatureName[suffixes.length];
        for (int i = 0; i < suffixes.length; i++) names[i] = new FeatureName(kind, prefix + suffixes[i]);
        return names;
    }

    /** Adds the feature this name stands for. */
    void add(Features f) {
        f.addNamed(kind, hash, prefix, null);
    }

    /** Adds the feature with a fixed prior in log-odds (see {@link Features#priorCount()}). */
    void add(Features f, float priorLogOdds) {
        f.addNamed(kind, hash, prefix, priorLogOdds);
    }

    /** Adds the feature named {@code prefix + suffix}. */
    void add(Features f, String suffix) {
        f.addNamed(kind, hash(suffix), prefix, suffix);
    }

    /** The hash of the feature named {@code prefix + suffix}. */
    int hash(String suffix) {
        return Murmur.finish(Murmur.update(state, suffix, 0, suffix.length()), prefix.length() + suffix.length());
    }
}
