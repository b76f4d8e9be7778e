package org.winnow.engine;

import java.util.List;

/**
 * The engine's judgement of one comment.
 *
 * @param label   ham, spam or discard
 * @param score   probability-like spam score in [0, 1]
 * @param logOdds the raw score in log-odds, before the threshold
 * @param signals the signals that moved the score most, strongest first (rules first when a rule decided)
 */
public record Verdict(Label label, double score, double logOdds, List<Signal> signals) {
    public Verdict {
        signals = List.copyOf(signals);
    }

    public boolean isSpam() {
        return label.isSpam();
    }
}
