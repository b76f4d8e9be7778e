package org.winnow.engine.model;

/**
 * Hyper-parameters of the learner and the decision, stored in the model file.
 *
 * @param hashBits          log2 of the global weight table size
 * @param siteHashBits      log2 of the table of site-salted adjustments
 * @param learningRate      AdaGrad step size for the logistic-regression weights
 * @param nbWeight          weight of the naive-Bayes log-count ratios added to each feature's weight
 * @param nbPrior           additive smoothing of the naive-Bayes counts
 * @param spamCorrectionMargin log-odds by which a site's correction to spam (a missed spam) must end above the
 *                          threshold: small, because the site's other comments share most of that comment's
 *                          features, and a large move would push them towards spam too
 * @param hamCorrectionMargin log-odds by which a correction to ham (a false positive) must end below the
 *                          threshold: large, since a real comment sent to spam is the costly mistake
 * @param memoryCapacity    how many learned examples the near-duplicate memory keeps (oldest evicted)
 * @param memorySimilarity  estimated Jaccard similarity from which a remembered example counts as a near duplicate
 * @param memoryWeight      log-odds the near-duplicate signal adds at similarity 1
 * @param threshold         decision threshold on the log-odds: spam at or above it
 * @param discardMargin     log-odds above the threshold from which spam with a link counts as blatant
 */
public record ModelParams(int hashBits, int siteHashBits, double learningRate, double nbWeight, double nbPrior,
                          double spamCorrectionMargin, double hamCorrectionMargin, int memoryCapacity, double memorySimilarity,
                          double memoryWeight, double threshold, double discardMargin) {

    public static ModelParams defaults() {
        return new ModelParams(20, 18, 0.5, 0.05, 1.0, 0.1, 2.0, 20_000, 0.6, 8.0, 0.0, 8.0);
    }

    public ModelParams {
        if (hashBits < 8 || hashBits > 26) throw new IllegalArgumentException("hashBits out of range: " + hashBits);
        if (siteHashBits < 8 || siteHashBits > 26) throw new IllegalArgumentException("siteHashBits out of range: " + siteHashBits);
        if (!(spamCorrectionMargin >= 0) || !(hamCorrectionMargin >= 0)) {
            throw new IllegalArgumentException("correction margins must be >= 0: " + spamCorrectionMargin + ", " + hamCorrectionMargin);
        }
        if (memoryCapacity < 0) throw new IllegalArgumentException("memoryCapacity < 0");
    }

    /** The same with other correction margins (see the record's description). */
    public ModelParams withCorrectionMargins(double spam, double ham) {
        return new ModelParams(hashBits, siteHashBits, learningRate, nbWeight, nbPrior, spam, ham,
                memoryCapacity, memorySimilarity, memoryWeight, threshold, discardMargin);
    }

    public ModelParams withThreshold(double t) {
        return new ModelParams(hashBits, siteHashBits, learningRate, nbWeight, nbPrior, spamCorrectionMargin, hamCorrectionMargin,
                memoryCapacity, memorySimilarity, memoryWeight, t, discardMargin);
    }

    public ModelParams withLearningRate(double v) {
        return new ModelParams(hashBits, siteHashBits, v, nbWeight, nbPrior, spamCorrectionMargin, hamCorrectionMargin,
                memoryCapacity, memorySimilarity, memoryWeight, threshold, discardMargin);
    }

    public ModelParams withNbWeight(double v) {
        return new ModelParams(hashBits, siteHashBits, learningRate, v, nbPrior, spamCorrectionMargin, hamCorrectionMargin,
                memoryCapacity, memorySimilarity, memoryWeight, threshold, discardMargin);
    }

    public ModelParams withHashBits(int bits) {
        return new ModelParams(bits, siteHashBits, learningRate, nbWeight, nbPrior, spamCorrectionMargin, hamCorrectionMargin,
                memoryCapacity, memorySimilarity, memoryWeight, threshold, discardMargin);
    }

    public ModelParams withMemoryCapacity(int n) {
        return new ModelParams(hashBits, siteHashBits, learningRate, nbWeight, nbPrior, spamCorrectionMargin, hamCorrectionMargin,
                n, memorySimilarity, memoryWeight, threshold, discardMargin);
    }
}
