package org.winnow.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** {@link Checks} on the {@code checks} table; writes go through the {@link CheckWriter}. */
final class SqlChecks implements Checks {

    /** Rows deleted per retention transaction: small enough not to hold the SQLite write lock for long. */
    static final int DELETE_CHUNK = 2_000;
    /** Characters of the match key that its index holds (migration V2). */
    private static final int MATCH_PREFIX = 16;
    /** Guids per {@code IN (…)} when reading checks by guid (well below SQLite's 32,766 parameters). */
    private static final int READ_CHUNK = 500;
    private static final String COLUMNS =
            "guid, site_id, checked_at, verdict, score, explanation, comment, match_key, is_test";

    private final Database db;
    private final CheckWriter writer;

    SqlChecks(Database db, CheckWriter writer) {
        this.db = db;
        this.writer = writer;
    }

    @Override
    public void record(Check check) {
        writer.write(validated(check));
    }

    @Override
    public CompletableFuture<Void> recordAsync(Check check) {
        return writer.submit(validated(check));
    }

    /** Fails on anything the database would reject, before the check joins a batch with others. */
    static Check validated(Check check) {
        Validate.present("check", check);
        if (!Validate.isLowerHex(check.guid(), 32)) {
            throw new IllegalArgumentException(
                    "check guid must be 32 lowercase hex characters, not " + Validate.quote(check.guid()));
        }
        Validate.id("check siteId", check.siteId());
        long at = Validate.millis("check at", check.at());
        Validate.verdict("check verdict", check.verdict());
        if (!(check.score() >= 0 && check.score() <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("check score must be between 0 and 1, not " + check.score());
        }
        Validate.text("check explanation", check.explanation(), MAX_EXPLANATION_CHARS);
        Validate.text("check comment", check.comment(), MAX_COMMENT_CHARS);
        Validate.nonBlank("check matchKey", check.matchKey(), MAX_MATCH_KEY_CHARS);
        // Return it as it will be stored (millisecond times), so a read back compares equal.
        return new Check(check.guid(), check.siteId(), Instant.ofEpochMilli(at), check.verdict(), check.score(),
                check.explanation(), check.comment(), check.matchKey(), check.test());
    }

    @Override
    public Optional<Check> byGuid(String guid) {
        Validate.present("guid", guid);
        if (!Validate.isLowerHex(guid, 32)) {
            return Optional.empty();
        }
        return db.read("look up check " + guid, c -> Sql.one(c,
                "SELECT " + COLUMNS + " FROM checks WHERE guid = ?", SqlChecks::check, guid));
    }

    @Override
    public Optional<Check> latestByMatchKey(long siteId, String matchKey) {
        Validate.present("matchKey", matchKey);
        // the index holds the key's first 16 characters (V2): the same expression, so the planner uses it
        String prefix = matchKey.length() <= MATCH_PREFIX ? matchKey : matchKey.substring(0, MATCH_PREFIX);
        return db.read("look up a check by match key", c -> Sql.one(c,
                "SELECT " + COLUMNS + " FROM checks WHERE site_id = ? AND substr(match_key, 1, 16) = ? AND match_key = ?"
                        + " ORDER BY checked_at DESC, guid DESC LIMIT 1", SqlChecks::check, siteId, prefix, matchKey));
    }

    @Override
    public List<Judged> judgedSince(Instant from, int limit, Predicate<String> known) {
        long since = Validate.millis("from", from);
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        Validate.present("known", known);
        return db.read("read the checks recorded since " + from, c -> {
            // first the guids only (the newest by the time index), then the rows not known yet
            List<String> wanted = new ArrayList<>();
            for (String guid : Sql.list(c, "SELECT guid FROM checks WHERE checked_at >= ? AND is_test = ?"
                    + " ORDER BY checked_at DESC, guid DESC LIMIT ?", rs -> rs.getString(1), since, false, limit)) {
                if (!known.test(guid)) wanted.add(guid);
            }
            List<Judged> out = new ArrayList<>(wanted.size());
            for (int at = 0; at < wanted.size(); at += READ_CHUNK) {
                List<String> chunk = wanted.subList(at, Math.min(wanted.size(), at + READ_CHUNK));
                out.addAll(Sql.list(c, "SELECT guid, site_id, checked_at, score, comment FROM checks WHERE guid IN ("
                                + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                        rs -> new Judged(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getDouble(4), rs.getString(5)), chunk.toArray()));
            }
            out.sort(Comparator.comparing(Judged::at).thenComparing(Judged::guid));
            return out;
        });
    }

    @Override
    public List<SiteMonth> monthly(long keyId, YearMonth month) {
        Validate.present("month", month);
        long from = startOf(month);
        long to = startOf(month.plusMonths(1));
        // Two grouped sub-queries (checks, corrections) joined to the key's sites; each uses its
        // (site_id, time) index. COUNT(DISTINCT guid) counts a check corrected twice once.
        String sql = """
                SELECT s.id, s.url,
                       COALESCE(c.calls, 0), COALESCE(c.spam, 0), COALESCE(c.ham, 0),
                       COALESCE(r.missed, 0), COALESCE(r.false_positives, 0)
                FROM sites s
                LEFT JOIN (
                    SELECT site_id,
                           COUNT(*) AS calls,
                           SUM(CASE WHEN verdict IN ('spam', 'discard') THEN 1 ELSE 0 END) AS spam,
                           SUM(CASE WHEN verdict = 'ham' THEN 1 ELSE 0 END) AS ham
                    FROM checks
                    WHERE site_id IN (SELECT id FROM sites WHERE key_id = ?)
                      AND checked_at >= ? AND checked_at < ? AND is_test = ?
                    GROUP BY site_id
                ) c ON c.site_id = s.id
                LEFT JOIN (
                    SELECT site_id,
                           COUNT(DISTINCT CASE WHEN spam = ? AND previous_verdict = 'ham'
                                               THEN guid END) AS missed,
                           COUNT(DISTINCT CASE WHEN spam = ? AND previous_verdict IN ('spam', 'discard')
                                               THEN guid END) AS false_positives
                    FROM corrections
                    WHERE site_id IN (SELECT id FROM sites WHERE key_id = ?)
                      AND received_at >= ? AND received_at < ?
                    GROUP BY site_id
                ) r ON r.site_id = s.id
                WHERE s.key_id = ?
                  AND (s.first_seen < ? OR c.site_id IS NOT NULL OR r.site_id IS NOT NULL)
                ORDER BY s.first_seen, s.id
                """;
        return db.read("count the checks of API key " + keyId + " in " + month, c -> Sql.list(c, sql,
                rs -> new SiteMonth(rs.getLong(1), rs.getString(2), month, rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)),
                keyId, from, to, false, true, false, keyId, from, to, keyId, to));
    }

