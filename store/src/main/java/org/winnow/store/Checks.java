package org.winnow.store;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Every comment-check, recorded with its verdict and what is needed to learn from it later, so a
 * submit-spam / submit-ham can be matched to it by GUID or by the comment's fields.
 */
public interface Checks {

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

    /** Monthly counts for one site, as key-sites and get-stats report them. */
    record SiteMonth(long siteId, String siteUrl, YearMonth month, long apiCalls, long spam, long ham,
                     long missedSpam, long falsePositives) {}

    /** Records a check durably (on disk when this returns). */
    void record(Check check);

    Optional<Check> byGuid(String guid);

    /** The newest check of this site with this match key. */
    Optional<Check> latestByMatchKey(long siteId, String matchKey);

    /** Per-site counts for the sites of one key in one month (missed spam / false positives come from corrections). */
    List<SiteMonth> monthly(long keyId, YearMonth month);

    /** Calls (non-test checks) made with one key since the start of {@code month}. */
    long callsInMonth(long keyId, YearMonth month);

    /** Deletes checks older than {@code before}; returns how many. (Retention.) */
    int deleteOlderThan(Instant before);
}
