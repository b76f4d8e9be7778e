package org.winnow.experiments.neural;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.features.Features;
import org.winnow.engine.model.Model;
import org.winnow.training.BuildDefaultModel;
import org.winnow.training.DefaultModel;
import org.winnow.training.Folds;
import org.winnow.training.Thresholds;
import org.winnow.training.Trainer;
import org.winnow.training.data.Example;
import org.winnow.training.data.PublicDatasets;
import org.winnow.training.data.Tsv;
import org.winnow.training.eval.Metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Experiment: does a sentence-embedding model (all-MiniLM-L6-v2, quantised ONNX, 384 dimensions) help
 * as a second stage for the comments whose linear score is uncertain?
 *
 * <p>Per split, everything is chosen inside the training file: out-of-fold linear scores (5 folds, the
 * default {@link Trainer} in each) and out-of-fold scores of a logistic regression on the embeddings;
 * the band is the 25 % of training comments with the smallest |linear score|; inside it a stacker
 * (logistic regression on the two scores) and its threshold (the default rule: fewest 2 FP + FN at
 * out-of-fold FPR at most 2 %) are fitted on those out-of-fold scores. Test comments outside the band
 * keep the linear verdict; inside it the stacker decides. Prints F1 / FPR / AUC for the linear model,
 * the embedding model alone and the two stages, and the cost.
 *
 * <p>{@code NeuralStage <datasetsDir> <peersSplitsDir> <corpusDir> <embeddingCacheFile> [xdomain|cost]}
 */
public final class NeuralStage {
    private static final double BAND_SHARE = 0.25;
    private static final int FOLDS = 5;

    private final EmbeddingModel embedder = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private final Map<String, float[]> cache = new HashMap<>();
    private final Path cacheFile;

