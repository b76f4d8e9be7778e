package org.winnow.training;

import org.winnow.engine.features.FeatureKind;
import org.winnow.engine.features.Features;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

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

        /**
         * Builds the rows: each row is sorted by slot and merged on its own, in parallel (the expensive
         * part), then the rows are laid end to end and renumbered densely ({@link #of(Sorted[])}).
         */
        static Rows of(Features[] features, IntUnaryOperator slotOf) {
            Sorted[] sorted = new Sorted[features.length];
            ThreadLocal<Sorter> sorters = ThreadLocal.withInitial(() -> new Sorter(slotOf));
            IntStream.range(0, features.length).parallel().forEach(r -> sorted[r] = sorters.get().sort(features[r]));
            return of(sorted);
        }

        /**
         * The rows from each one's sorted form, numbered densely in order of the model's slots. A row's
         * values were summed in the same order whichever thread sorted it, so the result does not
         * depend on the parallelism.
         */
        static Rows of(Sorted[] rows) {
            int n = rows.length;
            int[] start = new int[n + 1];
            int max = -1;
            for (int r = 0; r < n; r++) {
                int[] slots = rows[r].slots();
                start[r + 1] = start[r] + slots.length;
                if (slots.length > 0) max = Math.max(max, slots[slots.length - 1] >>> 1);
            }
            // dense numbers in order of the model's slots: 1 + the number, 0 for a slot no row holds
            // (marked in parallel: threads only ever write the same value, so their order does not matter)
            int[] dense = new int[max + 1];
            boolean[] textModelSlot = new boolean[max + 1];
            IntStream.range(0, n).parallel().forEach(r -> {
                for (int s : rows[r].slots()) {
                    dense[s >>> 1] = 1;
                    if ((s & 1) != 0) textModelSlot[s >>> 1] = true;
                }
            });
            int d = 0;
            for (int i = 0; i <= max; i++) if (dense[i] != 0) dense[i] = ++d;
            int[] back = new int[d];
            boolean[] textSlot = new boolean[d];
            for (int i = 0; i <= max; i++) {
                if (dense[i] != 0) {
                    back[dense[i] - 1] = i;
                    textSlot[dense[i] - 1] = textModelSlot[i];
                }
            }
            int[] slot = new int[start[n]];
            float[] value = new float[start[n]];
            double[] norm = new double[n];
            IntStream.range(0, n).parallel().forEach(r -> {
                int[] slots = rows[r].slots();
                int at = start[r];
                for (int k = 0; k < slots.length; k++) slot[at + k] = dense[slots[k] >>> 1] - 1;
                System.arraycopy(rows[r].values(), 0, value, at, slots.length);
                norm[r] = rows[r].squaredNorm();
            });
            return new Rows(start, slot, value, norm, back, textSlot);
        }

        /**
         * One row sorted by model slot with repeated slots merged: each slot shifted left once, its
         * lowest bit set when a word, bigram or character n-gram lands in it; the summed values; the
         * squared norm.
         */
        record Sorted(int[] slots, float[] values, double squaredNorm) {}

        /** Sorts rows one at a time, reusing its buffers: one per thread. */
        static final class Sorter {
            /** Bits of the slot one radix pass sorts on. */
            private static final int RADIX_BITS = 11;

            private final IntUnaryOperator slotOf;
            private final int[] count = new int[1 << RADIX_BITS];
            private long[] keys = new long[64];
            private long[] spare = new long[64];

            Sorter(IntUnaryOperator slotOf) {
                this.slotOf = slotOf;
            }

            Sorted sort(Features f) {
                int m = f.size();
                if (keys.length < m) {
                    keys = new long[m];
                    spare = new long[m];
                }
                int bits = 0;
                for (int i = 0; i < m; i++) {
                    int s = slotOf.applyAsInt(f.hash(i));
                    if (s < 0 || s >= 1 << 30) throw new IllegalArgumentException("slot out of range: " + s);
                    keys[i] = (long) s << 32 | i;
                    bits |= s;
                }
                long[] sorted = sortBySlot(m, bits);
                int[] slots = new int[m];
                float[] values = new float[m];
                int at = 0;
                for (int i = 0; i < m; i++) {
                    int s = (int) (sorted[i] >>> 32);
                    int feature = (int) sorted[i];
                    float v = f.value(feature);
                    FeatureKind kind = f.kind(feature);
                    int text = kind == FeatureKind.WORD || kind == FeatureKind.BIGRAM || kind == FeatureKind.CHARS ? 1 : 0;
                    if (at > 0 && slots[at - 1] >>> 1 == s) {
                        values[at - 1] += v;
                        slots[at - 1] |= text;
                    } else {
                        slots[at] = s << 1 | text;
                        values[at] = v;
                        at++;
                    }
                }
                double sq = 0;
                for (int k = 0; k < at; k++) sq += (double) values[k] * values[k];
                return new Sorted(at == m ? slots : Arrays.copyOf(slots, at), at == m ? values : Arrays.copyOf(values, at), sq);
            }

            /**
             * Sorts {@code keys[0..m)} ({@code slot << 32 | feature}, features ascending) by slot,
             * keeping the feature order within a slot: a stable radix sort on the slot's bits
             * ({@code bits} has every bit any slot has). Returns whichever buffer holds the result.
             */
            private long[] sortBySlot(int m, int bits) {
                long[] from = keys;
                long[] to = spare;
                int mask = (1 << RADIX_BITS) - 1;
                for (int digit = 0; digit < 31 && bits >>> digit != 0; digit += RADIX_BITS) {
                    int shift = 32 + digit;
                    Arrays.fill(count, 0);
                    for (int i = 0; i < m; i++) count[(int) (from[i] >>> shift) & mask]++;
                    int sum = 0;
                    for (int b = 0; b <= mask; b++) {
                        int c = count[b];
                        count[b] = sum;
                        sum += c;
                    }
                    for (int i = 0; i < m; i++) to[count[(int) (from[i] >>> shift) & mask]++] = from[i];
                    long[] t = from;
                    from = to;
                    to = t;
                }
                return from;
            }
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
