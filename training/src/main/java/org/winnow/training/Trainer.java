package org.winnow.training;

import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.Features;
import org.winnow.engine.model.Model;
import org.winnow.engine.model.ModelParams;
import org.winnow.engine.model.OnlineModel;
import org.winnow.training.data.Example;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Batch training with the engine's model: naive-Bayes counts over all examples, then the global
 * weights on top of them by an L2-regularised linear SVM solved to convergence (dual coordinate
 * descent, {@link LinearSvm}), then calibration and the decision threshold, both from out-of-fold
 * scores of the training data itself: Platt scaling maps margins to log-odds (so corrections, the
 * near-duplicate memory and the hard rules work on the same scale as before), and the threshold is
 * the one with the fewest {@code fpCost * false positives + false negatives} out of fold among those whose
 * out-of-fold false-positive rate is at most the target (defaults: a false positive costs two missed
 * spams, FPR at most 2 %).
 * Deterministic for a given seed.
 */
public final class Trainer {
    private final Settings settings;
    private final FeatureExtractor extractor;

    /**
     * @param features        feature families
     * @param params          model hyper-parameters (nbWeight: share of the naive-Bayes term during training;
     *                        the threshold is replaced by the chosen one)
     * @param epochs          at most this many solver passes; 0 trains naive Bayes only
     * @param seed            solver order and fold seed
     * @param targetFpr       highest out-of-fold false-positive rate the threshold may give
     * @param thresholdFolds  folds for calibration and threshold; below 2 keeps raw margins and the params' threshold
     * @param cost            the SVM's C: cost of a squared margin violation; 0 or less: chosen from
     *                        {@link #COST_GRID} by the same cross-validation that picks the threshold
     * @param fpCost          the threshold minimises fpCost * FP + FN out of fold (within targetFpr); 0: best F1 instead
     * @param scaling         per-slot scaling of the text features during the SVM fit (folded into the stored weights)
     */
    public record Settings(FeatureConfig features, ModelParams params, int epochs, long seed, double targetFpr,
                           int thresholdFolds, double cost, double fpCost, Scaling scaling) {
        /** The settings of the shipped default model, also used by {@code winnow classify}. */
        public static Settings defaults() {
            return new Settings(FeatureConfig.all(), ModelParams.defaults(), 200, 42, 0.02, 5, 0.0, 2.0, Scaling.NONE);
        }

        public Settings withFeatures(FeatureConfig f) {
            return new Settings(f, params, epochs, seed, targetFpr, thresholdFolds, cost, fpCost, scaling);
        }

        public Settings withParams(ModelParams p) {
            return new Settings(features, p, epochs, seed, targetFpr, thresholdFolds, cost, fpCost, scaling);
        }

        public Settings withEpochs(int e) {
            return new Settings(features, params, e, seed, targetFpr, thresholdFolds, cost, fpCost, scaling);
        }

        public Settings withTargetFpr(double t) {
            return new Settings(features, params, epochs, seed, t, thresholdFolds, cost, fpCost, scaling);
        }

        public Settings withThresholdFolds(int k) {
            return new Settings(features, params, epochs, seed, targetFpr, k, cost, fpCost, scaling);
        }

        public Settings withFpCost(double k) {
            return new Settings(features, params, epochs, seed, targetFpr, thresholdFolds, cost, k, scaling);
        }

        public Settings withScaling(Scaling v) {
            return new Settings(features, params, epochs, seed, targetFpr, thresholdFolds, cost, fpCost, v);
        }

        public Settings withCost(double c) {
            return new Settings(features, params, epochs, seed, targetFpr, thresholdFolds, c, fpCost, scaling);
        }
    }

    /**
     * How the SVM sees the word, bigram and character n-gram features. The fit runs on scaled values
     * {@code x * s}; the stored weight is {@code s * w}, so scoring (and online learning) keep the raw values.
     */
    public enum Scaling {
        NONE,
        /** Inverse document frequency over the training rows, normalised to mean 1 over their text features. */
        IDF,
        /** Absolute naive-Bayes log-count ratio (NB-SVM), normalised to mean 1 over the training rows' text features. */
        NB
    }

    /** The SVM costs tried when the settings leave C to cross-validation; ties go to the first. */
    public static final double[] COST_GRID = {1.0, 0.3, 3.0};

    /** Solver tolerance on the spread of projected gradients. */
    static final double EPS = 0.01;

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

