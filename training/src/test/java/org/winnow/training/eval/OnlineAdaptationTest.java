package org.winnow.training.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.model.Model;
import org.winnow.training.TrainingFixtures;
import org.winnow.training.Trainer;
import org.winnow.training.data.Example;

/** The prequential stream: judged before each correction, first comments left out of the figures. */
class OnlineAdaptationTest {

    private static final Model MODEL = new Trainer(Trainer.Settings.defaults()).train(TrainingFixtures.examples());

    @Test
    void leavesTheFirstCommentsOutAndLearnsFromTheRest() {
        // A campaign that reads like the fixtures' ham, posted again and again among the site's real comments:
        // the model lets it through until the site's corrections teach it otherwise.
        String campaign = "this song is amazing so much, my daughter loves this, best video ever";
        assertThat(SpamEngine.create(MODEL).judge("site", Comment.ofText(campaign)).isSpam()).isFalse();
        List<Example> stream = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stream.add(new Example(true, "test", "s", campaign + (i % 2 == 0 ? "" : "!")));
            stream.add(new Example(false, "test", "s", "saw them live last year, what a voice, greetings from spain " + i));
        }
        OnlineAdaptation.Pass pass = OnlineAdaptation.pass(MODEL, "site", stream);
        Metrics all = pass.after(0);
        Metrics later = pass.after(10);
        assertThat(all.n()).isEqualTo(40);
        assertThat(later.n()).isEqualTo(30);
        assertThat(all.fn()).isPositive(); // the first copies get through ...
        assertThat(later.recall()).isEqualTo(1.0); // ... the corrections catch the later ones
        assertThat(later.fpr()).isZero();
    }

    @Test
    void windowsCoverTheStreamInOrderAndDropAShortTail() {
        List<Example> stream = TrainingFixtures.examples().subList(0, 23);
        OnlineAdaptation.Pass pass = OnlineAdaptation.pass(MODEL, "site", stream);
        List<OnlineAdaptation.Window> tenEach = pass.windows(10);
        assertThat(tenEach).extracting(OnlineAdaptation.Window::seen).containsExactly(10, 20); // 3 left over: under half a window
        assertThat(tenEach.get(1).metrics().n()).isEqualTo(10);
        List<OnlineAdaptation.Window> eightEach = pass.windows(8);
        assertThat(eightEach).extracting(OnlineAdaptation.Window::seen).containsExactly(8, 16, 23); // 7 left over: kept
        assertThat(eightEach.getLast().metrics().n()).isEqualTo(7);
        assertThat(eightEach.getLast().corrections()).isEqualTo(tenEach.getLast().corrections()
                + correctionsBetween(stream, 20, 23));
    }

    /** The corrections the engine needs for comments {@code [from, to)} after learning the ones before (a fresh walk). */
    private static int correctionsBetween(List<Example> stream, int from, int to) {
        SpamEngine engine = SpamEngine.create(MODEL);
        int made = 0;
        for (int i = 0; i < to; i++) {
            Example e = stream.get(i);
            if (engine.judge("site", e.comment()).isSpam() != e.spam()) {
                engine.learn("site", e.comment(), e.spam());
                if (i >= from) made++;
            }
        }
        return made;
    }

    @Test
    void pooledStreamsCountEveryScoredComment() {
        List<Double> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Example> stream = TrainingFixtures.examples().subList(0, 20);
        OnlineAdaptation.pass(MODEL, "a", stream).addAfter(5, scores, labels);
        OnlineAdaptation.pass(MODEL, "b", stream).addAfter(5, scores, labels);
        Metrics pooled = OnlineAdaptation.metrics(scores, labels);
        assertThat(pooled.n()).isEqualTo(30);
        assertThat(pooled.tp() + pooled.fn()).isEqualTo(2 * stream.subList(5, 20).stream().filter(Example::spam).count());
    }
}
