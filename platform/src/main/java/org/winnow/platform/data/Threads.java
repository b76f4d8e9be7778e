package org.winnow.platform.data;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The threads table: one row per commented page. */
public final class Threads {
    private static final RowMapper<CommentThread> MAPPER = (rs, ctx) -> new CommentThread(rs.getLong("id"),
            rs.getLong("site_id"), rs.getString("url"), rs.getString("title"),
            rs.getObject("article_id") == null ? null : rs.getLong("article_id"), rs.getLong("created_at"),
            rs.getLong("comments_version"));
    private final Jdbi jdbi;

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