    /** Trains on all examples, calibrated and with the threshold picked by cross-validation on them. */
    public Model train(List<Example> examples) {
        Example[] in = examples.toArray(Example[]::new);
        Features[] features = new Features[in.length];
        // each example's row for the solver is sorted as soon as it is extracted, in the same pass
        LinearSvm.Rows.Sorted[] sorted = new LinearSvm.Rows.Sorted[in.length];
        IntUnaryOperator slotOf = slotOf();
        ThreadLocal<LinearSvm.Rows.Sorter> sorters = ThreadLocal.withInitial(() -> new LinearSvm.Rows.Sorter(slotOf));
        IntStream.range(0, in.length).parallel().forEach(i -> {
            features[i] = extractor.extract(in[i].comment());
            sorted[i] = sorters.get().sort(features[i]);
        });
        return train(features, LinearSvm.Rows.of(sorted), labels(examples), all(in.length), Double.NaN);
    }

    /** Trains on the examples at {@code rows}: fit, then calibration and threshold from out-of-fold scores of those rows only. */
    public Model train(Features[] features, boolean[] labels, int[] rows) {
        return train(features, LinearSvm.Rows.of(features, slotOf()), labels, rows, Double.NaN);
    }

    /** As {@link #train(Features[], boolean[], int[])}, with the final fit started at cost {@code guess} (NaN: the default guess). */
    Model train(Features[] features, boolean[] labels, int[] rows, double guess) {
        return train(features, LinearSvm.Rows.of(features, slotOf()), labels, rows, guess);
    }

