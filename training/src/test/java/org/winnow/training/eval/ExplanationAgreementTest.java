package org.winnow.training.eval;

import org.junit.jupiter.api.Test;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.model.Model;
import org.winnow.training.BuildDefaultModel;
import org.winnow.training.Folds;
import org.winnow.training.Trainer;
import org.winnow.training.data.Example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Removing the tokens a verdict names as its strongest spam evidence lowers the score, far more than removing random words. */
class ExplanationAgreementTest {

    @Test
    void removingTheExplainedTokensLowersTheScoreMoreThanRandomWords() throws Exception {
        List<Example> youtube = BuildDefaultModel.readCorpus(Path.of("../corpus")).stream()
                .filter(e -> e.source().equals("youtube")).toList();
        boolean[] y = new boolean[youtube.size()];
        for (int i = 0; i < y.length; i++) y[i] = youtube.get(i).spam();
        int[] fold = Folds.stratified(y, 5, 11);
        List<Example> train = new ArrayList<>();
        List<String> heldOutSpam = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (fold[i] != 0) train.add(youtube.get(i));
            else if (y[i]) heldOutSpam.add(youtube.get(i).text());
        }
        Model model = new Trainer(Trainer.Settings.defaults().withCost(1.0)).train(train);
        SpamEngine engine = SpamEngine.create(model);

        ExplanationAgreement.Result r = ExplanationAgreement.measure(engine, heldOutSpam, 3, 5);
        assertThat(r.items()).isGreaterThan(100);
        assertThat(r.skipped()).isLessThan(r.items() / 10);
        assertThat(r.topDropShare()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.topDropShare()).isGreaterThan(r.randomDropShare());
        assertThat(r.topMeanDrop()).isGreaterThan(2 * r.randomMeanDrop());
        assertThat(r.topFlipShare()).isGreaterThan(r.randomFlipShare());
    }

    @Test
    void removesWholeWordsOnly() {
        assertThat(ExplanationAgreement.without("check my channel, checking channels", Set.of("channel", "check")))
                .isEqualTo("  my  , checking channels");
        assertThat(ExplanationAgreement.distinctWords("free iphone, free now")).containsExactly("free", "iphone", "now");
    }
}
