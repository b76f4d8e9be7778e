package org.winnow.training;

import org.winnow.engine.features.FeatureKind;
import org.winnow.engine.features.Features;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * L2-regularised linear SVM with the squared hinge loss, solved in the dual by coordinate descent
 * with shrinking (Hsieh et al., ICML 2008, the LIBLINEAR algorithm), on hashed feature vectors.
 * Each example may carry a fixed offset added to its score (the naive-Bayes part of Winnow's model),
 * so the solver learns the correction on top of it. The bias is an extra feature of value 1.
 * Deterministic for a given seed.
 */
final class LinearSvm {
    private LinearSvm() {}

    /**
     * Feature vectors as compressed sparse rows: weight slots merged and sorted, plus squared norms.
     * Slots are renumbered densely (in order of the model's slots) so the solver's weight vector is
     * small and cache-friendly; {@link #modelSlot} maps back.
     */
    static final class Rows {
        final int[] start;
        final int[] slot;
        final float[] value;
        final double[] squaredNorm;
        final int[] modelSlot;
        /** Whether a dense slot holds a word, bigram or character n-gram (the text groups). */
        final boolean[] textSlot;

        private Rows(int[] start, int[] slot, float[] value, double[] squaredNorm, int[] modelSlot, boolean[] textSlot) {
            this.start = start;
            this.slot = slot;
            this.value = value;
            this.squaredNorm = squaredNorm;
            this.modelSlot = modelSlot;
            this.textSlot = textSlot;
        }

        /** The same rows with each dense slot's values multiplied by {@code scale[slot]} (norms recomputed). */
        Rows scaled(double[] scale) {
            float[] v = new float[value.length];
            for (int k = 0; k < v.length; k++) v[k] = (float) (value[k] * scale[slot[k]]);
            int n = squaredNorm.length;
            double[] norm = new double[n];
            for (int r = 0; r < n; r++) {
                double sq = 0;
                for (int k = start[r]; k < start[r + 1]; k++) sq += (double) v[k] * v[k];
                norm[r] = sq;
            }
            return new Rows(start, slot, v, norm, modelSlot, textSlot);
        }

        /** Number of distinct slots: the length of the solver's weight vector. */
        int dimension() {
            return modelSlot.length;
        }

        static Rows of(Features[] features, IntUnaryOperator slotOf) {
            int n = features.length;
            BitSet text = new BitSet();
            int[] start = new int[n + 1];
            int total = 0;
            for (Features f : features) total += f.size();
            int[] slot = new int[total];
            float[] value = new float[total];
            double[] norm = new double[n];
            int at = 0;
            long[] keys = new long[64];
            for (int r = 0; r < n; r++) {
                Features f = features[r];
                int m = f.size();
                if (keys.length < m) keys = new long[Math.max(m, keys.length * 2)];
                for (int i = 0; i < m; i++) {
                    int s = slotOf.applyAsInt(f.hash(i));
                    keys[i] = (long) s << 32 | i;
                    FeatureKind kind = f.kind(i);
                    if (kind == FeatureKind.WORD || kind == FeatureKind.BIGRAM || kind == FeatureKind.CHARS) text.set(s);
                }
                Arrays.sort(keys, 0, m);
                start[r] = at;
                for (int i = 0; i < m; i++) {
                    int s = (int) (keys[i] >>> 32);
                    float v = f.value((int) keys[i]);
                    if (at > start[r] && slot[at - 1] == s) {
                        value[at - 1] += v;
                    } else {
                        slot[at] = s;
                        value[at] = v;
                        at++;
                    }
                }
                double sq = 0;
                for (int k = start[r]; k < at; k++) sq += (double) value[k] * value[k];
                norm[r] = sq;
            }
            start[n] = at;
            slot = Arrays.copyOf(slot, at);
            int max = -1;
            for (int v : slot) max = Math.max(max, v);
            int[] dense = new int[max + 1];
            for (int v : slot) dense[v] = 1;
            int d = 0;
            for (int i = 0; i <= max; i++) if (dense[i] != 0) dense[i] = ++d;
            int[] back = new int[d];
            for (int i = 0; i <= max; i++) if (dense[i] != 0) back[dense[i] - 1] = i;
            for (int k = 0; k < at; k++) slot[k] = dense[slot[k]] - 1;
            boolean[] textSlot = new boolean[d];
            for (int j = 0; j < d; j++) textSlot[j] = text.get(back[j]);
            return new Rows(start, slot, Arrays.copyOf(value, at), norm, back, textSlot);
        }

        double dot(int r, double[] w) {
            double s = 0;
            for (int k = start[r]; k < start[r + 1]; k++) s += w[slot[k]] * value[k];
            return s;
        }
    }

    /**
     * Solves for {@code w} (dense slots, length {@link Rows#dimension()}, filled in place, must start at zero) and returns the bias.
     *
     * @param rows     which rows of {@code x} train
     * @param offset   fixed score offset of each training row, by position in {@code rows}
     * @param c        the cost of a squared margin violation (larger: less regularisation)
     * @param eps      stop when the projected-gradient spread falls below this
     */
    static double solve(Rows x, int[] rows, boolean[] labels, double[] offset, double c, double[] w,
                        long seed, int maxIterations, double eps) {
        int n = rows.length;
        double diag = 0.5 / c;
        double[] alpha = new double[n];
        double[] qd = new double[n];
        byte[] y = new byte[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            qd[i] = x.squaredNorm[rows[i]] + 1 + diag;
            y[i] = (byte) (labels[rows[i]] ? 1 : -1);
            order[i] = i;
        }
        double bias = 0;
        int active = n;
        double maxOld = Double.POSITIVE_INFINITY;
        double minOld = Double.NEGATIVE_INFINITY;
        SplittableRandom random = new SplittableRandom(seed);
        int iter = 0;
        for (; iter < maxIterations; iter++) {
            for (int i = 0; i < active; i++) {
                int j = i + random.nextInt(active - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double maxNew = Double.NEGATIVE_INFINITY;
            double minNew = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active; s++) {
                int i = order[s];
                int r = rows[i];
                double g = y[i] * (x.dot(r, w) + bias + offset[i]) - 1 + alpha[i] * diag;
                double pg = g;
                if (alpha[i] == 0) {
                    if (g > maxOld) {
                        active--;
                        order[s] = order[active];
                        order[active] = i;
                        s--;
                        continue;
                    }
                    if (g > 0) pg = 0;
                }
                if (pg > maxNew) maxNew = pg;
                if (pg < minNew) minNew = pg;
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.max(old - g / qd[i], 0);
                    double d = (alpha[i] - old) * y[i];
                    for (int k = x.start[r]; k < x.start[r + 1]; k++) w[x.slot[k]] += d * x.value[k];
                    bias += d;
                }
            }
            if (maxNew - minNew <= eps) {
                if (active == n) break;
                active = n;
                maxOld = Double.POSITIVE_INFINITY;
                minOld = Double.NEGATIVE_INFINITY;
                continue;
            }
            maxOld = maxNew <= 0 ? Double.POSITIVE_INFINITY : maxNew;
            minOld = minNew >= 0 ? Double.NEGATIVE_INFINITY : minNew;
        }
        if (Boolean.getBoolean("winnow.svm.debug")) System.err.println("svm: n=" + n + " iterations=" + iter);
        return bias;
    }

    /**
     * Platt scaling: {@code a, b} minimising the logistic loss of {@code a * score + b} against the
     * labels (with Platt's smoothed targets), by Newton's method. Returns {a, b}; a is kept positive.
     */
    static double[] platt(double[] scores, boolean[] labels) {
        int pos = 0;
        for (boolean l : labels) if (l) pos++;
        int neg = labels.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1, b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < scores.length; i++) {
                double z = a * scores[i] + b;
                double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
                double t = labels[i] ? hi : lo;
                double d = p - t;
                double h = p * (1 - p);
                ga += d * scores[i];
                gb += d;
                haa += h * scores[i] * scores[i];
                hab += h * scores[i];
                hbb += h;
            }
            double det = haa * hbb - hab * hab;
            if (det <= 0) break;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
        }
        if (!(a > 0)) return new double[] {1, 0};
        return new double[] {a, b};
    }
}
