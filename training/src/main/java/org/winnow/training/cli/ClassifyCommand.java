package org.winnow.training.cli;

import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.model.Model;
import org.winnow.training.Trainer;
import org.winnow.training.data.Example;
import org.winnow.training.data.LabelledFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code winnow classify --train TRAIN.tsv --test TEST.tsv}: the peers-harness interface. Trains a
 * fresh model on TRAIN only, with the default model's pipeline and settings, and prints
 * {@code spam|ham<TAB>score} per TEST row; timings go to stderr as {@code TIMES n_train train_s n_test classify_s}.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Train a fresh model on TRAIN and print spam|ham<TAB>score for every TEST row (peers interface).")
public final class ClassifyCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "TRAIN", description = "labelled training TSV/CSV")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "TEST", description = "TSV/CSV to classify; its labels are ignored")
    Path test;

    public ClassifyCommand() {}

    @Override
    public Integer call() throws Exception {
        List<Example> trainRows = LabelledFiles.read(train);
        List<Example> testRows = LabelledFiles.read(test);
        long t0 = System.nanoTime();
        Model model = new Trainer(Trainer.Settings.defaults()).train(trainRows);
        SpamEngine engine = SpamEngine.create(model);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        StringBuilder out = new StringBuilder(testRows.size() * 24);
        for (Example e : testRows) {
            Verdict v = engine.judge("", Comment.ofText(e.text()));
            out.append(v.isSpam() ? "spam" : "ham").append('\t')
                    .append(String.format(Locale.ROOT, "%.6f", v.logOdds() - engine.threshold())).append('\n');
        }
        double classifySeconds = (System.nanoTime() - t1) / 1e9;
        PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        w.print(out);
        w.flush();
        System.err.printf(Locale.ROOT, "TIMES %d %.3f %d %.3f%n", trainRows.size(), trainSeconds, testRows.size(), classifySeconds);
        return 0;
    }
}
