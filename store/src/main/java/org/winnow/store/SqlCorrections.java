package org.winnow.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * {@link Corrections} on the {@code corrections} table.
 *
 * <p>Ordering across nodes: with a PostgreSQL sequence, two transactions could take seq 7 and 8 and
 * commit 8 first; a node replaying {@code after(6)} would then see 8, move on, and never see 7. Here
 * seq comes from {@link Counters}, whose row lock is held until commit, so the transaction with seq 8
 * cannot even get its number before 7 has committed (or rolled back, giving 7 back). Hence seq order
 * is commit order and there are no gaps. The price is that appends are serialised, which is fine for
 * a log fed by people and plugins, not by every request. On SQLite writes are serial anyway.
 */
final class SqlCorrections implements Corrections {

    private static final String COLUMNS = "seq, site_id, guid, spam, source, comment, received_at, previous_verdict";

    private final Database db;

    SqlCorrections(Database db) {
        this.db = db;
    }

    @Override
    public Correction append(Correction correction) {
        return append(correction, null);
    }

    @Override
    public Correction append(Correction correction, String subject) {
        Validate.present("correction", correction);
        if (subject != null) Validate.nonBlank("correction subject", subject, MAX_SUBJECT_CHARS);
        long siteId = Validate.id("correction siteId", correction.siteId());
        String guid = correction.guid();
        if (guid != null && !Validate.isLowerHex(guid, 32)) {
            throw new IllegalArgumentException(
                    "correction guid must be null or 32 lowercase hex characters, not " + Validate.quote(guid));
        }
        String source = Validate.nonBlank("correction source", correction.source(), MAX_SOURCE_CHARS);
        String comment = Validate.text("correction comment", correction.comment(), MAX_COMMENT_CHARS);
        long at = Validate.millis("correction at", correction.at());
        String previous = correction.previousVerdict();
        if (previous != null) {
            Validate.verdict("correction previousVerdict", previous);
            if (guid == null) {
                throw new IllegalArgumentException(
                        "correction previousVerdict is the verdict of a matched check, so it needs the check's guid");
            }
        }
        return db.write("append a correction for site " + siteId, c -> {
            long seq = Counters.next(c, Counters.CORRECTIONS);
            Sql.update(c, "INSERT INTO corrections (" + COLUMNS + ", subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    seq, siteId, guid, correction.spam(), source, comment, at, previous, subject);
            return new Correction(seq, siteId, guid, correction.spam(), source, comment, Instant.ofEpochMilli(at),
                    previous);
        });
    }

    @Override
    public List<Correction> after(long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return db.read("read corrections after seq " + afterSeq, c -> Sql.list(c,
                "SELECT " + COLUMNS + " FROM corrections WHERE seq > ? ORDER BY seq LIMIT ?",
                SqlCorrections::correction, afterSeq, limit));
    }

    @Override
    public List<Correction> about(long siteId, String subject) {
        long site = Validate.id("siteId", siteId);
        String about = Validate.nonBlank("subject", subject, MAX_SUBJECT_CHARS);
        return db.read("read the corrections about " + about + " of site " + site, c -> Sql.list(c,
                "SELECT " + COLUMNS + " FROM corrections WHERE site_id = ? AND subject = ? ORDER BY seq",
                SqlCorrections::correction, site, about));
    }

    @Override
    public int erase(long siteId, String subject) {
        long site = Validate.id("siteId", siteId);
        String about = Validate.nonBlank("subject", subject, MAX_SUBJECT_CHARS);
        return db.write("erase the corrections about " + about + " of site " + site, c -> Sql.update(c,
                "UPDATE corrections SET comment = ?, subject = NULL WHERE site_id = ? AND subject = ?",
                ERASED_COMMENT, site, about));
    }

    @Override
    public long count() {
        return db.read("count corrections", c -> Sql.number(c, "SELECT COUNT(*) FROM corrections"));
    }

    private static Correction correction(ResultSet rs) throws SQLException {
        return new Correction(rs.getLong("seq"), rs.getLong("site_id"), rs.getString("guid"), rs.getBoolean("spam"),
                rs.getString("source"), rs.getString("comment"), Instant.ofEpochMilli(rs.getLong("received_at")),
                rs.getString("previous_verdict"));
    }
}
