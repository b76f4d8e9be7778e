package org.winnow.store;

import java.time.Instant;
import java.util.List;

/**
 * The ordered log of labelled examples the engine learns from: submit-spam / submit-ham calls and
 * moderator decisions. The learned model is the default model plus this log replayed in {@code seq}
 * order, so every node that replays it reaches the same model.
 */
public interface Corrections {

    /**
     * One labelled example.
     *
     * @param seq     position in the log (assigned on append, increasing)
     * @param siteId  the site it came from
     * @param guid    the check it corrects, if it was matched to one (else null)
     * @param spam    the label
     * @param source  "submit-spam", "submit-ham", "moderator", "import"…
     * @param comment the comment's fields as JSON
     * @param at      when it was received
     * @param previousVerdict the verdict of the matched check ("ham"/"spam"/"discard"), or null when unmatched
     */
    record Correction(long seq, long siteId, String guid, boolean spam, String source, String comment, Instant at,
                      String previousVerdict) {}

    /** Appends durably; returns the correction with its {@code seq} filled in. */
    Correction append(Correction correction);

    /** Up to {@code limit} corrections with seq greater than {@code afterSeq}, in seq order. */
    List<Correction> after(long afterSeq, int limit);

    /** Number of corrections in the log. */
    long count();
}
