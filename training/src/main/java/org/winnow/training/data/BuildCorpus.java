package org.winnow.training.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Regenerates {@code corpus/corpus.tsv.gz} from the public data sets:
 * {@code BuildCorpus <datasetsDir> <corpusDir>}. Only the three sets the default model may use.
 */
public final class BuildCorpus {
    private BuildCorpus() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BuildCorpus <datasetsDir> <corpusDir>");
            System.exit(2);
        }
        Path datasets = Path.of(args[0]);
        Path corpus = Path.of(args[1]);
        List<Example> all = new ArrayList<>();
        all.addAll(PublicDatasets.youtube(datasets.resolve("youtube-spam-collection")));
        all.addAll(PublicDatasets.sms(datasets.resolve("sms-spam-collection/SMSSpamCollection")));
        all.addAll(PublicDatasets.spamAssassin(datasets.resolve("spamassassin/spamassassin.jsonl.gz")));
        List<Example> unique = PublicDatasets.dedupe(all);
        java.nio.file.Files.createDirectories(corpus);
        Tsv.writeCorpus(corpus.resolve("corpus.tsv.gz"), unique);
        for (String source : List.of("youtube", "sms", "spamassassin")) {
            long spam = unique.stream().filter(e -> e.source().equals(source) && e.spam()).count();
            long ham = unique.stream().filter(e -> e.source().equals(source) && !e.spam()).count();
            long raw = all.stream().filter(e -> e.source().equals(source)).count();
            System.out.printf("%s: %d read, %d after dedup (%d spam, %d ham)%n", source, raw, spam + ham, spam, ham);
        }
    }
}
