package org.winnow.training;

import org.winnow.engine.model.Model;
import org.winnow.training.data.Example;
import org.winnow.training.data.Tsv;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the shipped default model: {@code BuildDefaultModel <corpusDir> <outputModelFile>}. Trains
 * on every {@code *.tsv} / {@code *.tsv.gz} file in the corpus directory with
 * {@link Trainer.Settings#defaults()}. The build runs it at {@code process-classes} so the model lands
 * in the jar as {@value DefaultModel#RESOURCE}.
 */
public final class BuildDefaultModel {
    private BuildDefaultModel() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BuildDefaultModel <corpusDir> <outputModelFile>");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        List<Example> corpus = readCorpus(Path.of(args[0]));
        Model model = new Trainer(Trainer.Settings.defaults()).train(corpus);
        Path out = Path.of(args[1]);
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            model.write(o);
        }
        System.out.printf("default model: %d examples, threshold %.3f, %d bytes, %.1f s -> %s%n", corpus.size(),
                model.threshold(), Files.size(out), (System.nanoTime() - t0) / 1e9, out);
    }

    /** Every corpus file in the directory, in name order. */
    public static List<Example> readCorpus(Path dir) throws java.io.IOException {
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".tsv") || p.toString().endsWith(".tsv.gz")).sorted().toList();
        }
        if (files.isEmpty()) throw new java.io.IOException("no *.tsv or *.tsv.gz in " + dir);
        List<Example> all = new java.util.ArrayList<>();
        for (Path f : files) all.addAll(Tsv.read(f));
        return all;
    }
}
