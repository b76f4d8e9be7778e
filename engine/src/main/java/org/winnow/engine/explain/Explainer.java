package org.winnow.engine.explain;

import org.winnow.engine.Signal;
import org.winnow.engine.features.FeatureKind;
import org.winnow.engine.features.Features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        double[] perWord = new double[f.wordCount()];
        List<Signal> candidates = new ArrayList<>(f.wordCount() + 32);
        for (int i = 0; i < f.size(); i++) {
            double c = contributions[i];
            if (c == 0) continue;
            int w = f.wordIndex(i);
            if (w >= 0) perWord[w] += c;
            else candidates.add(new Signal(f.kind(i).signalName(), f.describe(i), c));
        }
        Map<String, Integer> seenWord = new HashMap<>();
        for (int w = 0; w < perWord.length; w++) {
            if (perWord[w] == 0) continue;
            String word = f.word(w);
            Integer at = seenWord.get(word);
            if (at == null) {
                seenWord.put(word, candidates.size());
                candidates.add(new Signal(TOKEN, word, perWord[w]));
            } else {
                Signal old = candidates.get(at);
                candidates.set(at, new Signal(TOKEN, word, old.weight() + perWord[w]));
            }
        }
        candidates.sort((a, b) -> {
            int c = Double.compare(Math.abs(b.weight()), Math.abs(a.weight()));
            if (c != 0) return c;
            c = a.name().compareTo(b.name());
            return c != 0 ? c : a.detail().compareTo(b.detail());
        });
        return candidates.size() > maxSignals ? List.copyOf(candidates.subList(0, maxSignals)) : candidates;
    }
}
