package org.winnow.engine.model;

/**
 * Hyper-parameters of the learner and the decision, stored in the model file.
 *
 * @param hashBits          log2 of the global weight table size
 * @param siteHashBits      log2 of the table of site-salted adjustments
 * @param learningRate      AdaGrad step size for the logistic-regression weights
 * @param nbWeight          weight of the naive-Bayes log-count ratios added to each feature's weight
 * @param nbPrior           additive smoothing of the naive-Bayes counts
 * @param correctionMargin  log-odds margin a learned example must clear on its side of the threshold
 * @param memoryCapacity    how many learned examples the near-duplicate memory keeps (oldest evicted)
 * @param memorySimilarity  estimated Jaccard similarity from which a remembered example counts as a near duplicate
 * @param memoryWeight      log-odds the near-duplicate signal adds at similarity 1
 * @param threshold         decision threshold on the log-odds: spam at or above it
 * @param discardMargin     log-odds above the threshold from which spam with a link counts as blatant
 */
public record ModelParams(int hashBits, int siteHashBits, double learningRate, double nbWeight, double nbPrior,
                          double correctionMargin, int memoryCapacity, double memorySimilarity,
                          double memoryWeight, double threshold, double discardMargin) {

    public static ModelParams defaults() {
        return new ModelParams(20, 18, 0.5, 0.05, 1.0, 2.0, 20_000, 0.6, 8.0, 0.0, 8.0);
    }

    public ModelParams {
        if (hashBits < 8 || hashBits > 26) throw new IllegalArgumentException("hashBits out of range: " + hashBits);
        if (siteHashBits < 8 || siteHashBits > 26) throw new IllegalArgumentException("siteHashBits out of range: " + siteHashBits);
        if (memoryCapacity < 0) throw new IllegalArgumentException("memoryCapacity < 0");
    }

    public ModelParams withThreshold(double t) {
        return new ModelParams(hashBits, siteHashBits, learningRate, nbWeight, nbPrior, correctionMargin,
                memoryCapacity, memorySimilarity, memoryWeight, t, discardMargin);
    }

    public ModelParams withLearningRate(double v) {
        return new ModelParams(hashBits, siteHashBits, v, nbWeight, nbPrior, correctionMargin,
                memoryCapacity, memorySimilarity, memoryWeight, threshold, discardMargin);
    }

    public ModelParams withNbWeight(double v) {
        return new ModelParams(hashBits, siteHashBits, learningRate, v, nbPrior, correctionMargin,
                memoryCapacity, memorySimilarity, memoryWeight, threshold, discardMargin);
    }

    public ModelParams withHashBits(int bits) {
        return new ModelParams(bits, siteHashBits, learningRate, nbWeight, nbPrior, correctionMargin,
                memoryCapacity, memorySimilarity, memoryWeight, threshold, discardMargin);
    }

    public ModelParams withMemoryCapacity(int n) {
        return new ModelParams(hashBits, siteHashBits, learningRate, nbWeight, nbPrior, correctionMargin,
                n, memorySimilarity, memoryWeight, threshold, discardMargin);
    }
}
