package org.winnow.training;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.Features;

import static org.assertj.core.api.Assertions.assertThat;

class LinearSvmTest {
    @Test
    void separatesTrainingDataAndHonoursTheOffset() {
        FeatureExtractor ex = new FeatureExtractor(FeatureConfig.all());
        String[] texts = {"free iphone click here", "win cash now visit site", "subscribe to my channel",
                "lovely song from my childhood", "the drummer is amazing", "who is here in 2015"};
        boolean[] y = {true, true, true, false, false, false};
        Features[] f = new Features[texts.length];
        for (int i = 0; i < f.length; i++) f[i] = ex.extract(Comment.ofText(texts[i]));
        LinearSvm.Rows x = LinearSvm.Rows.of(f, h -> h & 0xFFFFF);
        int[] rows = {0, 1, 2, 3, 4, 5};
        double[] w = new double[x.dimension()];
        double b = LinearSvm.solve(x, rows, y, new double[6], 10, w, 1, 1000, 1e-4);
        for (int i = 0; i < 6; i++) assertThat((x.dot(i, w) + b) > 0).isEqualTo(y[i]);
        // a large enough offset already puts every example past the margin: nothing left to learn
        double[] offset = {5, 5, 5, -5, -5, -5};
        double[] w2 = new double[x.dimension()];
        assertThat(LinearSvm.solve(x, rows, y, offset, 10, w2, 1, 1000, 1e-4)).isEqualTo(0.0);
        assertThat(w2).containsOnly(0.0);
    }

    @Test
    void plattScalingIncreasesWithTheScore() {
        double[] s = {-3, -2, -1.5, -1, -0.2, 0.1, 0.5, 1, 2, 3};
        boolean[] y = {false, false, false, false, true, false, true, true, true, true};
        double[] ab = LinearSvm.platt(s, y);
        assertThat(ab[0]).isPositive();
    }
}
