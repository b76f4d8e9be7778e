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
    void idfScalingWeighsRareTextFeaturesAboveCommonOnesAndLeavesNamedFeaturesAlone() {
        FeatureExtractor ex = new FeatureExtractor(FeatureConfig.all());
        String[] texts = {"song free iphone", "song win cash", "song subscribe now", "song lovely drums", "song amazing", "song in 2015"};
        boolean[] y = {true, true, true, false, false, false};
        Features[] f = new Features[texts.length];
        for (int i = 0; i < f.length; i++) f[i] = ex.extract(Comment.ofText(texts[i]));
        LinearSvm.Rows x = LinearSvm.Rows.of(f, h -> h & 0xFFFFF);
        int[] rows = {0, 1, 2, 3, 4, 5};
        double[] s = Trainer.scale(Trainer.Scaling.IDF, x, y, rows);
        int song = denseSlot(x, f[0], ex, "song");
        int iphone = denseSlot(x, f[0], ex, "iphone");
        assertThat(x.textSlot[song]).isTrue();
        assertThat(s[iphone]).isGreaterThan(s[song]);
        for (int j = 0; j < s.length; j++) if (!x.textSlot[j]) assertThat(s[j]).isEqualTo(1.0);
        assertThat(Trainer.scale(Trainer.Scaling.NONE, x, y, rows)).isNull();
        // the scaled rows carry value * scale, with squared norms to match
        LinearSvm.Rows scaled = x.scaled(s);
        for (int r = 0; r < texts.length; r++) {
            double sq = 0;
            for (int k = x.start[r]; k < x.start[r + 1]; k++) {
                assertThat((double) scaled.value[k]).isCloseTo(x.value[k] * s[x.slot[k]], org.assertj.core.data.Offset.offset(1e-6));
                sq += (double) scaled.value[k] * scaled.value[k];
            }
            assertThat(scaled.squaredNorm[r]).isCloseTo(sq, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** The dense slot of the word feature {@code word} in {@code f}. */
    private static int denseSlot(LinearSvm.Rows x, Features f, FeatureExtractor ex, String word) {
        for (int i = 0; i < f.size(); i++) {
            if (f.kind(i) == org.winnow.engine.features.FeatureKind.WORD && f.describe(i).equals(word)) {
                int modelSlot = f.hash(i) & 0xFFFFF;
                for (int j = 0; j < x.dimension(); j++) if (x.modelSlot[j] == modelSlot) return j;
            }
        }
        throw new AssertionError("no word feature " + word);
    }

    @Test
    void plattScalingIncreasesWithTheScore() {
        double[] s = {-3, -2, -1.5, -1, -0.2, 0.1, 0.5, 1, 2, 3};
        boolean[] y = {false, false, false, false, true, false, true, true, true, true};
        double[] ab = LinearSvm.platt(s, y);
        assertThat(ab[0]).isPositive();
    }
}
