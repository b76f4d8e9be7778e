package org.winnow.training;

import org.winnow.training.data.Example;
import org.winnow.training.data.Tsv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small synthetic labelled data for command and trainer tests. */
public final class TrainingFixtures {
    private static final String[] SPAM_STARTS = {"check out my channel", "subscribe to my channel", "free iphone giveaway",
            "earn money from home", "win a free vacation", "click here for cheap pills", "visit my website for deals"};
    private static final String[] SPAM_ENDS = {"http://bit.ly/abc", "www.example.com/win", "now!!!", "and subscribe please",
            "at cheap-deals.ru", "limited offer"};
    private static final String[] HAM_STARTS = {"this song is amazing", "i love the dance", "who is listening in 2015",
            "the lyrics are beautiful", "my daughter loves this", "saw them live last year", "best video ever"};
    private static final String[] HAM_ENDS = {"so much", "haha", "greetings from spain", "brings back memories",
            "what a voice", "can't stop watching"};

    private TrainingFixtures() {}

    public static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < SPAM_STARTS.length; i++) {
            for (int j = 0; j < SPAM_ENDS.length; j++) {
                out.add(new Example(true, "fixture", "g" + (j % 3), SPAM_STARTS[i] + " " + SPAM_ENDS[j]));
                out.add(new Example(false, "fixture", "g" + (j % 3), HAM_STARTS[i] + " " + HAM_ENDS[j]));
            }
        }
        return out;
    }

    /** Writes examples as a peers TSV ({@code label<TAB>text} with a header). */
    public static Path writePeersTsv(Path file, List<Example> rows) throws IOException {
        Tsv.writePeers(file, rows);
        return file;
    }
}
