package org.winnow.engine.features;

import java.util.Arrays;

/**
 * The hashed features of one comment, in parallel primitive arrays. Each feature keeps a small
 * reference to where it came from (a word index, an n-gram offset, a name index), so an explanation
 * can name it without the hot path building strings, and training can hold millions compactly.
 */
public final class Features {
    private static final FeatureKind[] KINDS = FeatureKind.values();
    private static final String[] NO_WORDS = new String[0];

    /**
     * Value of a named (meta) feature: a quarter of a unit-length text group, so link, shape and context
     * signals cannot outweigh the words under the same regularisation (chosen by leave-one-video-out
     * cross-validation on the training videos of the yt-video-holdout split: 1, 0.5, 0.25, 0.15, 0.1
     * gave accuracy 0.950, 0.952, 0.957, 0.957, 0.953).
     */
    static final float META = 0.25f;

    private int size;
    private int[] hashes;
    private float[] values;
    private byte[] kinds;
    private int[] aux;
    private String[] words;
    /**
     * A named feature's name is {@code namePrefix + nameSuffix} (suffix null when the name is a
     * constant): joined only when an explanation shows it, so extraction concatenates nothing.
     */
    private String[] namePrefix = new String[16];
    private String[] nameSuffix = new String[16];
    /** The feature index of each named feature, in the order they were added. */
    private int[] nameFeature = new int[16];
    private int nameCount;
    /** Hashes of the character shingles, for near-duplicate detection. */
    private int[] shingles;
    private int shingleCount;
    private int[] priorIndex = new int[4];
    private float[] priorValue = new float[4];
    private int priorCount;
    private int linkCount;
    private boolean honeypotFilled;
    /** Extraction's working space (see {@link #workspace}); released by {@link #trim}. */
    private int[] workspace = NO_INTS;
    private static final int[] NO_INTS = new int[0];
    /** Scratch for a scorer's per-feature contributions (see {@link #contributionBuffer}). */
    private double[] contributions = NO_CONTRIBUTIONS;
    private static final double[] NO_CONTRIBUTIONS = new double[0];

    Features(int capacity) {
        words = NO_WORDS;
        hashes = new int[capacity];
        values = new float[capacity];
        kinds = new byte[capacity];
        aux = new int[capacity];
        shingles = new int[Math.max(8, capacity / 3)];
    }

    /** Empties this instance for the next comment, keeping its arrays (per-thread scratch). */
    void reset(String[] newWords, int capacity) {
        words = newWords;
        size = 0;
        Arrays.fill(namePrefix, 0, nameCount, null);
        Arrays.fill(nameSuffix, 0, nameCount, null);
        nameCount = 0;
        shingleCount = 0;
        priorCount = 0;
        linkCount = 0;
        honeypotFilled = false;
        if (hashes.length < capacity) grow(capacity);
        if (shingles.length < capacity / 3) shingles = new int[capacity / 3];
    }

    /** How many features fit without growing. */
    int capacity() {
        return hashes.length;
    }

    void add(FeatureKind kind, int hash, float value, int auxData) {
        if (size == hashes.length) grow(hashes.length * 2 + 8);
        hashes[size] = hash;
        values[size] = value;
        kinds[size] = (byte) kind.ordinal();
        aux[size] = auxData;
        size++;
    }

    /** Adds a named (meta) feature; its name is {@code prefix + suffix} ({@code suffix} may be null). */
    void addNamed(FeatureKind kind, int hash, String prefix, String suffix) {
        if (nameCount == namePrefix.length) {
            int grown = Math.max(8, nameCount * 2);
            namePrefix = Arrays.copyOf(namePrefix, grown);
            nameSuffix = Arrays.copyOf(nameSuffix, grown);
            nameFeature = Arrays.copyOf(nameFeature, grown);
        }
        nameFeature[nameCount] = size;
        add(kind, hash, META, nameCount);
        namePrefix[nameCount] = prefix;
        nameSuffix[nameCount] = suffix;
        nameCount++;
    }

    /**
     * A named feature that also carries a fixed prior in log-odds, added to the score whatever the model
     * learned (for tricks that only spammers use, which training data may never show).
     */
    void addNamed(FeatureKind kind, int hash, String name, float priorLogOdds) {
        if (priorCount == priorIndex.length) {
            priorIndex = Arrays.copyOf(priorIndex, priorCount * 2);
            priorValue = Arrays.copyOf(priorValue, priorCount * 2);
        }
        priorIndex[priorCount] = size;
        priorValue[priorCount] = priorLogOdds;
        priorCount++;
        addNamed(kind, hash, name, null);
    }

    /** How many features carry a fixed prior. */
    public int priorCount() { return priorCount; }
    /** The feature index of the {@code k}-th prior. */
    public int priorIndex(int k) { return priorIndex[k]; }
    /** The {@code k}-th prior, in log-odds. */
    public float priorValue(int k) { return priorValue[k]; }

    void addShingle(int hash) {
        if (shingleCount == shingles.length) shingles = Arrays.copyOf(shingles, shingles.length * 2);
        shingles[shingleCount++] = hash;
    }

    void scale(int from, int to, float factor) {
        for (int i = from; i < to; i++) values[i] *= factor;
    }

