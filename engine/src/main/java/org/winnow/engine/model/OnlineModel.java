package org.winnow.engine.model;

import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.Features;
import org.winnow.engine.features.Murmur;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The mutable working copy of a {@link Model}: scores feature vectors and learns one example at a time.
 *
 * <p>The score is a logistic regression over hashed features whose weights are the sum of a learned
 * weight (AdaGrad), a naive-Bayes log-count ratio for the feature, and, for a site that has taught the
 * model anything, a site-salted adjustment. Corrections move the site adjustment passive-aggressively:
 * just far enough that the example ends on its side of the threshold with a margin: a small one for spam
 * and a large one for ham, because a missed spam shares most of its features with the site's real
 * comments, and a real comment sent to spam is the costly mistake. Learned examples
 * also go into a near-duplicate memory. All arithmetic that changes state is deterministic (StrictMath),
 * so replaying the same learn calls gives the same model. Not thread-safe: callers lock.
 */
public final class OnlineModel {
    /** Share of the learning rate a site's correction applies to the global weights (the rest goes to the site). */
    static final double SITE_GLOBAL_SHARE = 0.1;
    private static final int PASSIVE_AGGRESSIVE_ROUNDS = 4;
    private static final int LOG_TABLE_SIZE = 1 << 16;
    /** The log table per naive-Bayes prior, shared: it never changes, and training makes many working models. */
    private static final java.util.Map<Double, double[]> LOG_TABLES = new java.util.concurrent.ConcurrentHashMap<>();

    private final FeatureConfig config;
    private final ModelParams params;
    private final int mask;
    /** 32 - siteHashBits: {@link #siteSlot} keeps the top bits of its product. */
    private final int siteShift;
    /**
     * Per global slot, side by side: the learned weight, the spam and ham counts, and the naive-Bayes
     * weight nbWeight * (ln(spam + prior) - ln(ham + prior)) (which changes only when the counts do).
     * Learning touches all four of a feature's values, so keeping them in one 16-byte run costs one
     * cache miss per feature instead of four; scoring reads only {@link #combined}.
     */
    private final float[] slotValues;
    private static final int WEIGHT = 0, SPAM = 1, HAM = 2, NAIVE_BAYES = 3, STRIDE = 4;
    /** weight + naive-Bayes weight per slot, kept in step so scoring reads one array. */
    private final float[] combined;
    /** ln(n + prior) for small whole counts: the log is the cost of counting, and StrictMath keeps it exact. */
    private final double[] logTable;
    private final float[] siteWeights;
    private final Set<Integer> trainedSites;
    private double bias;
    private long spamExamples;
    private long hamExamples;
    /** The naive-Bayes class-size term, applied per unit of feature value. */
    private double perUnitPrior;
    private final NearDuplicateMemory memory;
    /** learn's scratch for a comment's site slots (callers lock, so one is enough). */
    private final int[] siteSlots = new int[4096];

    private OnlineModel(Model m) {
        config = m.config;
        params = m.params;
        mask = mask(params);
        siteShift = 32 - params.siteHashBits();
        int slots = m.weights.length;
        slotValues = new float[slots * STRIDE];
        combined = new float[slots];
        siteWeights = m.siteWeights.clone();
        trainedSites = new HashSet<>();
        for (int s : m.trainedSites) trainedSites.add(s);
        bias = m.bias;
        spamExamples = m.spamExamples;
        hamExamples = m.hamExamples;
        memory = m.memory.copy(params.memoryCapacity());
        logTable = LOG_TABLES.computeIfAbsent(params.nbPrior(), prior -> {
            double[] t = new double[LOG_TABLE_SIZE];
            for (int i = 0; i < LOG_TABLE_SIZE; i++) t[i] = StrictMath.log(i + prior);
            return t;
        });
        // Most slots of a model are empty (and all of a new one): those stay the zeros the arrays start
        // with. Raw bits, so that a weight of -0.0 is copied as it is.
        for (int i = 0; i < slots; i++) {
            float w = m.weights[i], spam = m.spamCounts[i], ham = m.hamCounts[i];
            if (Float.floatToRawIntBits(w) == 0 && spam == 0 && ham == 0) continue;
            int at = i * STRIDE;
            slotValues[at + WEIGHT] = w;
            slotValues[at + SPAM] = spam;
            slotValues[at + HAM] = ham;
            if (spam != 0 || ham != 0) slotValues[at + NAIVE_BAYES] = naiveBayesWeight(at);
            combined[i] = w + slotValues[at + NAIVE_BAYES];
        }
        updatePrior();
    }

    /** A working copy of {@code model}; the model itself is not changed. */
    public static OnlineModel of(Model model) {
        return new OnlineModel(model);
    }

