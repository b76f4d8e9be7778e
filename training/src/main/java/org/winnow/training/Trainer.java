package org.winnow.training;

import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.Features;
import org.winnow.engine.model.Model;
import org.winnow.engine.model.ModelParams;
import org.winnow.engine.model.OnlineModel;
import org.winnow.training.data.Example;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Batch training with the engine's own learner: naive-Bayes counts over all examples, then a few
 * shuffled AdaGrad epochs of the logistic regression, then a decision threshold chosen on
 * out-of-fold scores of the training data itself for a low false-positive rate.
 * Deterministic for a given seed.
 */
public final class Trainer {
    private final Settings settings;
    private final FeatureExtractor extractor;

    /**
     * @param features        feature families
     * @param params          learner hyper-parameters (its threshold is replaced by the chosen one)
     * @param epochs          passes of gradient steps over the shuffled data
     * @param seed            shuffling and fold seed
     * @param targetFpr       highest out-of-fold false-positive rate the threshold may give
     * @param thresholdFolds  folds for choosing the threshold; 0 keeps the params' threshold
     */
    public record Settings(FeatureConfig features, ModelParams params, int epochs, long seed, double targetFpr,
                           int thresholdFolds) {
        /** The settings of the shipped default model, also used by {@code winnow classify}. */
        public static Settings defaults() {
            return new Settings(FeatureConfig.all(), ModelParams.defaults(), 6, 42, 0.01, 5);
        }

        public Settings withFeatures(FeatureConfig f) {
            return new Settings(f, params, epochs, seed, targetFpr, thresholdFolds);
        }

        public Settings withParams(ModelParams p) {
            return new Settings(features, p, epochs, seed, targetFpr, thresholdFolds);
        }

        public Settings withEpochs(int e) {
            return new Settings(features, params, e, seed, targetFpr, thresholdFolds);
        }

        public Settings withTargetFpr(double t) {
            return new Settings(features, params, epochs, seed, t, thresholdFolds);
        }

        public Settings withThresholdFolds(int k) {
            return new Settings(features, params, epochs, seed, targetFpr, k);
        }
    }

    public Trainer(Settings settings) {
        this.settings = settings;
        this.extractor = new FeatureExtractor(settings.features());
    }

    public Settings settings() {
        return settings;
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    /** Features of every example, extracted in parallel (extraction is pure). */
    public Features[] extract(List<Example> examples) {
        return examples.parallelStream().map(e -> extractor.extract(e.comment())).toArray(Features[]::new);
    }

    /** Trains on all examples and picks the threshold by cross-validation on them. */
    public Model train(List<Example> examples) {
        Features[] features = extract(examples);
        boolean[] labels = labels(examples);
        Model model = fit(features, labels, all(labels.length));
        if (settings.thresholdFolds() < 2) return model;
        return model.withThreshold(chooseThreshold(features, labels));
    }

    /** Trains on the examples at {@code rows} with the params' threshold. */
    public Model fit(Features[] features, boolean[] labels, int[] rows) {
        OnlineModel m = OnlineModel.of(Model.empty(settings.features(), settings.params()));
        for (int r : rows) m.count(features[r], labels[r]);
        int[] order = rows.clone();
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            shuffle(order, random);
            for (int r : order) m.gradientStep(features[r], labels[r]);
        }
        return m.toModel();
    }

    /**
     * The threshold that maximises F1 on out-of-fold scores among those whose out-of-fold
     * false-positive rate is at most the target.
     */
    public double chooseThreshold(Features[] features, boolean[] labels) {
        int k = settings.thresholdFolds();
        int[] fold = Folds.stratified(labels, k, settings.seed());
        double[] scores = new double[labels.length];
        for (int f = 0; f < k; f++) {
            final int held = f;
            int[] train = IntStream.range(0, labels.length).filter(i -> fold[i] != held).toArray();
            OnlineModel m = OnlineModel.of(fit(features, labels, train));
            for (int i = 0; i < labels.length; i++) if (fold[i] == held) scores[i] = m.logOdds(0, features[i], null);
        }
        return Thresholds.bestF1AtMostFpr(scores, labels, settings.targetFpr());
    }

    static boolean[] labels(List<Example> examples) {
        boolean[] y = new boolean[examples.size()];
        for (int i = 0; i < y.length; i++) y[i] = examples.get(i).spam();
        return y;
    }

    static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Scores with a trained model, in log-odds, without site adjustments. */
    public static double[] score(Model model, Features[] features, int[] rows) {
        OnlineModel m = OnlineModel.of(model);
        double[] s = new double[rows.length];
        for (int i = 0; i < rows.length; i++) s[i] = m.logOdds(0, features[rows[i]], null);
        return s;
    }

    static List<Integer> list(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int v : a) l.add(v);
        return l;
    }
}
