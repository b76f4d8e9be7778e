package org.winnow.platform.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.winnow.engine.Comment;
import org.winnow.engine.Signal;

/** The comments table: threads for readers, the queue for moderators, retention and statistics. */
public final class Comments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> REASONS = new TypeReference<>() {};
    private static final RowMapper<StoredComment> MAPPER = (rs, ctx) -> new StoredComment(
            rs.getLong("id"), rs.getLong("thread_id"), rs.getLong("site_id"),
            rs.getObject("parent_id") == null ? null : rs.getLong("parent_id"), rs.getLong("root_id"),
            rs.getInt("depth"), Status.of(rs.getString("status")), Status.of(rs.getString("initial_status")),
            rs.getString("author"), rs.getString("email"), rs.getString("email_hash"), rs.getString("author_url"),
            rs.getString("body_md"), rs.getString("body_html"), rs.getString("ip"), rs.getInt("ip_truncated") != 0,
            rs.getString("user_agent"), rs.getString("referrer"), rs.getString("honeypot"),
            rs.getDouble("seconds_to_submit"), rs.getString("verdict"), rs.getDouble("score"),
            readReasons(rs.getString("reasons")), rs.getLong("created_at"),
            rs.getObject("moderated_at") == null ? null : rs.getLong("moderated_at"));

    private static final String BUMP = "UPDATE p_thread SET comments_version = comments_version + 1 WHERE ";
    private final Jdbi jdbi;

    public Comments(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A comment as the spam filter judged it, for a node that replays it into its recent traffic.
     *
     * @param apiSiteId the site the filter judged it for
     * @param at        when it arrived, in epoch milliseconds
     * @param score     the filter's score in [0, 1]
     */
    public record Judged(long id, long apiSiteId, long at, double score, Comment comment) {}

    /** Comment ids per {@code IN (…)} when reading judged comments. */
    private static final int READ_CHUNK = 500;

    /**
     * Of the newest {@code limit} comments that arrived at or after {@code from}, those the filter judged
     * and whose id {@code known} does not accept, oldest first. Erased comments, whose text is gone,
     * are left out. Known comments cost only their id.
     */
    public List<Judged> judgedSince(long from, int limit, LongPredicate known) {
        return jdbi.withHandle(h -> {
            List<Long> wanted = new ArrayList<>();
            for (long id : h.createQuery("SELECT id FROM p_comment WHERE created_at >= :from"
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("from", from).bind("limit", limit).mapTo(Long.class).list()) {
                if (!known.test(id)) wanted.add(id);
            }
            List<Judged> out = new ArrayList<>(wanted.size());
            for (int at = 0; at < wanted.size(); at += READ_CHUNK) {
                List<Long> chunk = wanted.subList(at, Math.min(wanted.size(), at + READ_CHUNK));
                out.addAll(h.createQuery("""
                                SELECT c.id, s.api_site_id, c.created_at, c.score, c.body_md, c.author, c.email,
                                       c.author_url, c.ip, c.user_agent, c.referrer, c.parent_id, c.honeypot,
                                       c.seconds_to_submit, t.url
                                FROM p_comment c JOIN p_site s ON s.id = c.site_id JOIN p_thread t ON t.id = c.thread_id
                                WHERE c.id IN (<ids>) AND c.verdict <> 'unknown' AND c.status <> 'erased'""")
                        .bindList("ids", chunk)
                        .map((rs, ctx) -> new Judged(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4),
                                Comment.builder().content(rs.getString(5)).author(rs.getString(6))
                                        .authorEmail(rs.getString(7)).authorUrl(rs.getString(8)).userIp(rs.getString(9))
                                        .userAgent(rs.getString(10)).referrer(rs.getString(11)).permalink(rs.getString(15))
                                        .commentType(rs.getObject(12) == null ? "comment" : "reply")
                                        .honeypotValue(rs.getString(13)).secondsToSubmit(rs.getDouble(14)).build()))
                        .list());
            }
            out.sort(Comparator.comparingLong(Judged::at).thenComparingLong(Judged::id));
            return out;
        });
    }

    /** A position in a thread's top-level comments, for keyset paging: stable however many comments arrive. */
    public record Cursor(long createdAt, long id) {
        public String encode() {
            return createdAt + "-" + id;
        }

        public static Optional<Cursor> parse(String s) {
            if (s == null || !s.matches("[0-9]{1,19}-[0-9]{1,19}")) return Optional.empty();
            String[] p = s.split("-");
            try {
                return Optional.of(new Cursor(Long.parseLong(p[0]), Long.parseLong(p[1])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        public static Cursor of(StoredComment c) {
            return new Cursor(c.createdAt(), c.id());
        }
    }

    /** What the moderation queue shows. {@code siteId}, {@code reason} and {@code query} may be null. */
    public record QueueFilter(Status status, Long siteId, String reason, String query) {}

    public void insert(StoredComment c) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                        INSERT INTO p_comment (id, thread_id, site_id, parent_id, root_id, depth, status, initial_status,
                          author, email, email_hash, author_url, body_md, body_html, ip, ip_truncated, user_agent, referrer,
                          honeypot, seconds_to_submit, verdict, score, reasons, created_at, moderated_at)
                        VALUES (:id, :threadId, :siteId, :parentId, :rootId, :depth, :status, :initial, :author, :email,
                          :emailHash, :authorUrl, :bodyMd, :bodyHtml, :ip, :ipTruncated, :userAgent, :referrer, :honeypot,
                          :seconds, :verdict, :score, :reasons, :createdAt, :moderatedAt)""")
                .bind("id", c.id()).bind("threadId", c.threadId()).bind("siteId", c.siteId())
                .bind("parentId", c.parentId()).bind("rootId", c.rootId()).bind("depth", c.depth())
                .bind("status", c.status().db()).bind("initial", c.initialStatus().db()).bind("author", c.author())
                .bind("email", c.email()).bind("emailHash", c.emailHash()).bind("authorUrl", c.authorUrl())
                .bind("bodyMd", c.bodyMd()).bind("bodyHtml", c.bodyHtml()).bind("ip", c.ip())
                .bind("ipTruncated", c.ipTruncated() ? 1 : 0).bind("userAgent", c.userAgent())
                .bind("referrer", c.referrer()).bind("honeypot", c.honeypot()).bind("seconds", c.secondsToSubmit())
                .bind("verdict", c.verdict()).bind("score", c.score()).bind("reasons", writeReasons(c.reasons()))
                .bind("createdAt", c.createdAt()).bind("moderatedAt", c.moderatedAt()).execute();
            h.createUpdate(BUMP + "id = :t").bind("t", c.threadId()).execute();
        });
    }

    public Optional<StoredComment> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_comment WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /**
     * One page of a thread's top-level comments after {@code after} (null: from the start), approved
     * ones plus {@code mine} (the reader's own held comment; -1 for none). Uses the
     * (thread_id, depth, status, created_at, id) index, so page 500 costs what page 1 does.
     */
    public List<StoredComment> roots(long threadId, Cursor after, boolean newestFirst, int limit, long mine) {
        String cmp = newestFirst ? "<" : ">";
        String dir = newestFirst ? "DESC" : "ASC";
        // A row-value comparison: one exact range of the index on both databases.
        String keyset = after == null ? "" : " AND (created_at, id) " + cmp + " (:ca, :cid)";
        String sql = "SELECT * FROM (SELECT * FROM p_comment WHERE thread_id = :t AND depth = 0 AND status = 'approved'" + keyset
                + " ORDER BY created_at " + dir + ", id " + dir + " LIMIT :lim) a"
                + " UNION ALL SELECT * FROM p_comment WHERE id = :mine AND thread_id = :t AND depth = 0 AND status <> 'approved'";
        List<StoredComment> rows = jdbi.withHandle(h -> {
            Query q = h.createQuery(sql).bind("t", threadId).bind("lim", limit).bind("mine", mine);
            if (after != null) q.bind("ca", after.createdAt()).bind("cid", after.id());
            return q.map(MAPPER).list();
        });
        // The reader's held comment goes where it belongs in the order (only if it falls in this page).
        List<StoredComment> out = new ArrayList<>(rows.stream().filter(c -> c.status() == Status.APPROVED).toList());
        rows.stream().filter(c -> c.status() != Status.APPROVED).findFirst().ifPresent(own -> {
            if (out.isEmpty() || out.size() < limit || inPage(own, out, newestFirst)) {
                out.add(own);
                out.sort((a, b) -> {
                    int c = Long.compare(a.createdAt(), b.createdAt());
                    if (c == 0) c = Long.compare(a.id(), b.id());
                    return newestFirst ? -c : c;
                });
            }
        });
        return out;
    }

    private static boolean inPage(StoredComment own, List<StoredComment> page, boolean newestFirst) {
        StoredComment first = page.getFirst(), last = page.getLast();
        boolean afterFirst = newestFirst ? own.createdAt() <= first.createdAt() : own.createdAt() >= first.createdAt();
        boolean beforeLast = newestFirst ? own.createdAt() >= last.createdAt() : own.createdAt() <= last.createdAt();
        return afterFirst && beforeLast;
    }

    /**
     * Replies (any depth) under these top-level comments: approved ones, erased placeholders, and {@code mine}.
     * The query names only the tree (index (root_id, depth, status, created_at, id)); a status condition in
     * SQL made SQLite's planner read every approved comment through p_comment_queue instead.
     */
    public List<StoredComment> replies(Collection<Long> rootIds, long mine) {
        if (rootIds.isEmpty()) return List.of();
        List<StoredComment> all = jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM p_comment WHERE root_id IN (<roots>) AND depth > 0 ORDER BY created_at, id")
                .bindList("roots", new ArrayList<>(rootIds)).map(MAPPER).list());
        return all.stream().filter(c -> c.status() == Status.APPROVED || c.status() == Status.ERASED || c.id() == mine)
                .toList();
    }

    public long countApproved(long threadId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM p_comment WHERE thread_id = :t AND status = 'approved'")
                .bind("t", threadId).mapTo(Long.class).one());
    }

    /** The newest approved comments of a thread (threadId) or of a whole site (siteId), for feeds. */
    public List<StoredComment> latestApproved(Long threadId, Long siteId, int limit) {
        String where = threadId != null ? "thread_id = :k" : "site_id = :k";
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_comment WHERE " + where
                        + " AND status = 'approved' ORDER BY created_at DESC, id DESC LIMIT :lim")
                .bind("k", threadId != null ? threadId : siteId).bind("lim", limit).map(MAPPER).list());
    }

    /** One page of the moderation queue, newest first, starting below {@code beforeId} (null: from the top). */
    public List<StoredComment> queue(QueueFilter f, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM p_comment WHERE status = :status");
        if (f.siteId() != null) sql.append(" AND site_id = :site");
        if (f.reason() != null && !f.reason().isBlank()) sql.append(" AND reasons LIKE :reason ESCAPE '!'");
        if (f.query() != null && !f.query().isBlank())
            sql.append(" AND (LOWER(body_md) LIKE :q ESCAPE '!' OR LOWER(author) LIKE :q ESCAPE '!'"
                    + " OR LOWER(email) LIKE :q ESCAPE '!' OR LOWER(author_url) LIKE :q ESCAPE '!' OR ip LIKE :q ESCAPE '!')");
        if (beforeId != null) sql.append(" AND id < :before");
        sql.append(" ORDER BY id DESC LIMIT :lim");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("status", f.status().db()).bind("lim", limit);
            if (f.siteId() != null) q.bind("site", f.siteId());
            if (f.reason() != null && !f.reason().isBlank())
                q.bind("reason", "%\"name\":\"" + escapeLike(f.reason()) + "\"%");
            if (f.query() != null && !f.query().isBlank())
                q.bind("q", "%" + escapeLike(f.query().toLowerCase(java.util.Locale.ROOT)) + "%");
            if (beforeId != null) q.bind("before", beforeId);
            return q.map(MAPPER).list();
        });
    }

    /** How many comments wait in each folder. */
    public Map<Status, Long> countsByStatus(Long siteId) {
        Map<Status, Long> out = new EnumMap<>(Status.class);
        for (Status s : Status.values()) out.put(s, 0L);
        jdbi.useHandle(h -> {
            Query q = h.createQuery("SELECT status, COUNT(*) AS n FROM p_comment"
                    + (siteId != null ? " WHERE site_id = :s" : "") + " GROUP BY status");
            if (siteId != null) q.bind("s", siteId);
            q.map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                    .forEach(e -> out.put(Status.of(e.getKey()), e.getValue()));
        });
        return out;
    }

    public void setStatus(long id, Status status, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE p_comment SET status = :s, moderated_at = :now WHERE id = :id")
                    .bind("s", status.db()).bind("now", now).bind("id", id).execute();
            bumpThreadOf(h, id);
        });
    }

    public boolean hasReplies(long id) {
        return jdbi.withHandle(h -> hasReplies(h, id));
    }

    private static boolean hasReplies(Handle h, long id) {
        return h.createQuery("SELECT COUNT(*) FROM p_comment WHERE parent_id = :id").bind("id", id).mapTo(Long.class).one() > 0;
    }

    /** Deletes a comment for good; one with replies becomes an empty placeholder so the replies keep their place. */
    public void delete(long id, long now) {
        jdbi.useTransaction(h -> {
            bumpThreadOf(h, id);
            if (hasReplies(h, id)) erase(h, id, now);
            else h.createUpdate("DELETE FROM p_comment WHERE id = :id").bind("id", id).execute();
        });
    }

    /** Removes everything personal from a comment and leaves a placeholder (its author asked for it). */
    public void erase(long id, long now) {
        jdbi.useTransaction(h -> {
            erase(h, id, now);
            bumpThreadOf(h, id);
        });
    }

    private static void erase(Handle h, long id, long now) {
        h.createUpdate("""
                        UPDATE p_comment SET status = 'erased', author = '', email = '', email_hash = '', author_url = '',
                          body_md = '', body_html = '', ip = '', ip_truncated = 1, user_agent = '', referrer = '',
                          honeypot = '', reasons = '[]', moderated_at = :now
                        WHERE id = :id""").bind("id", id).bind("now", now).execute();
    }

    /**
     * Marks the comment's thread as changed (in the caller's transaction), so that every node's cached
     * pages of it are out of date from the commit on. Every change to what readers see must call this.
     */
    private static void bumpThreadOf(Handle h, long commentId) {
        h.createUpdate(BUMP + "id = (SELECT thread_id FROM p_comment WHERE id = :c)").bind("c", commentId).execute();
    }

    /** Approved comments on this site from this e-mail hash. */
    public long approvedByEmail(long siteId, String emailHash) {
        if (emailHash.isEmpty()) return 0;
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM p_comment WHERE email_hash = :e AND status = 'approved' AND site_id = :s")
                .bind("e", emailHash).bind("s", siteId).mapTo(Long.class).one());
    }

    /** When this e-mail hash first commented on this site, if ever. */
    public Optional<Long> firstSeen(long siteId, String emailHash) {
        if (emailHash.isEmpty()) return Optional.empty();
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT MIN(created_at) FROM p_comment WHERE email_hash = :e AND site_id = :s")
                .bind("e", emailHash).bind("s", siteId).mapTo(Long.class).findOne());
    }

    /** Comments whose IP is still whole and that are older than {@code before} (for retention). */
    public List<Map.Entry<Long, String>> untruncatedBefore(long siteId, long before, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, ip FROM p_comment WHERE site_id = :s AND ip_truncated = 0 AND created_at < :b LIMIT :lim""")
                .bind("s", siteId).bind("b", before).bind("lim", limit)
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("ip"))).list());
    }

    /** Replaces the IP with its truncated form and drops user agent and referrer. */
    public void minimise(long id, String truncatedIp) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE p_comment SET ip = :ip, ip_truncated = 1, user_agent = '', referrer = '' WHERE id = :id")
                .bind("ip", truncatedIp).bind("id", id).execute());
    }

    /**
     * Deletes comments of one status older than {@code before}, except ones with replies; returns how many.
     * Only for statuses readers never see (spam, trash, pending): the threads' cached pages stay valid.
     */
    public int purge(long siteId, Status status, long before) {
        if (status == Status.APPROVED || status == Status.ERASED)
            throw new IllegalArgumentException("purge is for comments readers do not see, not " + status.db());
        return jdbi.withHandle(h -> h.createUpdate("""
                        DELETE FROM p_comment WHERE site_id = :s AND status = :st AND created_at < :b
                          AND NOT EXISTS (SELECT 1 FROM p_comment r WHERE r.parent_id = p_comment.id)""")
                .bind("s", siteId).bind("st", status.db()).bind("b", before).execute());
    }

    /** All comments with this e-mail hash (admin-assisted export / erase). */
    public List<StoredComment> byEmailHash(String emailHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_comment WHERE email_hash = :e ORDER BY id")
                .bind("e", emailHash).map(MAPPER).list());
    }

    /** Arrivals per day and initial status since {@code since}: rows of (day number, status, count). */
    public List<Object[]> arrivalsPerDay(long siteId, long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT created_at / 86400000 AS day, initial_status, COUNT(*) AS n FROM p_comment
                        WHERE site_id = :s AND created_at >= :since GROUP BY created_at / 86400000, initial_status""")
                .bind("s", siteId).bind("since", since)
                .map((rs, ctx) -> new Object[] {rs.getLong("day"), rs.getString("initial_status"), rs.getLong("n")}).list());
    }

    /** The reasons of comments that arrived since {@code since} and were not published on arrival. */
    public List<List<Signal>> reasonsOfCaught(long siteId, long since, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT reasons FROM p_comment WHERE site_id = :s AND created_at >= :since
                          AND initial_status <> 'approved' ORDER BY id DESC LIMIT :lim""")
                .bind("s", siteId).bind("since", since).bind("lim", limit)
                .map((rs, ctx) -> readReasons(rs.getString("reasons"))).list());
    }

    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static String writeReasons(List<Signal> reasons) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Signal s : reasons) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", s.name() == null ? "" : s.name());
            m.put("detail", s.detail() == null ? "" : s.detail());
            m.put("weight", Double.isFinite(s.weight()) ? s.weight() : 0.0);
            out.add(m);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Signal> readReasons(String json) {
        try {
            List<Signal> out = new ArrayList<>();
            for (Map<String, Object> m : JSON.readValue(json, REASONS))
                out.add(new Signal(String.valueOf(m.get("name")), String.valueOf(m.get("detail")),
                        m.get("weight") instanceof Number n ? n.doubleValue() : 0));
            return out;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