    @Override
    public long callsInMonth(long keyId, YearMonth month) {
        Validate.present("month", month);
        long from = startOf(month);
        long to = startOf(month.plusMonths(1));
        return db.read("count the calls of API key " + keyId + " in " + month, c -> Sql.number(c,
                "SELECT COUNT(*) FROM checks WHERE site_id IN (SELECT id FROM sites WHERE key_id = ?)"
                        + " AND checked_at >= ? AND checked_at < ? AND is_test = ?", keyId, from, to, false));
    }

    @Override
    public int deleteOlderThan(Instant before) {
        long cutoff = Validate.millis("before", before);
        int total = 0;
        while (true) {
            int deleted = db.write("delete checks older than " + before, c -> Sql.update(c,
                    "DELETE FROM checks WHERE guid IN (SELECT guid FROM checks WHERE checked_at < ? LIMIT ?)",
                    cutoff, DELETE_CHUNK));
            total += deleted;
            if (deleted < DELETE_CHUNK) {
                return total;
            }
        }
    }

    private static long startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static Check check(ResultSet rs) throws SQLException {
        return new Check(rs.getString("guid"), rs.getLong("site_id"), Instant.ofEpochMilli(rs.getLong("checked_at")),
                rs.getString("verdict"), rs.getDouble("score"), rs.getString("explanation"), rs.getString("comment"),
                rs.getString("match_key"), rs.getBoolean("is_test"));
    }
}
