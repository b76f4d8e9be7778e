package org.winnow.experiments.neural;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class NeuralStageTest {
    @Test
    void cleaningKeepsTheWordsAndDropsTheMarkup() {
        assertThat(NeuralStage.clean("I&#39;m here<br />see <a href=\"http://x\">this</a> &amp; that"))
                .isEqualTo("I'm here see this & that");
        assertThat(NeuralStage.clean("<br />")).isEqualTo(" ");
    }

    @Test
    void logisticRegressionLearnsADirectionAndRanksByIt() {
        // spam iff the first coordinate is large; the second is noise
        float[][] x = new float[200][];
        boolean[] y = new boolean[200];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 2 == 0;
            x[i] = new float[] {(float) ((y[i] ? 1 : -1) + 0.5 * r.nextGaussian()), (float) r.nextGaussian()};
        }
        NeuralStage.Logistic lr = NeuralStage.Logistic.fit(x, y, IntStream.range(0, 200).toArray());
        assertThat(lr.score(new float[] {2, 0})).isGreaterThan(2);
        assertThat(lr.score(new float[] {-2, 0})).isLessThan(-2);
        int right = 0;
        for (int i = 0; i < x.length; i++) if (lr.score(x[i]) >= 0 == y[i]) right++;
        assertThat(right).isGreaterThan(190);
    }
}
