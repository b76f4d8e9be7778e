package org.winnow.platform.data;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The threads table: one row per commented page. */
public final class Threads {
    private static final RowMapper<CommentThread> MAPPER = mapper("");
    private final Jdbi jdbi;

    /** Reads a thread from columns named {@code prefix + column} (for joins); null when its id is NULL (outer join). */
    static RowMapper<CommentThread> mapper(String p) {
        // Column names are joined once here, not on every row.
        String id = p + "id", siteId = p + "site_id", url = p + "url", title = p + "title", articleId = p + "article_id",
                createdAt = p + "created_at", version = p + "comments_version";
        return (rs, ctx) -> rs.getObject(id) == null ? null : new CommentThread(rs.getLong(id),
                rs.getLong(siteId), rs.getString(url), rs.getString(title),
                rs.getObject(articleId) == null ? null : rs.getLong(articleId), rs.getLong(createdAt),
                rs.getLong(version));
    }

    public Threads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<CommentThread> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_thread WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public Optional<CommentThread> byUrl(long siteId, String url) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_thread WHERE site_id = :s AND url = :u")
                .bind("s", siteId).bind("u", url).map(MAPPER).findOne());
    }

    /** The thread of this page, created on first use. Safe when two requests race to create it. */
    public CommentThread ensure(long siteId, String url, String title, Long articleId, long now) {
        Optional<CommentThread> existing = byUrl(siteId, url);
        if (existing.isPresent()) return existing.get();
        long id = Ids.next();
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO p_thread (id, site_id, url, title, article_id, created_at)
                            VALUES (:id, :s, :u, :t, :a, :now)""")
                    .bind("id", id).bind("s", siteId).bind("u", url).bind("t", title).bind("a", articleId)
                    .bind("now", now).execute());
        } catch (RuntimeException e) {
            // Another request created it first (unique site_id, url): use theirs.
            return byUrl(siteId, url).orElseThrow(() -> e);
        }
        return new CommentThread(id, siteId, url, title, articleId, now, 0);
    }
}
