package org.winnow.training.eval;

import org.winnow.engine.features.Features;
import org.winnow.engine.model.Model;
import org.winnow.training.Folds;
import org.winnow.training.Trainer;
import org.winnow.training.data.Example;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Runs the evaluation protocols. Each test part is scored by a model trained, with its threshold
 * chosen, only on the matching training part; margins of all parts are pooled into one
 * {@link Metrics}. Data are deduplicated by the caller before any split.
 */
public final class Evaluator {
    private final Trainer trainer;
    private final Consumer<String> progress;

    public Evaluator(Trainer trainer, Consumer<String> progress) {
        this.trainer = trainer;
        this.progress = progress;
    }

    /** The pooled result and the result of each part, in order. */
    public record Result(String protocol, Metrics pooled, Map<String, Metrics> parts) {}

    public Result kFold(List<Example> data, int k, long seed) {
        boolean[] y = labels(data);
        int[] fold = Folds.stratified(y, k, seed);
        List<int[]> trains = new ArrayList<>();
        List<int[]> tests = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            final int held = f;
            trains.add(IntStream.range(0, y.length).filter(i -> fold[i] != held).toArray());
            tests.add(IntStream.range(0, y.length).filter(i -> fold[i] == held).toArray());
            names.add("fold " + (f + 1));
        }
        return run(k + "-fold stratified", data, trains, tests, names);
    }

    public Result leaveOneGroupOut(List<Example> data) {
        List<String> groups = data.stream().map(Example::group).distinct().sorted().toList();
        List<int[]> trains = new ArrayList<>();
        List<int[]> tests = new ArrayList<>();
        for (String g : groups) {
            trains.add(IntStream.range(0, data.size()).filter(i -> !data.get(i).group().equals(g)).toArray());
            tests.add(IntStream.range(0, data.size()).filter(i -> data.get(i).group().equals(g)).toArray());
        }
        return run("leave-one-group-out", data, trains, tests, groups);
    }

    /** Within each group, the first {@code 1 - testFraction} of examples (file order) train, the rest test. */
    public Result timeOrdered(List<Example> data, double testFraction) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) byGroup.computeIfAbsent(data.get(i).group(), g -> new ArrayList<>()).add(i);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byGroup.values()) {
            int cut = (int) Math.round(rows.size() * (1 - testFraction));
            train.addAll(rows.subList(0, cut));
            test.addAll(rows.subList(cut, rows.size()));
        }
        return run("time-ordered " + Math.round(100 * (1 - testFraction)) + "/" + Math.round(100 * testFraction),
                data, List.of(toArray(train)), List.of(toArray(test)), List.of("test"));
    }

    public Result trainTest(List<Example> train, List<Example> test) {
        List<Example> all = new ArrayList<>(train);
        all.addAll(test);
        int[] tr = IntStream.range(0, train.size()).toArray();
        int[] te = IntStream.range(train.size(), all.size()).toArray();
        return run("train/test", all, List.of(tr), List.of(te), List.of("test"));
    }

    /** Stratified hold-out: {@code testFraction} of each class tests, with the fold seed. */
    public Result holdOut(List<Example> data, double testFraction, long seed) {
        boolean[] y = labels(data);
        int k = (int) Math.round(1 / testFraction);
        int[] fold = Folds.stratified(y, k, seed);
        int[] tr = IntStream.range(0, y.length).filter(i -> fold[i] != 0).toArray();
        int[] te = IntStream.range(0, y.length).filter(i -> fold[i] == 0).toArray();
        return run("stratified hold-out " + Math.round(100 * (1 - testFraction)) + "/" + Math.round(100 * testFraction),
                data, List.of(tr), List.of(te), List.of("test"));
    }

    private Result run(String protocol, List<Example> data, List<int[]> trains, List<int[]> tests, List<String> names) {
        progress.accept("extracting features of " + data.size() + " examples");
        Features[] features = trainer.extract(data);
        boolean[] y = labels(data);
        List<Double> pooledScores = new ArrayList<>();
        List<Boolean> pooledLabels = new ArrayList<>();
        Map<String, Metrics> parts = new LinkedHashMap<>();
        for (int p = 0; p < trains.size(); p++) {
            progress.accept(String.format("%s: part %d/%d (%s), training on %d, testing %d", protocol, p + 1, trains.size(),
                    names.get(p), trains.get(p).length, tests.get(p).length));
            Model model = trainModel(features, y, trains.get(p));
            int[] test = tests.get(p);
            double[] scores = Trainer.score(model, features, test);
            boolean[] labels = new boolean[test.length];
            for (int i = 0; i < test.length; i++) {
                scores[i] -= model.threshold();
                labels[i] = y[test[i]];
                pooledScores.add(scores[i]);
                pooledLabels.add(labels[i]);
            }
            parts.put(names.get(p), Metrics.of(scores, labels));
        }
        double[] s = pooledScores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] l = new boolean[pooledLabels.size()];
        for (int i = 0; i < l.length; i++) l[i] = pooledLabels.get(i);
        return new Result(protocol, Metrics.of(s, l), parts);
    }

    private Model trainModel(Features[] features, boolean[] y, int[] train) {
        return trainer.train(features, y, train);
    }

    private static boolean[] labels(List<Example> data) {
        boolean[] y = new boolean[data.size()];
        for (int i = 0; i < y.length; i++) y[i] = data.get(i).spam();
        return y;
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
