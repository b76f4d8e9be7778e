package org.winnow.training.cli;

import org.winnow.engine.model.Model;
import org.winnow.training.Trainer;
import org.winnow.training.data.Example;
import org.winnow.training.data.LabelledFiles;
import org.winnow.training.data.PublicDatasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code winnow train FILES… -o model.bin}: trains a model on labelled TSV/CSV files. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a spam model on labelled TSV (label<TAB>text or label<TAB>source<TAB>group<TAB>text) or CSV files.")
public final class TrainCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "labelled training files")
    List<Path> files;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "where to write the model")
    Path output;

    @Option(names = "--target-fpr", paramLabel = "RATE", description = "highest cross-validated false-positive rate for the threshold (default: ${DEFAULT-VALUE})")
    double targetFpr = Trainer.Settings.defaults().targetFpr();

    @Option(names = "--no-dedup", description = "keep exact duplicate texts")
    boolean noDedup;

    public TrainCommand() {}

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        List<Example> data = LabelledFiles.readAll(files);
        if (!noDedup) data = PublicDatasets.dedupe(data);
        if (data.stream().noneMatch(Example::spam) || data.stream().allMatch(Example::spam)) {
            System.err.println("train: need both spam and ham examples");
            return 1;
        }
        Model model = new Trainer(Trainer.Settings.defaults().withTargetFpr(targetFpr)).train(data);
        if (output.toAbsolutePath().getParent() != null) Files.createDirectories(output.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(output)) {
            model.write(out);
        }
        long spam = data.stream().filter(Example::spam).count();
        System.err.printf("trained on %d examples (%d spam, %d ham) in %.1f s; threshold %.3f; wrote %s%n",
                data.size(), spam, data.size() - spam, (System.nanoTime() - t0) / 1e9, model.threshold(), output);
        return 0;
    }
}
