package org.winnow.platform.web;

import com.github.benmanes.caffeine.cache.Cache;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;
import org.winnow.platform.intake.Outcome;

/**
 * Threads for other sites: the fragment the embed script (or a server-side include) fetches, and
 * the endpoint its form posts to. Only the site's allowed origins may use them, both as the page
 * being commented on and as the browser's {@code Origin}.
 */
final class EmbedRoutes {
    private final Web web;
    private final Posting posting;
    private final ThreadBuilder threads;

    /**
     * Widget fragments for readers with nothing of their own on them ({@link SplitPage}), keyed by all
     * they show: the thread's version, or for a page nobody has commented on yet its address and title.
     */
    private final Cache<FragmentKey, SplitPage> shared = SplitPage.cache(16L << 20);

    private record FragmentKey(Site site, long threadId, long version, String url, String title, Comments.Cursor after) {}

    EmbedRoutes(Web web, ThreadBuilder threads) {
        this.web = web;
        this.posting = new Posting(web);
        this.threads = threads;
    }

    /** Preflight: answered for allowed origins only (simple GET/POST need none, but some browsers send one). */
    void preflight(Context ctx) {
        Site site = site(ctx);
        cors(ctx, site);
        ctx.header("Access-Control-Allow-Methods", "GET, POST");
        ctx.header("Access-Control-Allow-Headers", "Content-Type, Accept");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(HttpStatus.NO_CONTENT);
    }

    void fragment(Context ctx) throws IOException {
        Site site = site(ctx);
        cors(ctx, site);
        String url = pageUrl(site, ctx.queryParam("url"));
        CommentThread thread = web.threads().byUrl(site.id(), url).orElse(null);
        if (thread == null) // not stored until someone comments, so a crawler cannot fill the table
            thread = new CommentThread(-1, site.id(), url, title(ctx.queryParam("title"), url), null, web.clock().millis(), 0);
        String mineToken = ctx.queryParam("mine");
        ctx.header("Cache-Control", "no-store");
        if (mineToken == null && !posting.remembers(ctx)) {
            Comments.Cursor after = Comments.Cursor.parse(ctx.queryParam("after")).orElse(null);
            CommentThread t = thread;
            SplitPage page = shared.get(new FragmentKey(site, t.id(), t.version(), t.url(), t.title(), after),
                    k -> SplitPage.of(render(site, t, SplitPage.BLANK_FORM, after == null ? null : after.encode(), -1, null)));
            if (page != null) {
                Http.writeWhole(ctx, "text/html; charset=utf-8", page.with(web.intake().formToken(thread)));
                return;
            }
        }
        long mine = mineToken == null ? -1 : web.intake().ownedComment(mineToken).orElse(-1L);
        ctx.html(render(site, thread, posting.blankForm(ctx, thread, null, null, null), ctx.queryParam("after"), mine,
                mine >= 0 ? posting.manageUrl(mineToken) : null));
    }

    void post(Context ctx) {
        Site site = site(ctx);
        cors(ctx, site);
        String url = pageUrl(site, ctx.queryParam("url") != null ? ctx.queryParam("url") : ctx.formParam("url"));
        CommentThread thread = web.threads().ensure(site.id(), url, title(ctx.formParam("title"), url), null,
                web.clock().millis());
        Outcome o = posting.submitWithinLimit(site, thread, ctx,
                errors -> retryPage(ctx, site, thread, url, "Please wait a moment", errors, 429));
        if (o == null) return;
        if (!o.ok()) {
            if (Http.wantsJson(ctx)) {
                ctx.status(400).json(Posting.errorsJson(o.errors()));
                return;
            }
            retryPage(ctx, site, thread, url, "Your comment needs a change", o.errors(), 400);
            return;
        }
        if (Http.wantsJson(ctx)) {
            StoredComment c = o.comment();
            String reply = site.settings().maxDepth() > 1 && c.status() == Status.APPROVED
                    ? Links.embedded(url).to("replyto=" + c.id()) : null;
            ctx.json(posting.json(o, posting.nodeHtml(c, reply), web.comments().countApproved(thread.id()),
                    posting.manageUrl(o.ownerToken()), web.intake().formToken(thread)));
            return;
        }
        // No JavaScript: back to the page, whose server passes winnow_mine on to the fragment request.
        ctx.redirect(url + "?winnow_mine=" + Http.enc(o.ownerToken()) + "#winnow-comments", HttpStatus.SEE_OTHER);
    }

    /** Without JavaScript: the form again, as posted, with what to change (or how long to wait). */
    private void retryPage(Context ctx, Site site, CommentThread thread, String url, String title,
                           Map<String, String> errors, int status) {
        Http.pageHeaders(ctx, false);
        ctx.status(status).html(web.views().render("reader/embed-retry.jte", Map.of(
                "page", new PageInfo(title, site.name(), url, "/privacy/" + site.slug(), ""),
                "fragment", render(site, thread, posting.failedForm(ctx, thread, errors), null, -1, null),
                "back", url)));
    }

    private String render(Site site, CommentThread thread, FormState form, String after, long mine, String manage) {
        String action = web.publicUrl() + "/embed/" + site.slug() + "/comments?url=" + Http.enc(thread.url());
        ThreadView view = threads.build(site, thread, after, mine, form, action,
                thread.id() < 0 ? null : web.publicUrl() + "/feeds/thread/" + thread.id() + ".atom",
                web.publicUrl() + "/privacy/" + site.slug(), manage, true, Links.embedded(thread.url()));
        return web.views().render("reader/thread.jte", Map.of("view", view));
    }

    private Site site(Context ctx) {
        String slug = ctx.pathParam("site");
        return web.sites().bySlug(slug).orElseThrow(() -> HttpError.notFound("There is no site called \"" + slug + "\" here."));
    }

    private static void cors(Context ctx, Site site) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin == null) return; // a server-side include, or a top-level navigation
        if (!site.allows(origin))
            throw HttpError.forbidden("Comments of " + site.name() + " may not be embedded on " + origin
                    + ". Its admin can add this origin under Sites.");
        ctx.header("Access-Control-Allow-Origin", origin);
    }

    /** The page's URL without query or fragment, if it lies on one of the site's allowed origins. */
    static String pageUrl(Site site, String raw) {
        if (raw == null || raw.isBlank()) throw HttpError.badRequest("The page's address (url) is missing.");
        URI u;
        try {
            u = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw HttpError.badRequest("The page's address is not a valid URL: " + abbreviate(raw));
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null)
            throw HttpError.badRequest("The page's address must be an http or https URL: " + abbreviate(raw));
        String origin = scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() > 0 ? ":" + u.getPort() : "");
        if (!site.allows(origin))
            throw HttpError.forbidden("Pages on " + origin + " are not part of " + site.name()
                    + ". Its admin can add this origin under Sites.");
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return origin + path;
    }

    private static String title(String t, String url) {
        if (t == null || t.isBlank()) return url;
        String s = t.strip();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
