package org.winnow.store;

import java.time.Instant;
import java.util.List;

/**
 * The ordered log of labelled examples the engine learns from: submit-spam / submit-ham calls and
 * moderator decisions. The learned model is the default model plus this log replayed in {@code seq}
 * order, so every node that replays it reaches the same model.
 */
public interface Corrections {

    /** Longest accepted {@link Correction#comment()}. */
    int MAX_COMMENT_CHARS = 1 << 20;

    /** Longest accepted {@link Correction#source()}. */
    int MAX_SOURCE_CHARS = 32;

    /** Largest {@code limit} accepted by {@link #after}. */
    int MAX_LIMIT = 10_000;

    /** Longest accepted subject (see {@link #append(Correction, String)}). */
    int MAX_SUBJECT_CHARS = 64;

    /**
     * What an erased correction's {@link Correction#comment()} becomes: its label, source and time stay
     * (the log keeps its seqs and counts), the comment's fields are gone, and replay skips it.
     */
    String ERASED_COMMENT = "{\"erased\":true}";

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

    /**
     * Appends durably; returns the correction with its {@code seq} filled in (the given seq is ignored)
     * and {@code at} truncated to the millisecond, exactly as {@link #after} will return it. A
     * {@code previousVerdict} requires a {@code guid} (it is the verdict of that check).
     *
     * @throws IllegalArgumentException if a field is missing, malformed or too long (nothing is written)
     * @throws StoreException           e.g. {@link StoreException.Reason#MISSING_REFERENCE} for an unknown site
     */
    Correction append(Correction correction);

    /**
     * {@link #append(Correction)}, naming what the correction is about (e.g. {@code "comment:42"} for a
     * platform comment; null for none), so that {@link #erase} can find it later.
     *
     * @throws IllegalArgumentException also for a blank subject or one longer than {@value #MAX_SUBJECT_CHARS}
     */
    Correction append(Correction correction, String subject);

    /**
     * The corrections of {@code siteId} about {@code subject}, in seq order: what the log keeps of one
     * stored comment, for its author to see. Erased ones are about nothing any more, so they are not listed.
     */
    List<Correction> about(long siteId, String subject);

    /**
     * Erases the comment's fields from every correction of {@code siteId} about {@code subject}: each
     * keeps its seq, label, source and time, its comment becomes {@link #ERASED_COMMENT} and it is about
     * nothing any more. For a person's request to erase their comment. Returns how many were erased.
     * Nodes that learned them keep what they learned until they restart; replay skips them.
     */
    int erase(long siteId, String subject);

    /**
     * Up to {@code limit} (1…{@value #MAX_LIMIT}) corrections with seq greater than {@code afterSeq}, in
     * seq order. Seqs have no gaps and become visible in order, on every node: a reader that has seen
     * seq n will never later find a new correction with a smaller seq, so polling with the last seq
     * seen misses nothing.
     */
    List<Correction> after(long afterSeq, int limit);

    /** Number of corrections in the log. */
    long count();
}
