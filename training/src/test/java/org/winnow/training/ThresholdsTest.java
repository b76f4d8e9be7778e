package org.winnow.training;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdsTest {
    @Test
    void bestF1WithinTheFalsePositiveLimit() {
        double[] s = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        boolean[] y = {true, true, false, true, true, false, false, false, false, false};
        // With no false positive allowed, the cut must stay above 7.
        double strict = Thresholds.bestF1AtMostFpr(s, y, 0.0);
        assertThat(strict).isGreaterThan(7).isLessThanOrEqualTo(8);
        // One of six ham may be flagged: cut between 5 and 4 catches all four spam.
        double loose = Thresholds.bestF1AtMostFpr(s, y, 1 / 6.0);
        assertThat(loose).isGreaterThan(4).isLessThan(5);
    }
}