    /** An immutable copy of the current state. */
    public Model toModel() {
        int[] sites = trainedSites.stream().mapToInt(Integer::intValue).sorted().toArray();
        int slots = combined.length;
        float[] weights = new float[slots], spamCounts = new float[slots], hamCounts = new float[slots];
        for (int i = 0; i < slots; i++) {
            weights[i] = slotValues[i * STRIDE + WEIGHT];
            spamCounts[i] = slotValues[i * STRIDE + SPAM];
            hamCounts[i] = slotValues[i * STRIDE + HAM];
        }
        return new Model(config, params, weights, spamCounts, hamCounts,
                siteWeights.clone(), sites, bias, spamExamples, hamExamples,
                memory.copy(params.memoryCapacity()));
    }

    public FeatureConfig config() {
        return config;
    }

    public ModelParams params() {
        return params;
    }

    /** The salt that keys a site's adjustments; 0 means "no site" (global only). */
    public static int siteSalt(String site) {
        if (site == null || site.isEmpty()) return 0;
        int h = Murmur.hash(0x51735173, site);
        return h == 0 ? 1 : h;
    }

    /**
     * The log-odds of spam for these features (without the near-duplicate memory). When
     * {@code contributions} is given, it receives each feature's share; the rest is the bias.
     */
    public double logOdds(int siteSalt, Features f, double[] contributions) {
        boolean site = siteSalt != 0 && trainedSites.contains(siteSalt);
        double sum = bias;
        int n = f.size();
        for (int i = 0; i < n; i++) {
            int h = f.hash(i);
            double w = combined[h & mask] + perUnitPrior;
            if (site) w += siteWeights[siteSlot(siteSalt, h, siteShift)];
            double c = w * f.value(i);
            sum += c;
            if (contributions != null) contributions[i] = c;
        }
        for (int k = 0; k < f.priorCount(); k++) {
            float p = f.priorValue(k);
            sum += p;
            if (contributions != null) contributions[f.priorIndex(k)] += p;
        }
        return sum;
    }

    public double bias() {
        return bias;
    }

    /** Adds the example to the naive-Bayes counts (once per example). */
    public void count(Features f, boolean spam) {
        int count = spam ? SPAM : HAM;
        int n = f.size();
        // Two passes: the first only increments, so the cache misses of its independent slots overlap
        // instead of each waiting behind the logs of the one before; the second finds them in cache. A
        // slot is a function of its final counts, so this is what updating after each increment gives.
        increment(f, count);
        for (int i = 0; i < n; i++) {
            int idx = f.hash(i) & mask;
            int at = idx * STRIDE;
            float nb = naiveBayesWeight(at);
            slotValues[at + NAIVE_BAYES] = nb;
            combined[idx] = slotValues[at + WEIGHT] + nb;
        }
        if (spam) spamExamples++;
        else hamExamples++;
        updatePrior();
    }

    /**
     * Adds many examples to the naive-Bayes counts: the same result as {@link #count} on each of
     * {@code rows} in order, but the derived weights are brought up to date once at the end instead of
     * after every feature (batch training counts millions of features).
     */
    public void countAll(Features[] features, boolean[] labels, int[] rows) {
        for (int r : rows) {
            int count = labels[r] ? SPAM : HAM;
            increment(features[r], count);
            if (labels[r]) spamExamples++;
            else hamExamples++;
        }
        refreshAll();
        updatePrior();
    }

    /** Adds one to the {@code count} (SPAM or HAM) of every feature's slot, derived weights left as they were. */
    private void increment(Features f, int count) {
        for (int i = 0, n = f.size(); i < n; i++) slotValues[(f.hash(i) & mask) * STRIDE + count] += 1f;
    }

    /**
     * One stochastic-gradient step of the global logistic loss on this example, with step size
     * {@code rate} per unit of squared feature value (plain SGD: the shipped model carries no optimiser state).
     */
    public void gradientStep(Features f, boolean spam, double rate) {
        double p = sigmoid(logOdds(0, f, null));
        double g = p - (spam ? 1 : 0);
        bias -= rate * g * 0.1; // the bias touches every comment: it moves a tenth as fast
        int n = f.size();
        for (int i = 0; i < n; i++) {
            int idx = f.hash(i) & mask;
            int at = idx * STRIDE;
            slotValues[at + WEIGHT] -= (float) (rate * g * f.value(i));
            combined[idx] = slotValues[at + WEIGHT] + slotValues[at + NAIVE_BAYES];
        }
    }

    /**
     * The slot of a feature's adjustment for a site: the feature hash (already well mixed) salted by
     * the site, then multiplicative (Fibonacci) hashing, whose top bits are well spread. One
     * multiplication per feature, where the Murmur round of model formats before 4 took five: a site
     * that has taught the model looks this up for every feature of every comment it judges.
     */
    static int siteSlot(int siteSalt, int hash, int shift) {
        return ((hash ^ siteSalt) * 0x9E3779B9) >>> shift;
    }

