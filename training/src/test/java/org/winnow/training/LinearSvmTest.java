package org.winnow.training;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.FeatureKind;
import org.winnow.engine.features.Features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            if (f.kind(i) == FeatureKind.WORD && f.describe(i).equals(word)) {
                int modelSlot = f.hash(i) & 0xFFFFF;
                for (int j = 0; j < x.dimension(); j++) if (x.modelSlot[j] == modelSlot) return j;
            }
        }
        throw new AssertionError("no word feature " + word);
    }

    @Test
    void rowsAreSortedBySlotWithRepeatedSlotsMergedInFeatureOrder() {
        FeatureExtractor ex = new FeatureExtractor(FeatureConfig.all());
        String[] texts = {"free iphone click here http://bit.ly/x", "", "win cash now visit site, win win win",
                "subscribe to my channel", "lovely song from my childhood " + "la ".repeat(300), "who is here in 2015"};
        Features[] f = new Features[texts.length];
        for (int i = 0; i < f.length; i++) f[i] = ex.extract(Comment.ofText(texts[i]));
        // few slots (much merging, one radix pass), the default table (two), and 23-bit slots (three)
        List<IntUnaryOperator> slotOfs = List.of(h -> h & 7, h -> h & 0xFFFFF, h -> h & 0x7FFFFF);
        for (IntUnaryOperator slotOf : slotOfs) {
            Reference expected = reference(f, slotOf);
            assertSame(LinearSvm.Rows.of(f, slotOf), expected);
            // one sorter reused for every row, as one thread does
            LinearSvm.Rows.Sorter sorter = new LinearSvm.Rows.Sorter(slotOf);
            LinearSvm.Rows.Sorted[] sorted = new LinearSvm.Rows.Sorted[f.length];
            for (int r = f.length - 1; r >= 0; r--) sorted[r] = sorter.sort(f[r]);
            assertSame(LinearSvm.Rows.of(sorted), expected);
        }
        assertThat(LinearSvm.Rows.of(f, h -> h & 7).dimension()).isLessThanOrEqualTo(8);
    }

    @Test
    void rowsRejectSlotsOutOfRange() {
        Features[] f = {new FeatureExtractor(FeatureConfig.all()).extract(Comment.ofText("hello there"))};
        assertThatThrownBy(() -> LinearSvm.Rows.of(f, h -> -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Rows built the plain way: a full sort of (slot, feature) per row, values summed in that order. */
    private record Reference(int[] start, int[] slot, float[] value, double[] norm, int[] modelSlot, boolean[] text) {}

    private static Reference reference(Features[] f, IntUnaryOperator slotOf) {
        TreeMap<Integer, Boolean> used = new TreeMap<>();
        List<long[]> rows = new ArrayList<>();
        for (Features row : f) {
            long[] keys = new long[row.size()];
            for (int i = 0; i < keys.length; i++) {
                int s = slotOf.applyAsInt(row.hash(i));
                keys[i] = (long) s << 32 | i;
                FeatureKind kind = row.kind(i);
                boolean text = kind == FeatureKind.WORD
                        || kind == FeatureKind.BIGRAM || kind == FeatureKind.CHARS;
                used.merge(s, text, Boolean::logicalOr);
            }
            Arrays.sort(keys);
            rows.add(keys);
        }
        Map<Integer, Integer> dense = new HashMap<>();
        int[] modelSlot = new int[used.size()];
        boolean[] text = new boolean[used.size()];
        for (var e : used.entrySet()) {
            text[dense.size()] = e.getValue();
            modelSlot[dense.size()] = e.getKey();
            dense.put(e.getKey(), dense.size());
        }
        List<Integer> slot = new ArrayList<>();
        List<Float> value = new ArrayList<>();
        int[] start = new int[f.length + 1];
        double[] norm = new double[f.length];
        for (int r = 0; r < f.length; r++) {
            start[r] = slot.size();
            long[] keys = rows.get(r);
            for (int k = 0; k < keys.length; k++) {
                int s = dense.get((int) (keys[k] >>> 32));
                float v = f[r].value((int) keys[k]);
                if (slot.size() > start[r] && slot.getLast() == s) value.set(value.size() - 1, value.getLast() + v);
                else {
                    slot.add(s);
                    value.add(v);
                }
            }
            for (int k = start[r]; k < slot.size(); k++) norm[r] += (double) value.get(k) * value.get(k);
        }
        start[f.length] = slot.size();
        float[] values = new float[value.size()];
        for (int k = 0; k < values.length; k++) values[k] = value.get(k);
        return new Reference(start, slot.stream().mapToInt(Integer::intValue).toArray(), values, norm, modelSlot, text);
    }

    private static void assertSame(LinearSvm.Rows x, Reference expected) {
        assertThat(x.start).isEqualTo(expected.start());
        assertThat(x.slot).isEqualTo(expected.slot());
        assertThat(Arrays.equals(x.value, expected.value())).isTrue();
        assertThat(Arrays.equals(x.squaredNorm, expected.norm())).isTrue();
        assertThat(x.modelSlot).isEqualTo(expected.modelSlot());
        assertThat(x.textSlot).isEqualTo(expected.text());
    }

    @Test
    void plattScalingIncreasesWithTheScore() {
        double[] s = {-3, -2, -1.5, -1, -0.2, 0.1, 0.5, 1, 2, 3};
        boolean[] y = {false, false, false, false, true, false, true, true, true, true};
        double[] ab = LinearSvm.platt(s, y);
        assertThat(ab[0]).isPositive();
    }
}
