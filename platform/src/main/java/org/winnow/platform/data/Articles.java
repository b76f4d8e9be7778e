package org.winnow.platform.data;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The articles table. */
public final class Articles {
    private static final RowMapper<Article> MAPPER = mapper("");
    private final Jdbi jdbi;

    /** Reads an article from columns named {@code prefix + column} (for joins). */
    static RowMapper<Article> mapper(String p) {
        // Column names are joined once here, not on every row.
        String id = p + "id", siteId = p + "site_id", slug = p + "slug", title = p + "title", summary = p + "summary",
                body = p + "body_md", publishedAt = p + "published_at";
        return (rs, ctx) -> new Article(rs.getLong(id), rs.getLong(siteId), rs.getString(slug), rs.getString(title),
                rs.getString(summary), rs.getString(body), rs.getLong(publishedAt));
    }

    private static final RowMapper<Site> HOME_SITE = Sites.mapper("s_");
    private static final RowMapper<Article> HOME_ARTICLE = mapper("a_");
    private static final RowMapper<CommentThread> HOME_THREAD = Threads.mapper("t_");

    public Articles(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What an article page needs: the home site, the article, and its thread (null until first shown). */
    public record OnHomeSite(Site site, Article article, CommentThread thread) {}

    /**
     * The home site's article with this slug, with the site and the thread at {@code threadUrl}, in one
     * query: every article view needs all three (the thread for its version, which keys the page cache).
     */
    public Optional<OnHomeSite> onHomeSite(String slug, String threadUrl) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.id AS s_id, s.slug AS s_slug, s.name AS s_name, s.base_url AS s_base_url,
                          s.api_site_id AS s_api_site_id, s.allowed_origins AS s_allowed_origins, s.settings AS s_settings,
                          s.created_at AS s_created_at,
                          a.id AS a_id, a.site_id AS a_site_id, a.slug AS a_slug, a.title AS a_title, a.summary AS a_summary,
                          a.body_md AS a_body_md, a.published_at AS a_published_at,
                          t.id AS t_id, t.site_id AS t_site_id, t.url AS t_url, t.title AS t_title, t.article_id AS t_article_id,
                          t.created_at AS t_created_at, t.comments_version AS t_comments_version
                        FROM p_site s
                        JOIN p_article a ON a.site_id = s.id AND a.slug = :slug
                        LEFT JOIN p_thread t ON t.site_id = s.id AND t.url = :url
                        WHERE s.id = (SELECT id FROM p_site ORDER BY created_at, id LIMIT 1)""")
                .bind("slug", slug).bind("url", threadUrl)
                .map((rs, ctx) -> new OnHomeSite(HOME_SITE.map(rs, ctx), HOME_ARTICLE.map(rs, ctx),
                        HOME_THREAD.map(rs, ctx)))
                .findOne());
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
