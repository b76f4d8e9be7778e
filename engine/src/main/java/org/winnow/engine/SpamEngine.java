package org.winnow.engine;

import org.winnow.engine.model.Model;

/**
 * The spam engine: judges comments, explains each verdict and learns from corrections, one at a
 * time, while it serves. Thread-safe: many threads may judge while one learns.
 *
 * <pre>{@code
 * SpamEngine engine = SpamEngine.create(Model.read(in));
 * Verdict v = engine.judge("site-1", Comment.ofText("Buy cheap pills at example[dot]com"));
 * engine.learn("site-1", comment, true);   // a moderator said: spam
 * }</pre>
 */
public final class SpamEngine {
    // Implementation: engine helper (see engine/README.md).

    private SpamEngine() {}

    /** An engine with default settings that starts from {@code model} (it is copied, not shared). */
    public static SpamEngine create(Model model) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Judges one comment for one site ({@code site} keys the per-site adjustments; any stable id). */
    public Verdict judge(String site, Comment comment) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Learns one labelled example at once: the next {@link #judge} already reflects it. */
    public void learn(String site, Comment comment, boolean spam) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A consistent copy of the current model, e.g. to persist it. */
    public Model snapshot() {
        throw new UnsupportedOperationException("not yet");
    }
}
