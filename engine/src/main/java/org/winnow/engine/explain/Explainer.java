package org.winnow.engine.explain;

import org.winnow.engine.Signal;
import org.winnow.engine.features.FeatureKind;
import org.winnow.engine.features.Features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

    public List<Signal> explain(Features f, double[] contributions) {
        int words = f.wordCount();
        double[] perWord = new double[words];
        int cap = 16;
        double[] weight = new double[cap];
        int[] ref = new int[cap]; // feature index, or -(word index + 1) for a whole word
        int n = 0;
        for (int i = 0; i < f.size(); i++) {
            double c = contributions[i];
            if (c == 0) continue;
            int w = f.wordIndex(i);
            if (w >= 0) {
                perWord[w] += c;
                continue;
            }
            if (n == cap) {
                cap *= 2;
                weight = Arrays.copyOf(weight, cap);
                ref = Arrays.copyOf(ref, cap);
            }
            weight[n] = c;
            ref[n++] = i;
        }
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
        for (int w = 0; w < words; w++) {
            if (perWord[w] == 0) continue;
            if (n == cap) {
                cap *= 2;
                weight = Arrays.copyOf(weight, cap);
                ref = Arrays.copyOf(ref, cap);
            }
            weight[n] = perWord[w];
            ref[n++] = -(w + 1);
        }
        // Top maxSignals by selection on the primitive weights; a signal's strings are built only for the
        // winners and for breaking exact ties (strongest first, then by name, then by detail).
        Signal[] built = new Signal[n];
        boolean[] taken = new boolean[n];
        int k = Math.min(maxSignals, n);
        List<Signal> top = new ArrayList<>(k);
        for (int r = 0; r < k; r++) {
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (taken[j]) continue;
                if (best < 0) {
                    best = j;
                    continue;
                }
                int c = Double.compare(Math.abs(weight[best]), Math.abs(weight[j]));
                if (c == 0) c = ORDER.compare(signal(f, ref, weight, built, j), signal(f, ref, weight, built, best));
                if (c < 0) best = j;
            }
            taken[best] = true;
            top.add(signal(f, ref, weight, built, best));
        }
        return top;
    }

    private static Signal signal(Features f, int[] ref, double[] weight, Signal[] built, int j) {
        Signal s = built[j];
        if (s == null) {
            int r = ref[j];
            s = r >= 0 ? new Signal(f.kind(r).signalName(), f.describe(r), weight[j]) : new Signal(TOKEN, f.word(-r - 1), weight[j]);
            built[j] = s;
        }
        return s;
    }

    /** Strongest first; ties by name, then detail, so explanations are deterministic. */
    private static final Comparator<Signal> ORDER = (a, b) -> {
        int c = Double.compare(Math.abs(b.weight()), Math.abs(a.weight()));
        if (c != 0) return c;
        c = a.name().compareTo(b.name());
        return c != 0 ? c : a.detail().compareTo(b.detail());
    };
}
