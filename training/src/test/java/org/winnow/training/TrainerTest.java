package org.winnow.training;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.model.Model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerTest {
    @Test
    void trainsASeparatingModelDeterministically() throws IOException {
        Trainer trainer = new Trainer(Trainer.Settings.defaults().withThresholdFolds(3));
        Model a = trainer.train(TrainingFixtures.examples());
        Model b = trainer.train(TrainingFixtures.examples());
        ByteArrayOutputStream ba = new ByteArrayOutputStream();
        ByteArrayOutputStream bb = new ByteArrayOutputStream();
        a.write(ba);
        b.write(bb);
        assertThat(ba.toByteArray()).isEqualTo(bb.toByteArray());
        SpamEngine engine = SpamEngine.create(a);
        assertThat(engine.judge("", Comment.ofText("subscribe to my channel for a free iphone http://bit.ly/x")).isSpam()).isTrue();
        assertThat(engine.judge("", Comment.ofText("i love this song, greetings from spain")).isSpam()).isFalse();
    }

    @Test
    void costChosenByCrossValidationGivesTheModelOfOneGridCost() throws IOException {
        Trainer.Settings chosen = Trainer.Settings.defaults().withThresholdFolds(3);
        assertThat(chosen.cost()).isLessThanOrEqualTo(0);
        byte[] model = bytes(new Trainer(chosen).train(TrainingFixtures.examples()));
        int same = 0;
        for (double c : Trainer.COST_GRID) {
            if (java.util.Arrays.equals(bytes(new Trainer(chosen.withCost(c)).train(TrainingFixtures.examples())), model)) same++;
        }
        assertThat(same).isPositive();
        // a fixed cost is honoured: a different C gives a different model
        assertThat(bytes(new Trainer(chosen.withCost(0.3)).train(TrainingFixtures.examples())))
                .isNotEqualTo(bytes(new Trainer(chosen.withCost(3.0)).train(TrainingFixtures.examples())));
    }

    @Test
    void scaledTrainingFoldsTheScaleIntoTheWeightsAndStillSeparates() throws IOException {
        Trainer.Settings plain = Trainer.Settings.defaults().withThresholdFolds(3).withCost(1.0);
        for (Trainer.Scaling scaling : new Trainer.Scaling[] {Trainer.Scaling.IDF, Trainer.Scaling.NB}) {
            Model m = new Trainer(plain.withScaling(scaling)).train(TrainingFixtures.examples());
            assertThat(bytes(m)).isNotEqualTo(bytes(new Trainer(plain).train(TrainingFixtures.examples())));
            SpamEngine engine = SpamEngine.create(m);
            assertThat(engine.judge("", Comment.ofText("subscribe to my channel for a free iphone http://bit.ly/x")).isSpam()).isTrue();
            assertThat(engine.judge("", Comment.ofText("i love this song, greetings from spain")).isSpam()).isFalse();
        }
    }

    private static byte[] bytes(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }

    @Test
    void defaultModelShipsAndSeparatesObviousCases() {
        SpamEngine engine = SpamEngine.create(DefaultModel.load());
        assertThat(engine.judge("", Comment.ofText("Check out my channel and subscribe!! http://bit.ly/free-iphone")).isSpam()).isTrue();
        assertThat(engine.judge("", Comment.ofText("I have loved this song since I was a kid, it brings back memories")).isSpam()).isFalse();
    }
}
