package org.winnow.platform.data;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    private final Sites siteRows;
    private final Threads threadRows;

    private record SiteVersion(long id, long version) {}

    /** Parsed rows for {@link #onHomeSite}: sites by version, articles and threads (but their version) by id. */
    private final Cache<SiteVersion, Site> sites = Caffeine.newBuilder().maximumSize(1_000).build();
    private final Cache<Long, Article> articles = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<Long, CommentThread> threads = Caffeine.newBuilder().maximumSize(10_000).build();

    public Articles(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.siteRows = new Sites(jdbi);
        this.threadRows = new Threads(jdbi);
    }

    /** What an article page needs: the home site, the article, and its thread (null until first shown). */
    public record OnHomeSite(Site site, Article article, CommentThread thread) {}

    /**
     * The home site's article with this slug, with the site and the thread at {@code threadUrl}. Every
     * article view needs all three (the thread for its version, which keys the page cache), so the one
     * query reads only their ids and versions; the rows themselves come from memory. Articles and
     * threads never change but for the thread's version, and every change to a site raises the site's
     * version, so what is shown is never older than the database at the time of the query.
     */
    public Optional<OnHomeSite> onHomeSite(String slug, String threadUrl) {
        Optional<long[]> ids = jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.id, s.version, a.id, t.id, t.comments_version
                        FROM p_site s
                        JOIN p_article a ON a.site_id = s.id AND a.slug = :slug
                        LEFT JOIN p_thread t ON t.site_id = s.id AND t.url = :url
                        WHERE s.id = (SELECT id FROM p_site ORDER BY created_at, id LIMIT 1)""")
                .bind("slug", slug).bind("url", threadUrl)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4) == null ? -1 : rs.getLong(4), rs.getLong(5)})
                .findOne());
        if (ids.isEmpty()) return Optional.empty();
        long[] k = ids.get();
        // A row changed between the query and these reads is only newer than the version asked for.
        Site site = sites.get(new SiteVersion(k[0], k[1]), v -> siteRows.byId(v.id()).orElseThrow());
        Article article = articles.get(k[2], id -> byId(id).orElseThrow());
        CommentThread thread = null;
        if (k[3] >= 0) {
            CommentThread t = threads.get(k[3], id -> threadRows.byId(id).orElseThrow());
            thread = new CommentThread(t.id(), t.siteId(), t.url(), t.title(), t.articleId(), t.createdAt(), k[4]);
        }
        return Optional.of(new OnHomeSite(site, article, thread));
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
