package org.winnow.engine.explain;

import org.winnow.engine.Signal;
import org.winnow.engine.features.FeatureKind;
import org.winnow.engine.features.Features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns per-feature log-odds contributions into the strongest few signals. A word's character
 * n-grams are credited to the word itself, so a signal reads "token: casino" rather than "asin";
 * repeated words are summed.
 */
public final class Explainer {
    private static final String TOKEN = FeatureKind.WORD.signalName();

    private final int maxSignals;

    public Explainer(int maxSignals) {
        this.maxSignals = maxSignals;
    }

    /**
     * The strongest signals, strongest first, in a new mutable list with room for a few more.
     *
     * @param contributions each feature's log-odds contribution, at least {@code f.size()} of them
     */
    public List<Signal> explain(Features f, double[] contributions) {
        int words = f.wordCount();
        double[] perWord = new double[words];
        // sized for every word, phrase and named feature, so neither list grows
        Candidates cand = new Candidates(f, 2 * words + f.namedCount() + 1);
        Candidates phrases = new Candidates(f, words + 1);
        // A word's n-grams are consecutive: sum them in a register (the same additions in the same order
        // as perWord[w] += c, without a store and reload per n-gram).
        int current = -1;
        double sum = 0;
        for (int i = 0; i < f.size(); i++) {
            double c = contributions[i];
            if (c == 0) continue;
            int w = f.wordIndex(i);
            if (w >= 0) {
                if (w != current) {
                    if (current >= 0) perWord[current] = sum;
                    current = w;
                    sum = perWord[w];
                }
                sum += c;
            } else if (f.kind(i) == FeatureKind.BIGRAM) {
                phrases.add(c, i);
            } else {
                cand.add(c, i);
            }
        }
        if (current >= 0) perWord[current] = sum;
        // Repeated words are summed into their first occurrence (a small open-addressing table, no boxing).
        int tableSize = Integer.highestOneBit(Math.max(words, 1) * 2) << 1;
        int[] table = new int[tableSize]; // word index + 1, 0 = empty
        int tableMask = tableSize - 1;
        for (int w = 0; w < words; w++) {
            if (perWord[w] == 0) continue;
            String word = f.word(w);
            int slot = word.hashCode() & tableMask;
            while (table[slot] != 0 && !f.word(table[slot] - 1).equals(word)) slot = (slot + 1) & tableMask;
            if (table[slot] == 0) {
                table[slot] = w + 1;
            } else {
                perWord[table[slot] - 1] += perWord[w];
                perWord[w] = 0;
            }
        }
        for (int w = 0; w < words; w++) if (perWord[w] != 0) cand.add(perWord[w], -(w + 1));
        // Phrases go last: many weigh exactly the same (unseen ones), and after the stronger words and
        // named features most of them fail the first comparison instead of needing a tie-break. Equal
        // signals are interchangeable, so the order candidates are seen in does not change the result.
        for (int j = 0; j < phrases.n; j++) cand.add(phrases.weight[j], phrases.ref[j]);
        // Top maxSignals in one pass over the primitive weights, into a small buffer kept in order.
        // Strengths are compared first, inline; only equal ones (or NaN) need the full comparison.
        int k = Math.min(maxSignals, cand.n);
        int[] top = new int[k];
        double[] strength = cand.strengths();
        int kept = 0;
        for (int j = 0; j < cand.n; j++) {
            double s = strength[j];
            if (kept == k) {
                double weakest = strength[top[k - 1]];
                if (s < weakest || (!(s > weakest) && !cand.ahead(j, top[k - 1]))) continue;
            }
            int pos = kept < k ? kept++ : k - 1; // when full, the weakest kept one makes room
            while (pos > 0) {
                double above = strength[top[pos - 1]];
                if (s < above || (!(s > above) && !cand.ahead(j, top[pos - 1]))) break;
                top[pos] = top[pos - 1];
                pos--;
            }
            top[pos] = j;
        }
        List<Signal> result = new ArrayList<>(kept + 4); // the caller may add its own signals
        for (int r = 0; r < kept; r++) result.add(cand.signal(top[r]));
        return result;
    }

    /** The candidate signals of one explanation as primitive weights and references; only winners become signals. */
    private static final class Candidates {
        private final Features f;
        private double[] weight;
        private int[] ref; // feature index, or -(word index + 1) for a whole word
        int n;

        Candidates(Features f, int capacity) {
            this.f = f;
            weight = new double[capacity];
            ref = new int[capacity];
        }

        void add(double w, int r) {
            if (n == weight.length) {
                weight = Arrays.copyOf(weight, n * 2 + 8);
                ref = Arrays.copyOf(ref, n * 2 + 8);
            }
            weight[n] = w;
            ref[n++] = r;
        }

        /** Every candidate's strength, the absolute value of its weight, in candidate order. */
        double[] strengths() {
            double[] s = new double[n];
            for (int j = 0; j < n; j++) s[j] = Math.abs(weight[j]);
            return s;
        }

        /**
         * Whether candidate {@code j} comes strictly before {@code i}: stronger, or as strong and first by
         * signal name, then detail, so explanations are deterministic; full ties keep feature order.
         * Exact ties are common (unseen phrases all weigh the same): they are broken without building strings.
         */
        boolean ahead(int j, int i) {
            int c = Double.compare(Math.abs(weight[j]), Math.abs(weight[i]));
            if (c != 0) return c > 0;
            int rj = ref[j], ri = ref[i];
            String nj = name(rj), ni = name(ri);
            if (nj != ni) return nj.compareTo(ni) < 0; // names are constants: the same name is the same object
            if (rj < 0) return f.word(-rj - 1).compareTo(f.word(-ri - 1)) < 0; // two whole words
            return f.compareDescriptions(rj, ri) < 0;
        }

        private String name(int r) {
            return r >= 0 ? f.kind(r).signalName() : TOKEN;
        }

        Signal signal(int j) {
            int r = ref[j];
            return new Signal(name(r), r >= 0 ? f.describe(r) : f.word(-r - 1), weight[j]);
        }
    }
}
