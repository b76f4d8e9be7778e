package org.winnow.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.winnow.platform.SpamFilter;
import org.winnow.platform.data.Article;
import org.winnow.platform.data.Articles;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;
import org.winnow.platform.intake.Outcome;
import org.winnow.platform.text.Markdown;

/** The reader's pages on this server: articles with their threads, the privacy page, a commenter's own data. */
final class ReaderRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Web web;
    private final Posting posting;
    private final ThreadBuilder threads;

    /** An article's rendered body and share links: made once per article text, not per view. */
    private final Cache<Article, ArticleParts> articles = Caffeine.newBuilder().maximumSize(1_000).build();

    private record ArticleParts(String bodyHtml, List<ShareLink> shares) {}

    /**
     * Whole article pages for readers with nothing of their own on them ({@link SplitPage}), keyed by
     * everything the page shows, the thread's version included, so they are exactly as fresh as the
     * thread cache in {@link ThreadBuilder}.
     */
    private final Cache<SharedKey, SplitPage> shared = SplitPage.cache(16L << 20);

    private record SharedKey(Site site, Article article, long threadId, long version, Comments.Cursor after) {
        /** From ids and the version only: hashing the article's text and the site's settings on every view costs. */
        @Override
        public int hashCode() {
            int h = 31 * Long.hashCode(threadId) + Long.hashCode(version);
            h = 31 * h + Long.hashCode(article.id());
            return 31 * h + Objects.hashCode(after);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SharedKey k && threadId == k.threadId && version == k.version
                    && Objects.equals(after, k.after) && site.equals(k.site) && article.equals(k.article);
        }
    }

    ReaderRoutes(Web web, ThreadBuilder threads) {
        this.web = web;
        this.posting = new Posting(web);
        this.threads = threads;
    }

    Site home() {
        return web.sites().home().orElseThrow(() -> HttpError.notFound("No site has been set up yet."));
    }

    void index(Context ctx) {
        Site site = home();
        Http.pageHeaders(ctx, false);
        ctx.html(web.views().render("reader/index.jte", Map.of("page", page(site, true, site.name(), site.name()),
                "articles", web.articles().list(site.id()))));
    }

    void article(Context ctx) throws IOException {
        Articles.OnHomeSite page = articlePage(ctx);
        Site site = page.site();
        Article a = page.article();
        CommentThread thread = page.thread();
        String replyTo = ctx.queryParam("replyto");
        String mine = ctx.queryParam("mine");
        if (replyTo == null && mine == null && !posting.remembers(ctx) && thread.id() >= 0) {
            Comments.Cursor after = Comments.Cursor.parse(ctx.queryParam("after")).orElse(null);
            SplitPage s = shared.get(new SharedKey(site, a, thread.id(), thread.version(), after),
                    k -> SplitPage.of(articleHtml(site, a, thread, SplitPage.BLANK_FORM, -1, null,
                            after == null ? null : after.encode())));
            if (s != null) {
                Http.pageHeaders(ctx, false);
                Http.writeWhole(ctx, "text/html; charset=utf-8", s.with(web.intake().formToken(thread)));
                return;
            }
        }
        FormState form = posting.blankForm(ctx, thread, null, null, null);
        if (replyTo != null) {
            StoredComment parent = parseId(replyTo).flatMap(web.comments()::byId)
                    .filter(c -> c.threadId() == thread.id() && c.status() == Status.APPROVED).orElse(null);
            if (parent != null)
                form = posting.blankForm(ctx, thread, parent.id(), parent.author(), articlePath(a) + "#wn-form");
        }
        renderArticle(ctx, site, a, thread, form, mine, ctx.queryParam("after"), 200);
    }

    void post(Context ctx) {
        Articles.OnHomeSite page = articlePage(ctx);
        Site site = page.site();
        Article a = page.article();
        CommentThread thread = page.thread();
        Outcome o = posting.submitWithinLimit(site, thread, ctx,
                errors -> renderArticle(ctx, site, a, thread, posting.failedForm(ctx, thread, errors), null, null, 429));
        if (o == null) return;
        if (!o.ok()) {
            if (Http.wantsJson(ctx)) {
                ctx.status(400).json(Posting.errorsJson(o.errors()));
                return;
            }
            renderArticle(ctx, site, a, thread, posting.failedForm(ctx, thread, o.errors()), null, null, 400);
            return;
        }
        posting.rememberChoice(ctx, o.comment());
        if (Http.wantsJson(ctx)) {
            StoredComment c = o.comment();
            String reply = site.settings().maxDepth() > 1 && c.status() == Status.APPROVED
                    ? articlePath(a) + "?replyto=" + c.id() : null;
            ctx.json(posting.json(o, posting.nodeHtml(c, reply), web.comments().countApproved(thread.id()),
                    posting.manageUrl(o.ownerToken()), web.intake().formToken(thread)));
            return;
        }
        // Redirect after POST; the owner token shows the comment to its author even while it is held.
        ctx.redirect(articlePath(a) + "?mine=" + Http.enc(o.ownerToken()) + "#c" + o.comment().id(),
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void renderArticle(Context ctx, Site site, Article a, CommentThread thread, FormState form, String mineToken,
                               String after, int status) {
        long mine = mineToken == null ? -1 : web.intake().ownedComment(mineToken).orElse(-1L);
        String manage = mine >= 0 ? posting.manageUrl(mineToken) : null;
        Http.pageHeaders(ctx, false);
        ctx.status(status).html(articleHtml(site, a, thread, form, mine, manage, after));
    }

    private String articleHtml(Site site, Article a, CommentThread thread, FormState form, long mine, String manage,
                               String after) {
        String path = articlePath(a);
        ThreadView view = threads.build(site, thread, after, mine, form, path + "/comments",
                "/feeds/thread/" + thread.id() + ".atom", "/privacy", manage, false, Links.article(path));
        ArticleParts parts = articles.get(a, k -> new ArticleParts(Markdown.article(a.bodyMd()),
                ShareLink.forPage(thread.url(), a.title())));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", page(site, true, a.title(), a.summary()));
        params.put("article", a);
        params.put("bodyHtml", parts.bodyHtml());
        params.put("shares", parts.shares());
        params.put("view", view);
        return web.views().render("reader/article.jte", params);
    }

    void privacy(Context ctx) {
        String slug = ctx.pathParamMap().get("site");
        Site site = slug == null ? home() : web.sites().bySlug(slug)
                .orElseThrow(() -> HttpError.notFound("There is no site called \"" + slug + "\" here."));
        Http.pageHeaders(ctx, false);
        ctx.html(web.views().render("reader/privacy.jte", Map.of("page",
                page(site, "How your comment data is processed", "What " + site.name() + " stores about commenters, and for how long."),
                "site", site, "settings", site.settings(), "limits", web.commentLimits())));
    }

    /** A commenter's own comment: see it, export it, erase it, with nothing but the private link. */
    void mine(Context ctx) {
        StoredComment c = owned(ctx);
        Site site = web.sites().byId(c.siteId()).orElseThrow(() -> HttpError.notFound("This comment's site is gone."));
        CommentThread t = web.threads().byId(c.threadId()).orElseThrow();
        Http.pageHeaders(ctx, false);
        ctx.html(web.views().render("reader/mine.jte", Map.of("page", page(site, "Your comment", ""),
                "c", c, "thread", t, "token", ctx.pathParam("token"), "erased", c.status() == Status.ERASED,
                "decisions", web.moderator().keptDecisions(c))));
    }

    void export(Context ctx) throws Exception {
        StoredComment c = owned(ctx);
        CommentThread t = web.threads().byId(c.threadId()).orElseThrow();
        ctx.header("Content-Disposition", "attachment; filename=\"comment-" + c.id() + ".json\"");
        ctx.contentType("application/json").result(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                exportOf(c, t, web.moderator().keptDecisions(c))));
    }

    void erase(Context ctx) {
        StoredComment c = owned(ctx);
        web.moderator().forgetLessons(c); // first: if it fails, nothing is erased yet and the reader can try again
        // Erasing keeps a placeholder only when others replied to it; otherwise the row goes entirely.
        if (web.comments().hasReplies(c.id())) web.comments().erase(c.id(), web.clock().millis());
        else web.comments().delete(c.id(), web.clock().millis());
        Http.pageHeaders(ctx, false);
        Site site = web.sites().byId(c.siteId()).orElse(home());
        ctx.html(web.views().render("reader/erased.jte", Map.of("page", page(site, "Comment erased", ""))));
    }

    private StoredComment owned(Context ctx) {
        long id = web.intake().ownedComment(ctx.pathParam("token"))
                .orElseThrow(() -> HttpError.notFound("This private link is not valid. Check that it was copied whole."));
        return web.comments().byId(id)
                .orElseThrow(() -> HttpError.notFound("This comment no longer exists: it was erased or deleted."));
    }

    /** Everything stored about a comment, as its author's export shows it; {@code kept}: the spam filter's copies. */
    static Map<String, Object> exportOf(StoredComment c, CommentThread t, List<SpamFilter.Decision> kept) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("page", t.url());
        m.put("status", c.status().db());
        m.put("posted", Fmt.iso(c.createdAt()));
        m.put("name", c.author());
        m.put("email", c.email());
        m.put("website", c.authorUrl());
        m.put("comment", c.bodyMd());
        m.put("ip", c.ip());
        m.put("ipTruncated", c.ipTruncated());
        m.put("userAgent", c.userAgent());
        m.put("referrer", c.referrer());
        m.put("spamScore", c.score());
        m.put("reasons", c.reasons().stream().map(s -> s.name() + ": " + s.detail()).toList());
        // each decision keeps a copy of the fields above in the spam filter's training log
        m.put("spamFilterTrainingLog", kept.stream().map(d -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("markedAs", d.spam() ? "spam" : "not spam");
            e.put("by", d.source());
            e.put("at", Fmt.iso(d.at().toEpochMilli()));
            return e;
        }).toList());
        return m;
    }

    /** The home site, the article the path names, and its thread (made on first use): one query when it exists. */
    private Articles.OnHomeSite articlePage(Context ctx) {
        String slug = ctx.pathParam("slug");
        String url = web.publicUrl() + "/a/" + slug;
        Articles.OnHomeSite page = web.articles().onHomeSite(slug, url).orElseThrow(() -> {
            home(); // says so when there is no site at all
            return HttpError.notFound("There is no article at this address.");
        });
        if (page.thread() != null) return page;
        Article a = page.article();
        return new Articles.OnHomeSite(page.site(), a,
                web.threads().ensure(page.site().id(), url, a.title(), a.id(), web.clock().millis()));
    }

    static String articlePath(Article a) {
        return "/a/" + a.slug();
    }

    PageInfo page(Site site, String title, String description) {
        return page(site, web.sites().home().map(h -> h.id() == site.id()).orElse(false), title, description);
    }

    private static PageInfo page(Site site, boolean home, String title, String description) {
        return new PageInfo(title, site.name(), home ? "/" : site.baseUrl(), home ? "/privacy" : "/privacy/" + site.slug(),
                description);
    }

    static java.util.Optional<Long> parseId(String s) {
        try {
            return java.util.Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

}