    private NeuralStage(Path cacheFile) throws IOException {
        this.cacheFile = cacheFile;
        if (Files.exists(cacheFile)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cacheFile)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String text = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int j = 0; j < v.length; j++) v[j] = in.readFloat();
                    cache.put(text, v);
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path datasets = Path.of(args[0]);
        Path splits = Path.of(args[1]);
        Path corpusDir = Path.of(args[2]);
        NeuralStage stage = new NeuralStage(Path.of(args[3]));
        stage.cost();
        if (args.length > 4 && args[4].equals("cost")) return;
        boolean crossDomainOnly = args.length > 4 && args[4].equals("xdomain");
        for (String split : crossDomainOnly ? List.<String>of() : List.of("yt-video-holdout", "yt-random", "sms")) {
            List<Example> train = Tsv.read(splits.resolve(split + ".train.tsv"));
            stage.run(split, train, Tsv.read(splits.resolve(split + ".test.tsv")), IntStream.range(0, train.size()).toArray());
            stage.save();
        }
        // cross-domain: the linear model on the whole corpus; stage 2 learns from a stratified sample of it
        // (embedding every long SpamAssassin mail costs minutes on 2 cores) and is tested on a sample of the gambling set
        List<Example> corpus = BuildDefaultModel.readCorpus(corpusDir);
        List<Example> gambling = PublicDatasets.dedupe(PublicDatasets.indonesianGambling(datasets.resolve("indonesian-gambling-yt-comments")));
        int[] corpusSample = sample(labels(corpus), 3000);
        List<Example> gamblingSample = IntStream.of(sample(labels(gambling), 2000)).mapToObj(gambling::get).toList();
        stage.run("cross-domain gambling (linear: whole corpus; stage 2: " + corpusSample.length + " of it; test: "
                        + gamblingSample.size() + " of " + gambling.size() + " gambling comments)",
                corpus, gamblingSample, corpusSample);
        stage.save();
    }

    /** At least {@code n} rows (one of {@code size / n} stratified folds), in file order. */
    private static int[] sample(boolean[] labels, int n) {
        int k = Math.max(1, labels.length / n);
        int[] fold = Folds.stratified(labels, k, 42);
        return IntStream.range(0, labels.length).filter(i -> fold[i] == 0).toArray();
    }

    /** Embedding cost against the linear engine's: one comment at a time on one thread, after a warm-up, same texts. */
    private void cost() {
        String[] sample = {"Check out my channel for free gift cards!!!", "love this song, still listening in 2015",
                "Had your mobile 11 months or more? U R entitled to update to the latest colour mobiles with camera for free!"};
        for (int i = 0; i < 20; i++) embedder.embed(sample[i % 3]);
        int n = 300;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) embedder.embed(sample[i % 3] + " " + i);
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        SpamEngine engine = SpamEngine.create(DefaultModel.load());
        for (int i = 0; i < 2000; i++) engine.judge("", Comment.ofText(sample[i % 3] + " " + i));
        long t1 = System.nanoTime();
        for (int i = 0; i < 3000; i++) engine.judge("", Comment.ofText(sample[i % 3] + " " + i));
        double linearMs = (System.nanoTime() - t1) / 1e6 / 3000;
        System.out.printf(Locale.ROOT, "cost: embedding %.2f ms per comment, linear engine (judge) %.3f ms per comment (one thread, short comments)%n",
                ms, linearMs);
    }

    /**
     * @param stage2 the training rows whose out-of-fold scores train stage 2 (all rows, or a sample); the out-of-fold
     *               linear model of each fold trains on every training row outside that fold's part of the sample
     */
    private void run(String name, List<Example> trainAll, List<Example> test, int[] stage2) throws IOException {
        long t0 = System.nanoTime();
        Trainer trainer = new Trainer(Trainer.Settings.defaults());
        List<Example> train = IntStream.of(stage2).mapToObj(trainAll::get).toList();
        boolean[] yTrain = labels(train);
        boolean[] yTest = labels(test);

        // linear: out-of-fold scores on the stage-2 rows, and the model of the whole training file on the test file
        List<Example> all = new ArrayList<>(trainAll);
        all.addAll(test);
        Features[] features = trainer.extract(all);
        boolean[] yAll = labels(all);
        int[] fold = Folds.stratified(yTrain, FOLDS, 42);
        int[] foldOfRow = new int[trainAll.size()];
        java.util.Arrays.fill(foldOfRow, -1);
        for (int i = 0; i < stage2.length; i++) foldOfRow[stage2[i]] = fold[i];
        double[] linOof = new double[train.size()];
        for (int f = 0; f < FOLDS; f++) {
            final int held = f;
            int[] tr = IntStream.range(0, trainAll.size()).filter(r -> foldOfRow[r] != held).toArray();
            int[] at = IntStream.range(0, train.size()).filter(i -> fold[i] == held).toArray();
            int[] te = IntStream.of(at).map(i -> stage2[i]).toArray();
            Model m = trainer.train(features, yAll, tr);
            double[] s = Trainer.score(m, features, te);
            for (int i = 0; i < te.length; i++) linOof[at[i]] = s[i] - m.threshold();
        }
        Model full = trainer.train(features, yAll, IntStream.range(0, trainAll.size()).toArray());
        int[] testRows = IntStream.range(trainAll.size(), all.size()).toArray();
        double[] linTest = Trainer.score(full, features, testRows);
        for (int i = 0; i < linTest.length; i++) linTest[i] -= full.threshold();
        double linSeconds = (System.nanoTime() - t0) / 1e9;

        // embeddings: out-of-fold logistic regression on the training file, and the whole file's on the test file
        long t1 = System.nanoTime();
        float[][] eTrain = embed(train);
        float[][] eTest = embed(test);
        double embedSeconds = (System.nanoTime() - t1) / 1e9;
        double[] embOof = new double[train.size()];
        for (int f = 0; f < FOLDS; f++) {
            final int held = f;
            int[] tr = IntStream.range(0, train.size()).filter(i -> fold[i] != held).toArray();
            Logistic lr = Logistic.fit(eTrain, yTrain, tr);
            for (int i = 0; i < train.size(); i++) if (fold[i] == held) embOof[i] = lr.score(eTrain[i]);
        }
        Logistic lrFull = Logistic.fit(eTrain, yTrain, IntStream.range(0, train.size()).toArray());
        double[] embTest = new double[test.size()];
        for (int i = 0; i < test.size(); i++) embTest[i] = lrFull.score(eTest[i]);
        double embThreshold = Thresholds.best(embOof, yTrain, 0.02, 2.0);
        double[] embShifted = new double[embTest.length];
        for (int i = 0; i < embTest.length; i++) embShifted[i] = embTest[i] - embThreshold;

        // the band and the stacker, from out-of-fold scores only
        double[] abs = new double[linOof.length];
        for (int i = 0; i < abs.length; i++) abs[i] = Math.abs(linOof[i]);
        double[] sorted = abs.clone();
        java.util.Arrays.sort(sorted);
        double band = sorted[(int) Math.floor(BAND_SHARE * (sorted.length - 1))];
        int[] inBand = IntStream.range(0, linOof.length).filter(i -> abs[i] <= band).toArray();
        float[][] pairs = new float[linOof.length][];
        for (int i = 0; i < pairs.length; i++) pairs[i] = new float[] {(float) linOof[i], (float) embOof[i]};
        Logistic stacker = Logistic.fit(pairs, yTrain, inBand);
        double[] stackOof = new double[inBand.length];
        for (int k = 0; k < inBand.length; k++) {
            stackOof[k] = stacker.score(pairs[inBand[k]]);
        }
        double stackThreshold = bandThreshold(linOof, yTrain, band, inBand, stackOof);

        double[] twoStage = new double[test.size()];
        int routed = 0;
        for (int i = 0; i < test.size(); i++) {
            if (Math.abs(linTest[i]) <= band) {
                routed++;
                double z = stacker.score(new float[] {(float) linTest[i], (float) embTest[i]}) - stackThreshold;
                // inside (-band, band) the order follows stage 2, outside it the linear score (for AUC); the sign is the verdict
                twoStage[i] = z == 0 ? 1e-9 : band * Math.tanh(z / 4);
            } else {
                twoStage[i] = linTest[i];
            }
        }
        System.out.printf(Locale.ROOT, "%n== %s (train %d, test %d; band |linear| <= %.3f, %d of %d test comments routed to stage 2)%n",
                name, trainAll.size(), test.size(), band, routed, test.size());
        System.out.println("linear (default)   " + Metrics.of(linTest, yTest).summary());
        System.out.println("embedding LR only  " + Metrics.of(embShifted, yTest).summary());
        System.out.println("linear + stage 2   " + Metrics.of(twoStage, yTest).summary());
        System.out.printf(Locale.ROOT, "time: linear incl. 6 trainings %.1f s; embeddings of %d texts %.1f s (cached ones free)%n",
                linSeconds, train.size() + test.size(), embedSeconds);
        System.out.flush();
    }

    /**
     * The stage-2 cut with the default rule on the whole training file: out of the band the linear verdict
     * stands, inside it {@code stacked >= cut}; the fewest 2 FP + FN among cuts whose out-of-fold FPR is at most 2 %.
     */
    private static double bandThreshold(double[] linOof, boolean[] y, double band, int[] inBand, double[] stacked) {
        int fixedFp = 0, fixedFn = 0, ham = 0;
        for (int i = 0; i < linOof.length; i++) {
            if (!y[i]) ham++;
            if (Math.abs(linOof[i]) <= band) continue;
            if (linOof[i] >= 0 && !y[i]) fixedFp++;
            if (linOof[i] < 0 && y[i]) fixedFn++;
        }
        double[] cuts = stacked.clone();
        java.util.Arrays.sort(cuts);
        double best = Double.POSITIVE_INFINITY;
        double bestCut = cuts[cuts.length - 1] + 1;
        for (int c = 0; c <= cuts.length; c++) {
            double cut = c == 0 ? cuts[0] - 1 : c == cuts.length ? cuts[c - 1] + 1 : (cuts[c - 1] + cuts[c]) / 2;
            int fp = fixedFp, fn = fixedFn;
            for (int k = 0; k < inBand.length; k++) {
                boolean spam = y[inBand[k]];
                if (stacked[k] >= cut && !spam) fp++;
                if (stacked[k] < cut && spam) fn++;
            }
            if ((double) fp / ham > 0.02) continue;
            double loss = 2.0 * fp + fn;
            if (loss < best) {
                best = loss;
                bestCut = cut;
            }
        }
        return bestCut;
    }

    private float[][] embed(List<Example> examples) {
        List<String> texts = examples.stream().map(e -> clean(e.text())).toList();
        List<String> missing = texts.stream().distinct().filter(t -> !cache.containsKey(t)).toList();
        for (int from = 0; from < missing.size(); from += 256) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + 256));
            List<Embedding> out = embedder.embedAll(batch.stream().map(TextSegment::from).toList()).content();
            for (int i = 0; i < batch.size(); i++) cache.put(batch.get(i), out.get(i).vector());
            System.err.printf("[neural] embedded %d/%d%n", Math.min(missing.size(), from + 256), missing.size());
        }
        return texts.stream().map(cache::get).toArray(float[][]::new);
    }

    /** Markup out, the common entities decoded, so the model sees the words (an empty text becomes one space). */
    static String clean(String text) {
        String s = text.replaceAll("(?i)<br\\s*/?>", " ").replaceAll("<[^>]{0,500}>", " ")
                .replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("\\s+", " ").strip();
        if (s.length() > 2000) s = s.substring(0, 2000);
        return s.isEmpty() ? " " : s;
    }

    private void save() throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cacheFile)))) {
            out.writeInt(cache.size());
            for (Map.Entry<String, float[]> e : cache.entrySet()) {
                out.writeUTF(e.getKey().length() > 16000 ? e.getKey().substring(0, 16000) : e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) out.writeFloat(v);
            }
        }
    }

    private static boolean[] labels(List<Example> examples) {
        boolean[] y = new boolean[examples.size()];
        for (int i = 0; i < y.length; i++) y[i] = examples.get(i).spam();
        return y;
    }

    /** L2-regularised logistic regression by full-batch gradient descent with Adam; score = log-odds. */
    record Logistic(double[] w, double b, double[] mean, double[] sd) {
        static final double L2 = 1e-3;
        static final int ITERATIONS = 400;

        static Logistic fit(float[][] x, boolean[] y, int[] rows) {
            int d = x[rows[0]].length;
            // standardise on the training rows, so one step size suits every input
            double[] mean = new double[d];
            double[] sd = new double[d];
            for (int r : rows) for (int j = 0; j < d; j++) mean[j] += x[r][j];
            for (int j = 0; j < d; j++) mean[j] /= rows.length;
            for (int r : rows) for (int j = 0; j < d; j++) sd[j] += (x[r][j] - mean[j]) * (x[r][j] - mean[j]);
            for (int j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j] / rows.length) + 1e-6;
            double[] w = new double[d];
            double b = 0;
            double[] m = new double[d + 1];
            double[] v = new double[d + 1];
            double[] g = new double[d + 1];
            double lr = 0.05, b1 = 0.9, b2 = 0.999;
            for (int it = 1; it <= ITERATIONS; it++) {
                java.util.Arrays.fill(g, 0);
                for (int r : rows) {
                    double z = b;
                    for (int j = 0; j < d; j++) z += w[j] * (x[r][j] - mean[j]) / sd[j];
                    double p = 1 / (1 + Math.exp(-z));
                    double e = p - (y[r] ? 1 : 0);
                    for (int j = 0; j < d; j++) g[j] += e * (x[r][j] - mean[j]) / sd[j];
                    g[d] += e;
                }
                for (int j = 0; j < d; j++) g[j] = g[j] / rows.length + L2 * w[j];
                g[d] /= rows.length;
                for (int j = 0; j <= d; j++) {
                    m[j] = b1 * m[j] + (1 - b1) * g[j];
                    v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
                    double step = lr * (m[j] / (1 - Math.pow(b1, it))) / (Math.sqrt(v[j] / (1 - Math.pow(b2, it))) + 1e-8);
                    if (j < d) w[j] -= step;
                    else b -= step;
                }
            }
            return new Logistic(w, b, mean, sd);
        }

        double score(float[] x) {
            double s = b;
            for (int j = 0; j < w.length; j++) s += w[j] * (x[j] - mean[j]) / sd[j];
            return s;
        }
    }
}