    /**
     * At least {@code n} ints for the extractor's own use while it fills this instance, kept with a
     * reused (per-thread) instance so extraction allocates no working arrays per comment. Holds
     * whatever the last extraction left in it.
     */
    int[] workspace(int n) {
        if (workspace.length < n) workspace = new int[Math.max(n, 2 * workspace.length)];
        return workspace;
    }

    /** Releases spare capacity once extraction is done (for instances that are kept, as in training). */
    void trim() {
        workspace = NO_INTS;
        if (hashes.length > size) grow(size);
        if (shingles.length > shingleCount) shingles = Arrays.copyOf(shingles, shingleCount);
        if (namePrefix.length > nameCount) {
            namePrefix = Arrays.copyOf(namePrefix, nameCount);
            nameSuffix = Arrays.copyOf(nameSuffix, nameCount);
            nameFeature = Arrays.copyOf(nameFeature, nameCount);
        }
    }

    private void grow(int n) {
        hashes = Arrays.copyOf(hashes, n);
        values = Arrays.copyOf(values, n);
        kinds = Arrays.copyOf(kinds, n);
        aux = Arrays.copyOf(aux, n);
    }

    void setLinkCount(int n) { linkCount = n; }
    void setHoneypotFilled(boolean v) { honeypotFilled = v; }

    public int size() { return size; }
    public int hash(int i) { return hashes[i]; }
    public float value(int i) { return values[i]; }
    public FeatureKind kind(int i) { return KINDS[kinds[i]]; }
    public int shingleCount() { return shingleCount; }
    /** How many named (link, shape, obfuscation, author, context) features there are. */
    public int namedCount() { return nameCount; }
    /** The feature index of the {@code k}-th named feature; they come in feature order. */
    public int namedFeature(int k) { return nameFeature[k]; }
    public int shingle(int i) { return shingles[i]; }
    public int linkCount() { return linkCount; }
    public boolean honeypotFilled() { return honeypotFilled; }

    /**
     * An array of at least {@link #size()} doubles for a scorer to put each feature's contribution in,
     * kept with this instance: judging reuses the per-thread instance, so it allocates no new array
     * per comment. Holds whatever the last user left in it.
     */
    public double[] contributionBuffer() {
        if (contributions.length < size) contributions = new double[Math.max(size, 2 * contributions.length)];
        return contributions;
    }

    /** Squared L2 norm of the feature values. */
    public double squaredNorm() {
        double s = 0;
        for (int i = 0; i < size; i++) s += (double) values[i] * values[i];
        return s;
    }

    /** Index of the word a word or character-n-gram feature came from, or -1 for other features. */
    public int wordIndex(int i) {
        int k = kinds[i];
        if (k == CHARS) return aux[i] >>> 12;
        if (k == WORD) return aux[i];
        return -1;
    }

    private static final int WORD = FeatureKind.WORD.ordinal();
    private static final int BIGRAM = FeatureKind.BIGRAM.ordinal();
    private static final int CHARS = FeatureKind.CHARS.ordinal();

    public int wordCount() {
        return words.length;
    }

    public String word(int index) {
        return words[index];
    }

    /** The word a word or character-n-gram feature came from; otherwise the feature's name. */
    public String source(int i) {
        if (kinds[i] == CHARS) return words[aux[i] >>> 12];
        return describe(i);
    }

    /**
     * Compares {@link #describe} of two features of the same kind as strings would, without building
     * them for words and phrases (a phrase is its words joined by a space, which sorts below every
     * word character, so comparing word by word gives the same order).
     */
    public int compareDescriptions(int i, int j) {
        int k = kinds[i];
        if (k == kinds[j] && (k == WORD || k == BIGRAM)) {
            int c = words[aux[i]].compareTo(words[aux[j]]);
            return c != 0 || k == WORD ? c : words[aux[i] + 1].compareTo(words[aux[j] + 1]);
        }
        return describe(i).compareTo(describe(j));
    }

    /** A readable name for feature {@code i}: the token, the phrase, the n-gram, or the meta feature. */
    /**
     * The variable part of named feature {@code i} when its name is {@code prefix} + that part (e.g. the
     * domain of {@code "domain:example.com"}), else null. Builds no string: for readers on the hot path.
     */
    public String nameAfter(int i, String prefix) {
        int k = kinds[i];
        if (k == WORD || k == BIGRAM || k == CHARS) return null;
        return prefix.equals(namePrefix[aux[i]]) ? nameSuffix[aux[i]] : null;
    }

    public String describe(int i) {
        int k = kinds[i];
        if (k == WORD) return words[aux[i]];
        if (k == BIGRAM) {
            // a StringBuilder, not "+": profiles of the judge caught the shared concatenation helper
            // running slowly in some JVM runs (7 % of a judge), and phrases are the most common signal
            String first = words[aux[i]], second = words[aux[i] + 1];
            return new StringBuilder(first.length() + 1 + second.length()).append(first).append(' ').append(second).toString();
        }
        if (k == CHARS) {
            String word = words[aux[i] >>> 12];
            int start = (aux[i] >>> 4) & 0xff;
            int n = aux[i] & 15;
            StringBuilder b = new StringBuilder(n);
            for (int p = start; p < start + n; p++) b.append(p == 0 || p == word.length() + 1 ? '_' : word.charAt(p - 1));
            return b.toString();
        }
        String suffix = nameSuffix[aux[i]];
        return suffix == null ? namePrefix[aux[i]] : namePrefix[aux[i]] + suffix;
    }
}
