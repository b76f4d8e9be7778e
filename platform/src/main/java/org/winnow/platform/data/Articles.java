package org.winnow.platform.data;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The articles table. */
public final class Articles {
    private static final RowMapper<Article> MAPPER = (rs, ctx) -> new Article(rs.getLong("id"), rs.getLong("site_id"),
            rs.getString("slug"), rs.getString("title"), rs.getString("summary"), rs.getString("body_md"),
            rs.getLong("published_at"));
    private final Jdbi jdbi;

    public Articles(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Article create(long siteId, String slug, String title, String summary, String bodyMd, long publishedAt) {
        Article a = new Article(Ids.next(), siteId, slug, title, summary, bodyMd, publishedAt);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO p_article (id, site_id, slug, title, summary, body_md, published_at)
                        VALUES (:id, :siteId, :slug, :title, :summary, :body, :at)""")
                .bind("id", a.id()).bind("siteId", siteId).bind("slug", slug).bind("title", title)
                .bind("summary", summary).bind("body", bodyMd).bind("at", publishedAt).execute());
        return a;
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM p_article").mapTo(Long.class).one());
    }

    public Optional<Article> bySlug(long siteId, String slug) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_article WHERE site_id = :s AND slug = :slug")
                .bind("s", siteId).bind("slug", slug).map(MAPPER).findOne());
    }

    public Optional<Article> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_article WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /** Newest first. */
    public List<Article> list(long siteId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_article WHERE site_id = :s ORDER BY published_at DESC, id DESC")
                .bind("s", siteId).map(MAPPER).list());
    }
}
