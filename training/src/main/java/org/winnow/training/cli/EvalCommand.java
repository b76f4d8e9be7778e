package org.winnow.training.cli;

import org.winnow.training.Trainer;
import org.winnow.training.data.Example;
import org.winnow.training.data.LabelledFiles;
import org.winnow.training.data.PublicDatasets;
import org.winnow.training.eval.Evaluator;
import org.winnow.training.eval.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code winnow eval FILES…}: measures the training pipeline on labelled data with k-fold, hold-out,
 * train/test, leave-one-group-out or time-ordered splits. Data are deduplicated before splitting;
 * every threshold is chosen inside the training part only.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the training pipeline: accuracy, precision, recall, F1, MCC, FPR, ROC AUC, recall at 0.5%% and 1%% FPR.")
public final class EvalCommand implements Callable<Integer> {
    enum Protocol { kfold, holdout, train_test, logo, time }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "labelled data (TSV/CSV); the training part for train_test")
    List<Path> files;

    @Option(names = {"-p", "--protocol"}, description = "kfold, holdout, train_test, logo (leave one group out) or time (default: ${DEFAULT-VALUE})")
    Protocol protocol = Protocol.kfold;

    @Option(names = {"-k", "--folds"}, description = "folds for kfold (default: ${DEFAULT-VALUE})")
    int folds = 10;

    @Option(names = "--test", paramLabel = "FILE", description = "test file(s) for train_test")
    List<Path> testFiles;

    @Option(names = "--test-fraction", description = "test share for holdout and time (default: ${DEFAULT-VALUE})")
    double testFraction = 0.2;

    @Option(names = "--seed", description = "fold seed (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--target-fpr", description = "highest cross-validated FPR when choosing thresholds (default: ${DEFAULT-VALUE})")
    double targetFpr = Trainer.Settings.defaults().targetFpr();

    @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON")
    Path json;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    public EvalCommand() {}

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        List<Example> data = PublicDatasets.dedupe(LabelledFiles.readAll(files));
        Trainer trainer = new Trainer(Trainer.Settings.defaults().withTargetFpr(targetFpr));
        Evaluator evaluator = new Evaluator(trainer, quiet ? s -> {} : s -> System.err.println("[eval] " + s));
        Evaluator.Result result = switch (protocol) {
            case kfold -> evaluator.kFold(data, folds, seed);
            case holdout -> evaluator.holdOut(data, testFraction, seed);
            case logo -> evaluator.leaveOneGroupOut(data);
            case time -> evaluator.timeOrdered(data, testFraction);
            case train_test -> {
                if (testFiles == null || testFiles.isEmpty()) throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this), "train_test needs --test FILE");
                yield evaluator.trainTest(data, LabelledFiles.readAll(testFiles));
            }
        };
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s on %d examples (%.1f s)%n", result.protocol(), data.size(), seconds);
        System.out.println("pooled  " + result.pooled().summary());
        if (result.parts().size() > 1) {
            for (Map.Entry<String, Metrics> e : result.parts().entrySet()) {
                System.out.printf(Locale.ROOT, "  %-22s %s%n", e.getKey(), e.getValue().summary());
            }
        }
        if (json != null) Files.writeString(json, toJson(result, data.size(), seconds), StandardCharsets.UTF_8);
        return 0;
    }

    private String toJson(Evaluator.Result r, int n, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\"protocol\":\"%s\",\"examples\":%d,\"seconds\":%.3f,\"target_fpr\":%s,\"pooled\":%s,\"parts\":{",
                r.protocol(), n, seconds, targetFpr, r.pooled().toJson()));
        boolean first = true;
        for (Map.Entry<String, Metrics> e : r.parts().entrySet()) {
            if (!first) b.append(',');
            first = false;
            b.append('"').append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\":").append(e.getValue().toJson());
        }
        return b.append("}}\n").toString();
    }
}
