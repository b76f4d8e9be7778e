package org.winnow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.platform.Harness.fields;
import static org.winnow.platform.Harness.inputValue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.platform.data.Articles;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Sites;
import org.winnow.platform.data.Threads;

/**
 * The shared cache of rendered thread pages: whatever changes a thread, on this node or another one
 * on the same database, shows on the very next view; a held comment is seen by its author only.
 */
class PageCacheTest {
    static final AtomicInteger ARTICLES = new AtomicInteger();
    @TempDir
    static Path dir;
    static Harness h;

    @BeforeAll
    static void start(TestInfo info) throws Exception {
        h = Harness.forTestClass(info, dir); // a PostgreSQL database for the *PgTest subclass
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** A fresh article (so each test has a thread of its own); returns its path. */
    static String newArticle() {
        String slug = "cache-" + ARTICLES.incrementAndGet();
        new Articles(h.db.jdbi()).create(h.homeSite().id(), slug, "Cache " + slug, "A test article.", "Body.", 1);
        return "/a/" + slug;
    }

    /** Posts a comment without JavaScript through {@code base}; returns the redirect (with the owner token). */
    static String post(String base, String path, String author, String body) {
        var c = Harness.client();
        String page = c.get(base + path).body();
        HttpResponse<String> r = c.post(base + path + "/comments", fields("author", author, "email", "", "url", "",
                "body", body, "parent", "", "ts", inputValue(page, "ts"), "homepage", ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return r.headers().firstValue("Location").orElseThrow().replaceAll("#.*", "");
    }

    static long idOf(String redirect) {
        return Long.parseLong(redirect.replaceAll(".*mine=", "").replaceAll("\\..*", ""));
    }

    static String view(String base, String path) {
        HttpResponse<String> r = Harness.client().get(base + path);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static void moderate(String base, String action, long id) {
        var admin = Harness.client();
        String csrf = admin.login(base, Harness.ADMIN, Harness.PASSWORD);
        HttpResponse<String> r = admin.post(base + "/admin/queue", fields("_csrf", csrf, "action", action, "id", Long.toString(id)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    }

    @Test
    void aNewCommentAndAModerationShowOnTheNextViewOfTheSameNode() {
        String path = newArticle();
        assertThat(view(h.base, path)).contains("No comments yet").contains("0 comments");
        assertThat(view(h.base, path)).contains("No comments yet"); // now served from the cache
        long id = idOf(post(h.base, path, "Ada", "The first comment under a cached page."));
        assertThat(view(h.base, path)).contains("The first comment under a cached page.").contains("1 comment<")
                .doesNotContain("No comments yet");
        moderate(h.base, "spam", id);
        assertThat(view(h.base, path)).doesNotContain("The first comment under a cached page.").contains("No comments yet");
        moderate(h.base, "not-spam", id);
        assertThat(view(h.base, path)).contains("The first comment under a cached page.");
        moderate(h.base, "delete", id);
        assertThat(view(h.base, path)).doesNotContain("The first comment under a cached page.");
    }

    @Test
    void aChangeOnOneNodeShowsOnTheOtherAtOnce() throws Exception {
        String path = newArticle();
        try (Harness.Node b = h.secondNode()) {
            // Both nodes have rendered (and cached) the empty thread.
            assertThat(view(h.base, path)).contains("No comments yet");
            assertThat(view(b.base(), path)).contains("No comments yet");
            long id = idOf(post(h.base, path, "Bea", "Posted on node A, read on node B."));
            assertThat(view(b.base(), path)).contains("Posted on node A, read on node B.");
            moderate(b.base(), "trash", id);
            assertThat(view(h.base, path)).doesNotContain("Posted on node A, read on node B.");
            moderate(h.base, "approve", id);
            assertThat(view(b.base(), path)).contains("Posted on node A, read on node B.");
            // The reader's own erase on node B empties node A's page.
            String token = post(b.base(), path, "Cy", "I will take this back.").replaceAll(".*mine=", "");
            assertThat(view(h.base, path)).contains("I will take this back.");
            HttpResponse<String> erased = Harness.client().post(b.base() + "/my/" + token + "/erase", fields());
            assertThat(erased.statusCode()).isEqualTo(200);
            assertThat(view(h.base, path)).doesNotContain("I will take this back.");
            // Settings that shape the page (here the page size) apply on every node at once.
            for (int i = 0; i < 3; i++) post(h.base, path, "Reader " + i, "Comment number " + i + " of a few.");
            assertThat(view(b.base(), path)).doesNotContain("class=\"wn-more\"");
            int pageSize = h.homeSite().settings().pageSize();
            h.settings(d -> new org.winnow.platform.data.SiteSettings(d.maxDepth(), d.newestFirst(), 2, d.holdWords(),
                    d.rejectWords(), d.holdUnknownEmail(), d.holdLinksOver(), d.holdNewCommenterDays(), d.holdThreshold(),
                    d.spamThreshold(), d.minimiseAfterDays(), d.deleteSpamAfterDays(), d.deleteTrashAfterDays()));
            try {
                assertThat(view(b.base(), path)).contains("class=\"wn-more\"");
                assertThat(view(h.base, path)).contains("class=\"wn-more\"");
            } finally {
                h.settings(d -> new org.winnow.platform.data.SiteSettings(d.maxDepth(), d.newestFirst(), pageSize,
                        d.holdWords(), d.rejectWords(), d.holdUnknownEmail(), d.holdLinksOver(), d.holdNewCommenterDays(),
                        d.holdThreshold(), d.spamThreshold(), d.minimiseAfterDays(), d.deleteSpamAfterDays(),
                        d.deleteTrashAfterDays()));
            }
        }
    }

    @Test
    void aHeldCommentIsShownToItsAuthorOnlyWhateverWasCachedBefore() throws Exception {
        String path = newArticle();
        post(h.base, path, "Dee", "A published comment everyone sees.");
        String stranger = view(h.base, path); // cached for everyone
        assertThat(stranger).contains("A published comment everyone sees.");
        String mine = post(h.base, path, "Eve", "A careful comment, " + Harness.HOLD_WORD + " please.");
        try (Harness.Node b = h.secondNode()) {
            for (String base : new String[] {h.base, b.base()}) {
                // The author sees it (on any node), and rendering it for them leaves nothing behind for others.
                assertThat(view(base, mine)).contains("A careful comment").contains("awaiting moderation");
                assertThat(view(base, path)).contains("A published comment everyone sees.")
                        .doesNotContain("A careful comment").doesNotContain("awaiting moderation");
                assertThat(view(base, mine)).contains("A careful comment");
                assertThat(view(base, path)).doesNotContain("A careful comment");
                // The same through the embed fragment, whose owner token comes as mine=.
                String thread = "/embed/demo/thread?url=" + URLEncoder.encode(h.base + path, StandardCharsets.UTF_8);
                String token = mine.replaceAll(".*mine=", "");
                assertThat(view(base, thread + "&mine=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                        .contains("A careful comment");
                assertThat(view(base, thread)).contains("A published comment everyone sees.").doesNotContain("A careful comment");
            }
            moderate(b.base(), "approve", idOf(mine));
            assertThat(view(h.base, path)).contains("A careful comment").doesNotContain("awaiting moderation");
        }
    }

    @Test
    void pagesAreCachedUntilTheThreadVersionChanges() {
        String path = newArticle();
        assertThat(view(h.base, path)).contains("No comments yet");
        CommentThread t = new Threads(h.db.jdbi()).byUrl(h.homeSite().id(), h.base + path).orElseThrow();
        // A row written behind the application's back (no version change) is not shown: the page is cached...
        h.db.jdbi().useHandle(hd -> hd.execute("""
                INSERT INTO p_comment (id, thread_id, site_id, parent_id, root_id, depth, status, initial_status, author,
                  email, email_hash, author_url, body_md, body_html, ip, ip_truncated, user_agent, referrer, honeypot,
                  seconds_to_submit, verdict, score, reasons, created_at, moderated_at)
                VALUES (?, ?, ?, NULL, ?, 0, 'approved', 'approved', 'Hand', '', '', '', 'x', '<p>Written by hand.</p>',
                  '', 1, '', '', '', -1, 'ham', 0.1, '[]', 5, NULL)""", 42_000_001L, t.id(), t.siteId(), 42_000_001L));
        assertThat(view(h.base, path)).doesNotContain("Written by hand.");
        // ...until the thread's version moves, as every write through the application does.
        h.db.jdbi().useHandle(hd -> hd.execute("UPDATE p_thread SET comments_version = comments_version + 1 WHERE id = ?", t.id()));
        assertThat(view(h.base, path)).contains("Written by hand.").contains("1 comment<");
    }

    @Test
    void articleAndWidgetRenderingsOfOneThreadKeepTheirOwnLinks() {
        String path = newArticle();
        long id = idOf(post(h.base, path, "Fay", "Reply to me from anywhere."));
        String article = view(h.base, path);
        assertThat(article).contains("href=\"" + path + "?replyto=" + id + "#wn-form\"");
        String thread = "/embed/demo/thread?url=" + URLEncoder.encode(h.base + path, StandardCharsets.UTF_8);
        assertThat(view(h.base, thread)).contains("href=\"" + h.base + path + "?winnow_replyto=" + id + "#wn-form\"")
                .doesNotContain("href=\"" + path + "?replyto=");
        assertThat(view(h.base, path)).contains("href=\"" + path + "?replyto=" + id + "#wn-form\"");
    }

    @Test
    void everyViewOfASharedPageCarriesItsOwnWorkingFormToken() throws Exception {
        String path = newArticle();
        String first = view(h.base, path);
        Thread.sleep(5); // the token holds the time the form was shown, in milliseconds
        String second = view(h.base, path);
        String t1 = inputValue(first, "ts");
        String t2 = inputValue(second, "ts");
        assertThat(t1).isNotEqualTo(t2).doesNotContain("slot");
        // Apart from the token the two views are the same bytes: the second came from the shared page.
        assertThat(second.replace(t2, "")).isEqualTo(first.replace(t1, ""));
        var c = Harness.client();
        HttpResponse<String> r = c.post(h.base + path + "/comments", fields("author", "Gus", "email", "", "url", "",
                "body", "Posted with the token of a shared page.", "parent", "", "ts", t1, "homepage", ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(view(h.base, path)).contains("Posted with the token of a shared page.");
    }

    @Test
    void aRememberedReaderSeesTheirNameInTheFormAndNobodyElseDoes() {
        String path = newArticle();
        assertThat(inputValue(view(h.base, path), "author")).isEmpty(); // the shared page is cached now
        var reader = Harness.client();
        String page = reader.get(h.base + path).body();
        HttpResponse<String> r = reader.post(h.base + path + "/comments", fields("author", "Hal", "email", "hal@example.org",
                "url", "", "body", "Remember me, please.", "parent", "", "ts", inputValue(page, "ts"), "homepage", "",
                "remember", "1"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String own = reader.get(h.base + path).body();
        assertThat(inputValue(own, "author")).isEqualTo("Hal");
        assertThat(inputValue(own, "email")).isEqualTo("hal@example.org");
        String other = view(h.base, path);
        assertThat(other).contains("Remember me, please.");
        assertThat(inputValue(other, "author")).isEmpty();
        assertThat(other).doesNotContain("hal@example.org");
    }

    @Test
    void anArticleThatQuotesTheTokenSlotStillGetsARealToken() {
        String slug = "cache-slot-" + ARTICLES.incrementAndGet();
        // The marker the shared page is split at (SplitPage.TOKEN_SLOT), written into the article itself.
        new Articles(h.db.jdbi()).create(h.homeSite().id(), slug, "Slot", "Quotes the marker.",
                "The marker is wn-form-token-slot-5d1c.", 1);
        String page = view(h.base, "/a/" + slug);
        assertThat(page).contains("The marker is wn-form-token-slot-5d1c.");
        assertThat(inputValue(page, "ts")).doesNotContain("slot").contains(".");
    }

    @Test
    void sharedWidgetFragmentsCarryFreshTokensAndEachUncommentedPageItsOwnTitle() throws Exception {
        String page = h.base + "/widget-" + ARTICLES.incrementAndGet();
        String thread = "/embed/demo/thread?url=" + URLEncoder.encode(page, StandardCharsets.UTF_8);
        // Nobody has commented on this page yet: the fragment is built from its address and title.
        String first = view(h.base, thread + "&title=" + URLEncoder.encode("First title", StandardCharsets.UTF_8));
        Thread.sleep(5); // the token holds the time the form was shown, in milliseconds
        String second = view(h.base, thread + "&title=" + URLEncoder.encode("First title", StandardCharsets.UTF_8));
        assertThat(inputValue(first, "title")).isEqualTo("First title");
        assertThat(inputValue(first, "ts")).isNotEqualTo(inputValue(second, "ts")).doesNotContain("slot");
        assertThat(second.replace(inputValue(second, "ts"), "")).isEqualTo(first.replace(inputValue(first, "ts"), ""));
        String other = view(h.base, thread + "&title=" + URLEncoder.encode("Another title", StandardCharsets.UTF_8));
        assertThat(inputValue(other, "title")).isEqualTo("Another title");
        // A post through the widget with a shared fragment's token is accepted and shows on the next view.
        var c = Harness.client();
        HttpResponse<String> r = c.post(h.base + "/embed/demo/comments?url=" + URLEncoder.encode(page, StandardCharsets.UTF_8),
                fields("author", "Ivy", "email", "", "url", "", "body", "Posted through a shared widget fragment.",
                        "parent", "", "ts", inputValue(first, "ts"), "homepage", "", "title", "First title"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(view(h.base, thread)).contains("Posted through a shared widget fragment.");
    }

    @Test
    void aSiteChangedOnAnotherNodeShowsOnTheNextArticleView() {
        String path = newArticle();
        Site before = h.homeSite();
        assertThat(view(h.base, path)).contains(">" + before.name() + "</a>"); // site, article and page now in memory
        // What another node's admin does: save the site (its version goes up with it).
        Sites sites = new Sites(h.db.jdbi());
        sites.update(new Site(before.id(), before.slug(), "Renamed elsewhere", before.baseUrl(), before.apiSiteId(),
                before.allowedOrigins(), before.settings(), before.createdAt()));
        try {
            assertThat(view(h.base, path)).contains(">Renamed elsewhere</a>").doesNotContain(">" + before.name() + "</a>");
        } finally {
            sites.update(before);
        }
        assertThat(view(h.base, path)).contains(">" + before.name() + "</a>");
    }
}