    /** The global weight slot of a feature hash. */
    public int slot(int hash) {
        return hash & mask;
    }

    /**
     * {@link #slot} of every model with these params, without building one (a working model holds
     * tens of megabytes): for a batch trainer that lays out the solver's rows by slot.
     */
    public static IntUnaryOperator slots(ModelParams params) {
        int m = mask(params);
        return hash -> hash & m;
    }

    private static int mask(ModelParams params) {
        return (1 << params.hashBits()) - 1;
    }

    /** Number of global weight slots. */
    public int slots() {
        return combined.length;
    }

    /** Replaces the global weights and bias, e.g. with a batch solver's solution (counts are kept). */
    public void setGlobalWeights(double[] w, double newBias) {
        if (w.length != combined.length) throw new IllegalArgumentException("expected " + combined.length + " weights");
        for (int i = 0; i < w.length; i++) {
            slotValues[i * STRIDE + WEIGHT] = (float) w[i];
            combined[i] = slotValues[i * STRIDE + WEIGHT] + slotValues[i * STRIDE + NAIVE_BAYES];
        }
        bias = newBias;
    }

    /**
     * Learns a labelled example the way a moderator's label should act: naive-Bayes counts, one small
     * global gradient step (a tenth of the rate when a site is given), then a passive-aggressive move of the
     * site's adjustments until the example clears the threshold by its label's correction margin, and it is
     * remembered for near-duplicate look-ups.
     */
    public void learn(String site, Features f, boolean spam) {
        count(f, spam);
        int salt = siteSalt(site);
        gradientStep(f, spam, salt == 0 ? params.learningRate() : params.learningRate() * SITE_GLOBAL_SHARE);
        if (salt == 0) return;
        trainedSites.add(salt);
        double sign = spam ? 1 : -1;
        double margin = spam ? params.spamCorrectionMargin() : params.hamCorrectionMargin();
        int n = f.size();
        int[] slots = n <= siteSlots.length ? siteSlots : new int[n]; // a rare long comment gets its own
        for (int i = 0; i < n; i++) slots[i] = siteSlot(salt, f.hash(i), siteShift);
        // The global part of the score does not change while the site adjustments move: compute it once.
        double global = logOdds(0, f, null);
        double norm = f.squaredNorm();
        for (int round = 0; round < PASSIVE_AGGRESSIVE_ROUNDS && norm > 0; round++) {
            double adjust = 0;
            for (int i = 0; i < n; i++) adjust += siteWeights[slots[i]] * f.value(i);
            double loss = margin - sign * (global + adjust - params.threshold());
            if (loss <= 0) break;
            double tau = loss / norm;
            for (int i = 0; i < n; i++) siteWeights[slots[i]] += (float) (sign * tau * f.value(i));
        }
        memory.add(salt, NearDuplicateMemory.signature(f), spam);
    }

    /** The most similar remembered example of this site, or null. */
    public DuplicateMatch nearestLearned(int siteSalt, Features f) {
        // only learn() remembers examples, and it marks the site trained first: a site that has taught
        // nothing has nothing remembered, so it skips the signature and the band look-ups
        if (siteSalt == 0 || memory.size() == 0 || !trainedSites.contains(siteSalt)) return null;
        NearDuplicateMemory.Match m = memory.nearest(siteSalt, NearDuplicateMemory.signature(f));
        return m == null ? null : new DuplicateMatch(m.similarity(), m.spam());
    }

    /** A remembered example close to the one judged: estimated Jaccard similarity and its label. */
    public record DuplicateMatch(double similarity, boolean spam) {}

    /** The naive-Bayes weight of the slot whose values start at {@code at}. */
    private float naiveBayesWeight(int at) {
        return (float) (params.nbWeight() * (logOfCount(slotValues[at + SPAM]) - logOfCount(slotValues[at + HAM])));
    }

    /** Every slot's naive-Bayes weight and sum from its counts and weight. */
    private void refreshAll() {
        for (int i = 0; i < combined.length; i++) {
            int at = i * STRIDE;
            if (slotValues[at + SPAM] != 0 || slotValues[at + HAM] != 0) slotValues[at + NAIVE_BAYES] = naiveBayesWeight(at);
            combined[i] = slotValues[at + WEIGHT] + slotValues[at + NAIVE_BAYES];
        }
    }

    private double logOfCount(float count) {
        int n = (int) count;
        return n == count && n < LOG_TABLE_SIZE ? logTable[n] : StrictMath.log(count + params.nbPrior());
    }

    private void updatePrior() {
        double prior = 2 * params.nbPrior();
        perUnitPrior = params.nbWeight() * (StrictMath.log(hamExamples + prior) - StrictMath.log(spamExamples + prior));
    }

    static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + StrictMath.exp(-z));
        double e = StrictMath.exp(z);
        return e / (1 + e);
    }
}
