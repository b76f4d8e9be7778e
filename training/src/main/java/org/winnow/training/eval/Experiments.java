package org.winnow.training.eval;

import org.winnow.training.Trainer;
import org.winnow.training.data.Example;
import org.winnow.training.data.PublicDatasets;
import org.winnow.training.data.Tsv;

import java.nio.file.Path;
import java.util.List;

/** Development harness: quick figures on the standard protocols (not part of the CLI). */
public final class Experiments {
    private Experiments() {}

    public static void main(String[] args) throws Exception {
        Path datasets = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets");
        Path splits = Path.of(args.length > 1 ? args[1] : "/work/shared/peers/splits");
        Trainer trainer = new Trainer(settingsFromProperties());
        Evaluator ev = new Evaluator(trainer, s -> {});
        long t0 = System.nanoTime();
        if (args.length > 2 && args[2].equals("xdomain")) {
            List<Example> corpus = org.winnow.training.BuildDefaultModel.readCorpus(Path.of("corpus"));
            List<Example> gambling = PublicDatasets.dedupe(PublicDatasets.indonesianGambling(datasets.resolve("indonesian-gambling-yt-comments")));
            var engine = org.winnow.engine.SpamEngine.create(trainer.train(corpus));
            System.out.println("xdomain gambling " + OnlineAdaptation.judgeAll(engine, "", gambling).summary());
            return;
        }
        if (args.length > 2 && args[2].equals("peers")) {
            peers(ev, splits);
            System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
            return;
        }
        if (args.length > 2 && args[2].equals("select")) {
            // model selection inside the peers' training files only; leave one video out over the four
            // training videos of yt-video-holdout (video 07 never seen)
            List<Example> yt = PublicDatasets.dedupe(PublicDatasets.youtube(datasets.resolve("youtube-spam-collection")));
            List<Example> yt4 = yt.stream().filter(e -> !e.group().startsWith("07")).toList();
            print("select yt 4-video logo", ev.leaveOneGroupOut(yt4));
            print("select yt-random-train 5f", ev.kFold(Tsv.read(splits.resolve("yt-random.train.tsv")), 5, 7));
            print("select sms-train 5f", ev.kFold(Tsv.read(splits.resolve("sms.train.tsv")), 5, 7));
            System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
            return;
        }
        if (args.length > 2 && args[2].equals("tune")) {
            // model selection only inside the peers' training files, never on their test files
            print("tune yt-holdout-train 5f", ev.kFold(Tsv.read(splits.resolve("yt-video-holdout.train.tsv")), 5, 7));
            print("tune sms-train 5f", ev.kFold(Tsv.read(splits.resolve("sms.train.tsv")), 5, 7));
            System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
            return;
        }
        List<Example> yt = PublicDatasets.dedupe(PublicDatasets.youtube(datasets.resolve("youtube-spam-collection")));
        print("youtube 10-fold", ev.kFold(yt, 10, 42));
        List<Example> sms = PublicDatasets.dedupe(PublicDatasets.sms(datasets.resolve("sms-spam-collection/SMSSpamCollection")));
        print("sms 80/20", ev.holdOut(sms, 0.2, 42));
        peers(ev, splits);
        System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The three peers splits: a fresh model on each train file, scored on its test file (what peers/winnow.sh does). */
    private static void peers(Evaluator ev, Path splits) throws java.io.IOException {
        for (String split : List.of("yt-video-holdout", "yt-random", "sms")) {
            print("peers " + split, ev.trainTest(Tsv.read(splits.resolve(split + ".train.tsv")), Tsv.read(splits.resolve(split + ".test.tsv"))));
        }
    }

    static Trainer.Settings settingsFromProperties() {
        Trainer.Settings s = Trainer.Settings.defaults();
        var p = s.params();
        if (System.getProperty("lr") != null) p = p.withLearningRate(Double.parseDouble(System.getProperty("lr")));
        if (System.getProperty("nb") != null) p = p.withNbWeight(Double.parseDouble(System.getProperty("nb")));
        s = s.withParams(p);
        if (System.getProperty("fpr") != null) s = s.withTargetFpr(Double.parseDouble(System.getProperty("fpr")));
        if (System.getProperty("fpcost") != null) s = s.withFpCost(Double.parseDouble(System.getProperty("fpcost")));
        if (System.getProperty("cost") != null) s = s.withCost(Double.parseDouble(System.getProperty("cost")));
        if (System.getProperty("scaling") != null) s = s.withScaling(Trainer.Scaling.valueOf(System.getProperty("scaling")));
        if (System.getProperty("epochs") != null) s = s.withEpochs(Integer.parseInt(System.getProperty("epochs")));
        return s;
    }

    private static void print(String name, Evaluator.Result r) {
        System.out.printf("%-26s %s%n", name, r.pooled().summary());
    }
}
