package org.winnow.training.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {
    @Test
    void confusionFiguresFromMargins() {
        double[] s = {2, 1, -1, 0.5, -2, -3};
        boolean[] y = {true, true, true, false, false, false};
        Metrics m = Metrics.of(s, y);
        assertThat(m.tp()).isEqualTo(2);
        assertThat(m.fn()).isEqualTo(1);
        assertThat(m.fp()).isEqualTo(1);
        assertThat(m.tn()).isEqualTo(2);
        assertThat(m.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(m.precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.f1()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.mcc()).isCloseTo((2 * 2 - 1.0) / 9, within(1e-12));
        // pairs (pos, neg) ranked correctly: 8 of 9
        assertThat(m.auc()).isCloseTo(8 / 9.0, within(1e-12));
    }

    @Test
    void macroF1AveragesSpamAndHamF1() {
        // tp=3 fn=1 fp=2 tn=4: spam F1 = 6/9, ham F1 = 8/11
        double[] s = {1, 1, 1, -1, 1, 1, -1, -1, -1, -1};
        boolean[] y = {true, true, true, true, false, false, false, false, false, false};
        Metrics m = Metrics.of(s, y);
        assertThat(m.f1()).isCloseTo(6 / 9.0, within(1e-12));
        assertThat(m.hamF1()).isCloseTo(8 / 11.0, within(1e-12));
        assertThat(m.macroF1()).isCloseTo((6 / 9.0 + 8 / 11.0) / 2, within(1e-12));
        // no ham at all and every spam caught: ham F1 has nothing to measure and counts 0
        Metrics allSpam = Metrics.of(new double[] {1, 2}, new boolean[] {true, true});
        assertThat(allSpam.macroF1()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aucCountsTiesAsHalfAndRecallAtFprRespectsTheLimit() {
        assertThat(Metrics.auc(new double[] {1, 1}, new boolean[] {true, false})).isEqualTo(0.5);
        double[] s = {5, 4, 3, 2, 1};
        boolean[] y = {true, false, true, true, false};
        assertThat(Metrics.recallAtFpr(s, y, 0.0)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(Metrics.recallAtFpr(s, y, 0.5)).isEqualTo(1.0);
    }
}
