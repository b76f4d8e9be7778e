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
    void defaultModelShipsAndSeparatesObviousCases() {
        SpamEngine engine = SpamEngine.create(DefaultModel.load());
        assertThat(engine.judge("", Comment.ofText("Check out my channel and subscribe!! http://bit.ly/free-iphone")).isSpam()).isTrue();
        assertThat(engine.judge("", Comment.ofText("I have loved this song since I was a kid, it brings back memories")).isSpam()).isFalse();
    }
}
