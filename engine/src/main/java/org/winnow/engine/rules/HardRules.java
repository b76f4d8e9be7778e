package org.winnow.engine.rules;

import org.winnow.engine.Label;
import org.winnow.engine.Signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a score into a label, with the hard rules on top: a filled honeypot is always discarded;
 * blatant spam (far above the threshold, or a near-copy of spam a moderator already labelled, and
 * carrying a link) is discarded rather than queued.
 */
public final class HardRules {
    /** Similarity to remembered spam from which a linked comment counts as a copy of it. */
    private static final double COPY_SIMILARITY = 0.8;

    private HardRules() {}

    /** The label, and the rule signals that decided it (empty when the score alone decided). */
    public record Outcome(Label label, List<Signal> ruleSignals) {}

    public static Outcome decide(boolean honeypotFilled, double logOdds, double threshold, double discardMargin,
                                 int linkCount, double spamCopySimilarity) {
        List<Signal> rules = new ArrayList<>(2);
        if (honeypotFilled) {
            rules.add(new Signal("rule:honeypot", "the hidden honeypot field was filled in, which only bots do", 0));
            return new Outcome(Label.DISCARD, rules);
        }
        if (logOdds < threshold) return new Outcome(Label.HAM, rules);
        if (linkCount > 0 && spamCopySimilarity >= COPY_SIMILARITY) {
            rules.add(new Signal("rule:copy_of_spam", "a near copy of spam already labelled on this site, with a link", 0));
            return new Outcome(Label.DISCARD, rules);
        }
        if (linkCount > 0 && logOdds >= threshold + discardMargin) {
            rules.add(new Signal("rule:blatant", "far above the spam threshold and carries a link", 0));
            return new Outcome(Label.DISCARD, rules);
        }
        return new Outcome(Label.SPAM, rules);
    }
}
