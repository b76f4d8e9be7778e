package org.winnow.engine.explain;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.Signal;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.FeatureKind;
import org.winnow.engine.features.Features;
import org.winnow.engine.model.Model;
import org.winnow.engine.model.OnlineModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainerTest {
    private static final String[] WORDS = {"free", "casino", "bonus", "song", "love", "channel", "subscribe", "check",
        "video", "music", "win", "cheap", "pills", "great", "the", "my", "now", "http://bit.ly/x", "example.com", "88"};

    /** The explanation written the obvious way: every candidate built as a signal, all of them sorted. */
    private static List<Signal> reference(Features f, double[] contributions, int max) {
        Map<String, Double> perWord = new LinkedHashMap<>(); // first occurrence keeps the place, as documented
        double[] byIndex = new double[f.wordCount()];
        List<Signal> all = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            if (contributions[i] == 0) continue;
            if (f.wordIndex(i) >= 0) byIndex[f.wordIndex(i)] += contributions[i];
            else all.add(new Signal(f.kind(i).signalName(), f.describe(i), contributions[i]));
        }
        for (int w = 0; w < byIndex.length; w++) {
            if (byIndex[w] != 0) perWord.merge(f.word(w), byIndex[w], Double::sum);
        }
        perWord.forEach((word, weight) -> {
            if (weight != 0) all.add(new Signal(FeatureKind.WORD.signalName(), word, weight));
        });
        all.sort(Comparator.comparingDouble((Signal s) -> -Math.abs(s.weight())).thenComparing(Signal::name).thenComparing(Signal::detail));
        return all.subList(0, Math.min(max, all.size()));
    }

    @Test
    void topSignalsEqualAFullSortOfEveryCandidate() {
        FeatureExtractor extractor = new FeatureExtractor(FeatureConfig.all());
        OnlineModel model = OnlineModel.of(Model.empty());
        SplittableRandom random = new SplittableRandom(6);
        List<Comment> comments = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int w = 0; w < length; w++) text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(7) == 0 ? "!! " : " ");
            comments.add(Comment.ofText(text.toString()));
        }
        // a lightly trained model: some weights learned, many features unseen, so many exact ties
        for (int n = 0; n < 40; n++) model.learn("", extractor.extract(comments.get(n)), n % 3 == 0);
        Explainer explainer = new Explainer(10);
        int ties = 0;
        for (Comment c : comments) {
            Features f = extractor.extract(c);
            double[] contributions = new double[f.size()];
            model.logOdds(0, f, contributions);
            List<Signal> expected = reference(f, contributions, 10);
            assertThat(explainer.explain(f, contributions)).as(c.content()).isEqualTo(expected);
            for (int i = 1; i < expected.size(); i++) {
                if (Math.abs(expected.get(i).weight()) == Math.abs(expected.get(i - 1).weight())) ties++;
            }
        }
        assertThat(ties).as("the comments exercise tie-breaking").isGreaterThan(50);
    }
}
