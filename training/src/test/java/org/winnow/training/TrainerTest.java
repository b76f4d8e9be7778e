package org.winnow.training;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.features.Features;
import org.winnow.engine.model.Model;
import org.winnow.engine.model.OnlineModel;
import org.winnow.training.data.Example;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerTest {
    @Test
    void trainsASeparatingModelDeterministically() throws IOException {
        Trainer trainer = new Trainer(Trainer.Settings.defaults().withThresholdFolds(3));
        Model a = trainer.train(TrainingFixtures.examples());
        Model b = trainer.train(TrainingFixtures.examples());
        ByteArrayOutputStream ba = new ByteArrayOutputStream();
        ByteArrayOutputStream bb = new ByteArrayOutputStream();
        a.write(ba);
        b.write(bb);
        assertThat(ba.toByteArray()).isEqualTo(bb.toByteArray());
        SpamEngine engine = SpamEngine.create(a);
        assertThat(engine.judge("", Comment.ofText("subscribe to my channel for a free iphone http://bit.ly/x")).isSpam()).isTrue();
        assertThat(engine.judge("", Comment.ofText("i love this song, greetings from spain")).isSpam()).isFalse();
    }

    @Test
    void costChosenByCrossValidationGivesTheModelOfOneGridCost() throws IOException {
        Trainer.Settings chosen = Trainer.Settings.defaults().withThresholdFolds(3);
        assertThat(chosen.cost()).isLessThanOrEqualTo(0);
        byte[] model = bytes(new Trainer(chosen).train(TrainingFixtures.examples()));
        int same = 0;
        for (double c : Trainer.COST_GRID) {
            if (java.util.Arrays.equals(bytes(new Trainer(chosen.withCost(c)).train(TrainingFixtures.examples())), model)) same++;
        }
        assertThat(same).isPositive();
        // a fixed cost is honoured: a different C gives a different model
        assertThat(bytes(new Trainer(chosen.withCost(0.3)).train(TrainingFixtures.examples())))
                .isNotEqualTo(bytes(new Trainer(chosen.withCost(3.0)).train(TrainingFixtures.examples())));
    }

    @Test
    void scaledTrainingFoldsTheScaleIntoTheWeightsAndStillSeparates() throws IOException {
        Trainer.Settings plain = Trainer.Settings.defaults().withThresholdFolds(3).withCost(1.0);
        for (Trainer.Scaling scaling : new Trainer.Scaling[] {Trainer.Scaling.IDF, Trainer.Scaling.NB}) {
            Model m = new Trainer(plain.withScaling(scaling)).train(TrainingFixtures.examples());
            assertThat(bytes(m)).isNotEqualTo(bytes(new Trainer(plain).train(TrainingFixtures.examples())));
            SpamEngine engine = SpamEngine.create(m);
            assertThat(engine.judge("", Comment.ofText("subscribe to my channel for a free iphone http://bit.ly/x")).isSpam()).isTrue();
            assertThat(engine.judge("", Comment.ofText("i love this song, greetings from spain")).isSpam()).isFalse();
        }
    }

    @Test
    void sharedCountsAndTheOverlappedFinalFitGiveTheModelOfFittingEveryFoldFromScratch() throws IOException {
        Trainer.Settings base = Trainer.Settings.defaults().withThresholdFolds(3);
        Trainer.Settings[] variants = {base, base.withCost(0.3), base.withScaling(Trainer.Scaling.IDF), base.withEpochs(0),
                base.withFpCost(0), base.withThresholdFolds(1)};
        for (Trainer.Settings settings : variants) {
            Trainer trainer = new Trainer(settings);
            Model model = trainer.train(TrainingFixtures.examples());
            assertThat(bytes(model)).as(settings.toString()).isEqualTo(bytes(fromScratch(settings, TrainingFixtures.examples())));
        }
    }

    @Test
    void theCostTheFinalFitStartsWithDoesNotChangeTheModel() throws IOException {
        Trainer trainer = new Trainer(Trainer.Settings.defaults().withThresholdFolds(3));
        List<Example> examples = TrainingFixtures.examples();
        Features[] f = trainer.extract(examples);
        boolean[] y = Trainer.labels(examples);
        // a subset, as the evaluator trains on
        int[] rows = IntStream.range(0, f.length).filter(i -> i % 4 != 1).toArray();
        byte[] expected = bytes(trainer.train(f, y, rows));
        for (double guess : new double[] {1.0, 0.3, 3.0, 7.0}) {
            assertThat(bytes(trainer.train(f, y, rows, guess))).as("guess " + guess).isEqualTo(expected);
        }
    }

    @Test
    void runInOrderRunsEveryTaskOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(40);
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < runs.length(); i++) {
            int task = i;
            tasks.add(() -> runs.incrementAndGet(task));
        }
        Trainer.runInOrder(tasks);
        for (int i = 0; i < runs.length(); i++) assertThat(runs.get(i)).isEqualTo(1);
        Trainer.runInOrder(List.of());
    }

    /**
     * The trainer's result computed the plain way: every cross-validation fit counts, solves and
     * becomes a model of its own, one after another, and the final fit comes after the choice.
     */
    private static Model fromScratch(Trainer.Settings s, List<Example> examples) {
        Trainer trainer = new Trainer(s);
        Features[] f = trainer.extract(examples);
        boolean[] y = Trainer.labels(examples);
        int[] rows = Trainer.all(f.length);
        OnlineModel probe = OnlineModel.of(Model.empty(s.features(), s.params()));
        LinearSvm.Rows x = LinearSvm.Rows.of(f, probe::slot);
        double fixed = s.cost() > 0 ? s.cost() : 1.0;
        if (s.thresholdFolds() < 2) return plainFit(s, f, x, y, rows, fixed);
        int[] fold = Folds.stratified(y, s.thresholdFolds(), s.seed());
        double[] costs = s.cost() > 0 ? new double[] {s.cost()} : Trainer.COST_GRID;
        double bestLoss = Double.POSITIVE_INFINITY, bestCost = 0, bestThreshold = 0;
        double[] bestPlatt = null;
        for (double cost : costs) {
            double[] scores = new double[f.length];
            for (int held = 0; held < s.thresholdFolds(); held++) {
                int h = held;
                int[] train = IntStream.range(0, f.length).filter(i -> fold[i] != h).toArray();
                OnlineModel m = OnlineModel.of(plainFit(s, f, x, y, train, cost));
                for (int i = 0; i < f.length; i++) if (fold[i] == h) scores[i] = m.logOdds(0, f[i], null) - Trainer.priors(f[i]);
            }
            double[] ab = LinearSvm.platt(scores, y);
            double[] calibrated = new double[f.length];
            for (int i = 0; i < f.length; i++) calibrated[i] = ab[0] * scores[i] + ab[1] + Trainer.priors(f[i]);
            double threshold = Thresholds.best(calibrated, y, s.targetFpr(), s.fpCost());
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < f.length; i++) {
                boolean flagged = calibrated[i] >= threshold;
                if (flagged && y[i]) tp++;
                else if (flagged) fp++;
                else if (y[i]) fn++;
            }
            double loss = s.fpCost() > 0 ? s.fpCost() * fp + fn : 1 - (tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn));
            if (loss < bestLoss) {
                bestLoss = loss;
                bestCost = cost;
                bestPlatt = ab;
                bestThreshold = threshold;
            }
        }
        return plainFit(s, f, x, y, rows, bestCost).rescaled(bestPlatt[0], bestPlatt[1]).withThreshold(bestThreshold);
    }

    private static Model plainFit(Trainer.Settings s, Features[] f, LinearSvm.Rows x, boolean[] y,
                                  int[] rows, double cost) {
        OnlineModel m = OnlineModel.of(Model.empty(s.features(), s.params()));
        m.countAll(f, y, rows);
        if (s.epochs() <= 0) return m.toModel();
        double[] offset = new double[rows.length];
        for (int i = 0; i < rows.length; i++) offset[i] = m.logOdds(0, f[rows[i]], null) - Trainer.priors(f[rows[i]]);
        double[] scale = Trainer.scale(s.scaling(), x, y, rows);
        double[] dense = new double[x.dimension()];
        double bias = LinearSvm.solve(scale == null ? x : x.scaled(scale), rows, y, offset, cost, dense, s.seed(), s.epochs(), Trainer.EPS);
        double[] w = new double[m.slots()];
        for (int j = 0; j < dense.length; j++) w[x.modelSlot[j]] = scale == null ? dense[j] : dense[j] * scale[j];
        m.setGlobalWeights(w, bias);
        return m.toModel();
    }

    private static byte[] bytes(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }

    @Test
    void defaultModelShipsAndSeparatesObviousCases() {
        SpamEngine engine = SpamEngine.create(DefaultModel.load());
        assertThat(engine.judge("", Comment.ofText("Check out my channel and subscribe!! http://bit.ly/free-iphone")).isSpam()).isTrue();
        assertThat(engine.judge("", Comment.ofText("I have loved this song since I was a kid, it brings back memories")).isSpam()).isFalse();
    }
}
