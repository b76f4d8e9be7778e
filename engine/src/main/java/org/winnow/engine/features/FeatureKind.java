package org.winnow.engine.features;

/** Families of features; each has its own hash seed and the signal name shown in explanations. */
public enum FeatureKind {
    WORD("token", 0x1b3f),
    BIGRAM("phrase", 0x2c41),
    CHARS("chars", 0x3d57),
    LINK("link", 0x4e6b),
    SHAPE("shape", 0x5f79),
    OBFUSCATION("obfuscation", 0x6a83),
    AUTHOR("author", 0x7b95),
    CONTEXT("context", 0x8ca7);

    private final String signalName;
    private final int seed;

    FeatureKind(String signalName, int seed) {
        this.signalName = signalName;
        this.seed = seed * 0x9E3779B1;
    }

    /** Stable machine name used in {@link org.winnow.engine.Signal#name()}. */
    public String signalName() {
        return signalName;
    }

    int seed() {
        return seed;
    }
}
