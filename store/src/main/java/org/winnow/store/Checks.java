package org.winnow.store;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Every comment-check, recorded with its verdict and what is needed to learn from it later, so a
 * submit-spam / submit-ham can be matched to it by GUID or by the comment's fields.
 */
public interface Checks {

    /** Longest accepted {@link Check#comment()}. */
    int MAX_COMMENT_CHARS = 1 << 20;

    /** Longest accepted {@link Check#explanation()}. */
    int MAX_EXPLANATION_CHARS = 1 << 18;

    /** Longest accepted {@link Check#matchKey()}. */
    int MAX_MATCH_KEY_CHARS = 128;

    /**
     * One recorded check.
     *
     * @param guid        32 lowercase hex, sent to the client as {@code X-akismet-guid}
     * @param siteId      the site ({@link ApiKeys.Site#id()})
     * @param at          when it was checked
     * @param verdict     "ham", "spam" or "discard"
     * @param score       the engine's score in [0, 1]
     * @param explanation the engine's signals as JSON
     * @param comment     the comment's fields as JSON (enough to rebuild the engine's input)
     * @param matchKey    a hash of the fields WordPress matches on (post/permalink, author, e-mail, content)
     * @param test        true when the client sent is_test (never learned from, not counted)
     */
    record Check(String guid, long siteId, Instant at, String verdict, double score, String explanation,
                 String comment, String matchKey, boolean test) {}

    /**
     * What another node needs to replay a check into its recent traffic.
     *
     * @param score the engine's score in [0, 1], as recorded
     */
    record Judged(String guid, long siteId, Instant at, double score, String comment) {}

    /** Monthly counts for one site, as key-sites and get-stats report them. */
    record SiteMonth(long siteId, String siteUrl, YearMonth month, long apiCalls, long spam, long ham,
                     long missedSpam, long falsePositives) {}

    /**
     * A new guid for a check: 32 lowercase hex, starting with the time so that guids are recorded in
     * index order (faster inserts than fully random guids), the rest unguessable.
     */
    static String newGuid() {
        return Guids.next();
    }

    /**
     * Records a check durably (on disk when this returns). Concurrent calls are committed together
     * in one transaction (group commit), so many threads recording at once is the fast path.
     *
     * @throws IllegalArgumentException if a field is missing, malformed or too long (nothing is written)
     * @throws StoreException           e.g. {@link StoreException.Reason#DUPLICATE} for a guid already
     *                                  recorded, {@link StoreException.Reason#MISSING_REFERENCE} for an unknown site
     */
    void record(Check check);

    /**
     * Like {@link #record}, without waiting: the check joins the next group commit and the future
     * completes once it is durable (or fails with the {@link StoreException} {@link #record} would
     * throw). Completion runs on one store thread that releases committed batches in order, so what is
     * chained onto it must be short and must not block (writing a small HTTP answer is fine).
     *
     * @throws IllegalArgumentException at once, if a field is missing, malformed or too long (nothing is written)
     */
    CompletableFuture<Void> recordAsync(Check check);

    /**
     * Of the newest {@code limit} checks (tests left out) recorded at or after {@code from}, those whose
     * guid {@code known} does not accept, oldest first (ties in guid order). Nodes sharing a database
     * poll it to see each other's traffic, and a node reads it when it starts, to rebuild what it knew
     * before a restart. Known checks cost only their guid: a poller that looks back over rows it has
     * seen does not read them again.
     */
    List<Judged> judgedSince(Instant from, int limit, java.util.function.Predicate<String> known);

    /** The check with this guid; empty if there is none or the text is not a guid. */
    Optional<Check> byGuid(String guid);

    /** The newest check of this site with this match key. */
    Optional<Check> latestByMatchKey(long siteId, String matchKey);

    /**
     * Per-site counts for the sites of one key in one (UTC) month, oldest site first; every site that
     * existed in the month is listed, with zeros if idle. Test checks are not counted. spam counts
     * "spam" and "discard" verdicts. Missed spam / false positives come from corrections received in the
     * month (to spam with previous verdict ham / to ham with previous verdict spam or discard), each
     * corrected check counted once however many corrections it got.
     */
    List<SiteMonth> monthly(long keyId, YearMonth month);

    /** Calls (non-test checks) made with one key during {@code month} (UTC). */
    long callsInMonth(long keyId, YearMonth month);

    /**
     * Deletes checks older than {@code before}; returns how many. (Retention.) Works in chunks, each
     * its own transaction, so it never blocks recording for long.
     */
    int deleteOlderThan(Instant before);
}
