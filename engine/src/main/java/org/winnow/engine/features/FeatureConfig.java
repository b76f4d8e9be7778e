package org.winnow.engine.features;

/**
 * Which feature families and normalisation steps are on. Stored in the model so that training and
 * serving always extract the same features; the switches exist for ablation studies.
 */
public record FeatureConfig(boolean words, boolean bigrams, boolean charGrams, boolean links, boolean shape,
                            boolean deobfuscation, boolean context) {

    public static FeatureConfig all() {
        return new FeatureConfig(true, true, true, true, true, true, true);
    }

    int bits() {
        return (words ? 1 : 0) | (bigrams ? 2 : 0) | (charGrams ? 4 : 0) | (links ? 8 : 0) | (shape ? 16 : 0)
                | (deobfuscation ? 32 : 0) | (context ? 64 : 0);
    }

    /** Packed form for the model file. */
    public int toBits() {
        return bits();
    }

    public static FeatureConfig fromBits(int b) {
        return new FeatureConfig((b & 1) != 0, (b & 2) != 0, (b & 4) != 0, (b & 8) != 0, (b & 16) != 0,
                (b & 32) != 0, (b & 64) != 0);
    }

    public FeatureConfig withWords(boolean v) { return new FeatureConfig(v, bigrams, charGrams, links, shape, deobfuscation, context); }
    public FeatureConfig withBigrams(boolean v) { return new FeatureConfig(words, v, charGrams, links, shape, deobfuscation, context); }
    public FeatureConfig withCharGrams(boolean v) { return new FeatureConfig(words, bigrams, v, links, shape, deobfuscation, context); }
    public FeatureConfig withLinks(boolean v) { return new FeatureConfig(words, bigrams, charGrams, v, shape, deobfuscation, context); }
    public FeatureConfig withShape(boolean v) { return new FeatureConfig(words, bigrams, charGrams, links, v, deobfuscation, context); }
    public FeatureConfig withDeobfuscation(boolean v) { return new FeatureConfig(words, bigrams, charGrams, links, shape, v, context); }
    public FeatureConfig withContext(boolean v) { return new FeatureConfig(words, bigrams, charGrams, links, shape, deobfuscation, v); }
}