    private Model train(Features[] features, LinearSvm.Rows x, boolean[] labels, int[] rows, double guess) {
        Model empty = empty();
        int k = settings.thresholdFolds();
        if (k < 2) return fit(x, labels, count(features, labels, rows, empty), settings.cost() > 0 ? settings.cost() : 1.0);
        boolean[] sub = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) sub[i] = labels[rows[i]];
        int[] fold = Folds.stratified(sub, k, settings.seed());
        double[] costs = settings.cost() > 0 ? new double[] {settings.cost()} : COST_GRID;
        // The final fit starts with the first cost while the cross-validation runs (ties go to the
        // first cost, so it is the likeliest choice); another choice is fitted after.
        if (Double.isNaN(guess)) guess = costs[0];
        Work work = new Work(features, x, labels, rows, fold, costs, empty);
        runInOrder(work.tasks(guess));
        Choice best = null;
        for (int c = 0; c < costs.length; c++) {
            Choice choice = choose(features, rows, sub, costs[c], work.scores[c]);
            if (best == null || choice.loss < best.loss) best = choice;
        }
        Counted all = work.counted[k];
        Weights w = best.cost == guess ? work.guessed : solve(x, labels, all, best.cost);
        Model model = fitted(all, w);
        return model.rescaled(best.platt[0], best.platt[1]).withThreshold(best.threshold);
    }

    /** Out-of-fold result of one SVM cost: Platt coefficients, threshold and its fpCost * FP + FN. */
    private record Choice(double cost, double[] platt, double threshold, double loss) {}

    /**
     * The cross-validation and the final fit as one queue of tasks for both cores: first the
     * naive-Bayes counts and solver offsets of each fold's training rows (the rows outside it) and of
     * all rows, which do not depend on the cost; then one SVM fit per cost and fold, scoring that
     * fold's rows, plus the final fit at the guessed cost.
     */
    private final class Work {
        final Features[] features;
        final LinearSvm.Rows x;
        final boolean[] labels;
        final int[] rows;
        final int[] fold;
        final double[] costs;
        final Model empty;
        final int k;
        /** Per fold h: the counts of the rows outside it; at k: of all rows. */
        final Counted[] counted;
        final CountDownLatch[] countedReady;
        /** Out-of-fold learned scores (fixed priors left out) per cost and row. */
        final double[][] scores;
        /** The final fit's weights at the guessed cost. */
        Weights guessed;

        Work(Features[] features, LinearSvm.Rows x, boolean[] labels, int[] rows, int[] fold, double[] costs, Model empty) {
            this.features = features;
            this.x = x;
            this.labels = labels;
            this.rows = rows;
            this.fold = fold;
            this.costs = costs;
            this.empty = empty;
            this.k = settings.thresholdFolds();
            this.counted = new Counted[k + 1];
            this.countedReady = new CountDownLatch[k + 1];
            for (int h = 0; h <= k; h++) countedReady[h] = new CountDownLatch(1);
            this.scores = new double[costs.length][rows.length];
        }

        /**
         * In the order to run them: the counts first (each fit waits for its counts), then the fits
         * with the largest cost first and, for a cost, the final fit (the most rows) first, since
         * a larger C takes the solver more passes: the short fits come last and fill both cores to the end.
         */
        List<Runnable> tasks(double guess) {
            List<Runnable> tasks = new ArrayList<>();
            tasks.add(() -> count(k)); // all rows: the largest
            for (int h = 0; h < k; h++) {
                int held = h;
                tasks.add(() -> count(held));
            }
            List<Fit> fits = new ArrayList<>();
            fits.add(new Fit(guess, k));
            for (double c : costs) for (int h = 0; h < k; h++) fits.add(new Fit(c, h));
            fits.sort(Comparator.comparingDouble(Fit::cost).reversed()
                    .thenComparingInt(f -> f.held() == k ? -1 : f.held()));
            for (Fit f : fits) tasks.add(() -> fit(f.cost(), f.held()));
            return tasks;
        }

        /** One SVM fit: its cost, and the fold it holds out ({@link #k}: none, the final fit). */
        private record Fit(double cost, int held) {}

        private void count(int held) {
            try {
                int[] train = held == k ? rows
                        : IntStream.range(0, rows.length).filter(i -> fold[i] != held).map(i -> rows[i]).toArray();
                counted[held] = Trainer.this.count(features, labels, train, empty);
            } finally {
                countedReady[held].countDown();
            }
        }

        private void fit(double cost, int held) {
            try {
                countedReady[held].await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            }
            Counted in = counted[held];
            if (in == null) throw new IllegalStateException("counting the training rows failed");
            Weights w = solve(x, labels, in, cost);
            if (held == k) {
                guessed = w;
                return;
            }
            int c = 0;
            while (costs[c] != cost) c++;
            // The fold's working model is shared by its costs: setting the weights replaces all of
            // them, so it then scores exactly as a model fitted on its own would.
            OnlineModel m = in.model();
            synchronized (m) {
                if (w != null) m.setGlobalWeights(w.weights(), w.bias());
                for (int i = 0; i < rows.length; i++) {
                    if (fold[i] == held) scores[c][i] = m.logOdds(0, features[rows[i]], null) - priors(features[rows[i]]);
                }
            }
        }
    }

    /**
     * Runs the tasks, taken in list order, on as many threads as the common pool offers plus this
     * one: a thread that finishes a task takes the next, so the order is the schedule.
     */
    static void runInOrder(List<Runnable> tasks) {
        AtomicInteger next = new AtomicInteger();
        int n = tasks.size();
        int workers = Math.max(1, Math.min(n, ForkJoinPool.getCommonPoolParallelism() + 1));
        IntStream.range(0, workers).parallel().forEach(w -> {
            for (int t = next.getAndIncrement(); t < n; t = next.getAndIncrement()) tasks.get(t).run();
        });
    }

    private Choice choose(Features[] features, int[] rows, boolean[] sub, double cost, double[] scores) {
        // Calibrate the learned part only; the fixed priors are log-odds already and are added back.
        double[] ab = LinearSvm.platt(scores, sub);
        double[] calibrated = new double[rows.length];
        for (int i = 0; i < rows.length; i++) calibrated[i] = ab[0] * scores[i] + ab[1] + priors(features[rows[i]]);
        double threshold = Thresholds.best(calibrated, sub, settings.targetFpr(), settings.fpCost());
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < rows.length; i++) {
            boolean flagged = calibrated[i] >= threshold;
            if (flagged && sub[i]) tp++;
            else if (flagged) fp++;
            else if (sub[i]) fn++;
        }
        // the threshold rule's own objective: fpCost * FP + FN, or 1 - F1 when it picks the best F1
        double loss = settings.fpCost() > 0 ? settings.fpCost() * fp + fn
                : 1 - (tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn));
        return new Choice(cost, ab, threshold, loss);
    }

    /** Trains on the examples at {@code rows}, uncalibrated, with the params' threshold. */
    public Model fit(Features[] features, boolean[] labels, int[] rows) {
        return fit(LinearSvm.Rows.of(features, slotOf()), labels, count(features, labels, rows, empty()),
                settings.cost() > 0 ? settings.cost() : 1.0);
    }

    private Model empty() {
        return Model.empty(settings.features(), settings.params());
    }

    /** The model's weight slot of a feature hash. */
    private IntUnaryOperator slotOf() {
        return OnlineModel.slots(settings.params());
    }

    /**
     * A working model with the naive-Bayes counts of {@code rows} (and no learned weights yet), and the
     * fixed offset that gives each of those rows in the solver.
     */
    private record Counted(OnlineModel model, int[] rows, double[] offset) {}

    private Counted count(Features[] features, boolean[] labels, int[] rows, Model empty) {
        OnlineModel m = OnlineModel.of(empty);
        m.countAll(features, labels, rows);
        if (settings.epochs() <= 0) return new Counted(m, rows, null);
        double[] offset = new double[rows.length];
        for (int i = 0; i < rows.length; i++) offset[i] = m.logOdds(0, features[rows[i]], null) - priors(features[rows[i]]);
        return new Counted(m, rows, offset);
    }

    /** Global weights (by model slot) and bias from the solver. */
    private record Weights(double[] weights, double bias) {}

    /** The SVM's weights on the counted rows at this cost; null when the settings train naive Bayes only. */
    private Weights solve(LinearSvm.Rows x, boolean[] labels, Counted counted, double cost) {
        if (settings.epochs() <= 0) return null;
        int[] rows = counted.rows();
        double[] dense = new double[x.dimension()];
        double[] scale = scale(settings.scaling(), x, labels, rows);
        LinearSvm.Rows fitRows = scale == null ? x : x.scaled(scale);
        double bias = LinearSvm.solve(fitRows, rows, labels, counted.offset(), cost, dense, settings.seed(), settings.epochs(), EPS);
        double[] w = new double[counted.model().slots()];
        for (int j = 0; j < dense.length; j++) w[x.modelSlot[j]] = scale == null ? dense[j] : dense[j] * scale[j];
        return new Weights(w, bias);
    }

    /** The counted model with the SVM's weights at this cost (the working model is used up). */
    private Model fit(LinearSvm.Rows x, boolean[] labels, Counted counted, double cost) {
        return fitted(counted, solve(x, labels, counted, cost));
    }

    /** The counted model with these weights (none: naive Bayes only); the working model is used up. */
    private static Model fitted(Counted counted, Weights w) {
        OnlineModel m = counted.model();
        if (w != null) m.setGlobalWeights(w.weights(), w.bias());
        return m.toModel();
    }

    /** Per dense slot scale of {@code scaling}, from the training rows only; 1 outside the text groups; null for none. */
    static double[] scale(Scaling scaling, LinearSvm.Rows x, boolean[] labels, int[] rows) {
        if (scaling == Scaling.NONE) return null;
        int d = x.dimension();
        double[] spam = new double[d];
        double[] ham = new double[d];
        int nSpam = 0;
        for (int r : rows) {
            double[] c = labels[r] ? spam : ham;
            if (labels[r]) nSpam++;
            for (int k = x.start[r]; k < x.start[r + 1]; k++) c[x.slot[k]]++;
        }
        int nHam = rows.length - nSpam;
        double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            if (!x.textSlot[j]) continue;
            double df = spam[j] + ham[j];
            s[j] = switch (scaling) {
                case IDF -> Math.log((1.0 + rows.length) / (1.0 + df)) + 1;
                case NB -> Math.abs(Math.log((spam[j] + 1) / (nSpam + 2.0)) - Math.log((ham[j] + 1) / (nHam + 2.0)));
                case NONE -> 1;
            };
        }
        // mean 1 over the text features the training rows hold, so C keeps its meaning
        double sum = 0;
        long count = 0;
        for (int r : rows) {
            for (int k = x.start[r]; k < x.start[r + 1]; k++) {
                if (x.textSlot[x.slot[k]]) {
                    sum += s[x.slot[k]];
                    count++;
                }
            }
        }
        double mean = count == 0 ? 1 : sum / count;
        for (int j = 0; j < d; j++) s[j] = x.textSlot[j] ? s[j] / mean : 1;
        return s;
    }

    /** The fixed log-odds priors of a comment's features (outside what training fits). */
    static double priors(Features f) {
        double p = 0;
        for (int k = 0; k < f.priorCount(); k++) p += f.priorValue(k);
        return p;
    }

    static boolean[] labels(List<Example> examples) {
        boolean[] y = new boolean[examples.size()];
        for (int i = 0; i < y.length; i++) y[i] = examples.get(i).spam();
        return y;
    }

    static int[] all(int n) {
        return IntStream.range(0, n).toArray();
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
