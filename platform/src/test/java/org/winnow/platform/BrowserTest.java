package org.winnow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.platform.Harness.fields;
import static org.winnow.platform.Harness.inputValue;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;

/**
 * The pages and the widget in real headless Chromium: posting in place, replying, holding,
 * approving from the queue, the verdict changing after moderation, the no-JavaScript path, the widget
 * on a page of another origin, and XSS payloads in every field.
 */
class BrowserTest {
    static final String ARTICLE = "/a/winnowing";
    static final List<String> XSS = List.of(
            "<script>window.__xss='script'</script>",
            "<img src=x onerror=\"window.__xss='img'\">",
            "\"><svg onload=window.__xss='svg'>",
            "javascript:window.__xss='js-url'",
            "[click me](javascript:window.__xss='md-link')",
            "<a href=\"javascript:alert(1)\">raw link</a>",
            "' onmouseover='window.__xss=1' x='",
            "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
            "<details open ontoggle=\"window.__xss='toggle'\">",
            "</textarea><script>window.__xss='textarea'</script>",
            "</title><script>window.__xss='title'</script>",
            "![img](x\" onerror=\"window.__xss='md-img')",
            "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss='mxss'\">");
    static Harness h;
    static Browser b;
    static Javalin host;
    static String hostBase;
    static Javalin evil;
    static String evilBase;

    @BeforeAll
    static void start() throws Exception {
        int hostPort = Harness.freePort(), evilPort = Harness.freePort();
        hostBase = "http://127.0.0.1:" + hostPort;
        evilBase = "http://127.0.0.1:" + evilPort;
        host = hostServer(hostPort);
        evil = hostServer(evilPort);
        b = new Browser(true, 1280, 1000);
    }

    /**
     * A fresh platform (database, engine) for every test: all requests come from 127.0.0.1 with one
     * user agent, so what the engine learns in one test would otherwise colour the next.
     */
    @BeforeEach
    void platform(@TempDir Path dir) throws Exception {
        h = new Harness(dir);
        Site s = h.homeSite();
        List<String> origins = new ArrayList<>(s.allowedOrigins());
        origins.add(hostBase);
        h.sites.update(new Site(s.id(), s.slug(), s.name(), s.baseUrl(), s.apiSiteId(), origins, s.settings(), s.createdAt()));
    }

    @AfterEach
    void closePlatform() {
        h.close();
    }

    /** Another site: a static page that embeds the widget with one script tag. */
    static Javalin hostServer(int port) {
        return Javalin.create(config -> {
            config.routes.get("/post/{name}", ctx -> ctx.html("""
                    <!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head>
                    <body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto">
                    <h1>A post on another site</h1><p>Someone else's blog, with Winnow comments below.</p>
                    <div id="winnow-comments"></div>
                    <script src="%s/embed.js" data-site="demo" async></script>
                    </body></html>""".formatted(ctx.queryParam("title") == null ? "Host page"
                    : ctx.queryParam("title").replace("<", "&lt;"), h.base)));
            // Sends a form straight to Winnow (no JavaScript on Winnow's side) with the given fields.
            config.routes.get("/refill", ctx -> {
                StringBuilder f = new StringBuilder("<!DOCTYPE html><html><body><form method=post action=\"" + h.base + ARTICLE + "/comments\">");
                for (var e : ctx.queryParamMap().entrySet())
                    f.append("<textarea name=\"").append(e.getKey()).append("\">").append(e.getValue().getFirst().replace("&", "&amp;").replace("<", "&lt;")).append("</textarea>");
                f.append("</form><script>document.forms[0].submit()</script></body></html>");
                ctx.html(f.toString());
            });
        }).start("127.0.0.1", port);
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (host != null) host.stop();
        if (evil != null) evil.stop();
    }

    // ---- helpers

    /** Fills the comment form (in the page, or in the widget's shadow root) and submits it with JavaScript on. */
    String postInPlace(String author, String body) {
        b.js("""
                const root = arguments[0] ? document.getElementById('winnow-comments').shadowRoot : document;
                const f = root.querySelector('form.wn-form');
                f.querySelector('[name=author]').value = arguments[1];
                f.querySelector('[name=body]').value = arguments[2];
                f.querySelector('button[type=submit]').click();""", false, author, body);
        b.until("the page", d -> !String.valueOf(b.js("return document.querySelector('.wn-status').textContent")).startsWith("Posting"));
        return String.valueOf(b.js("return document.querySelector('.wn-status').textContent"));
    }

    void assertNothingExecuted(String where) {
        Object xss = b.js("return window.__xss === undefined ? null : String(window.__xss)");
        assertThat(xss).as("a payload executed on " + where).isNull();
        Object alerted = b.js("return window.__alerted === undefined ? null : String(window.__alerted)");
        assertThat(alerted).as("alert() was called on " + where).isNull();
        Long dangerous = (Long) b.js("""
                const roots = [document];
                const host = document.getElementById('winnow-comments');
                if (host && host.shadowRoot) roots.push(host.shadowRoot);
                let n = 0;
                for (const r of roots) {
                  n += r.querySelectorAll('.wn-body script, .wn-body img, .wn-body iframe, .wn-body svg, .wn-body style, .wn-body math,'
                    + ' [onerror], [onload], [onmouseover], [ontoggle], a[href^="javascript"], iframe').length;
                }
                return n;""");
        assertThat(dangerous).as("active elements from user input on " + where).isZero();
    }

    /** Makes a later alert() observable; a page that navigates loses it, so call after each load. */
    void trapAlert() {
        b.js("window.alert = function (m) { window.__alerted = String(m); };");
    }

    void adminLogin() {
        b.get(h.base + "/admin/login");
        if (b.driver.getCurrentUrl().contains("/admin/login")) {
            b.driver.findElement(By.id("username")).sendKeys(Harness.ADMIN);
            b.driver.findElement(By.id("password")).sendKeys(Harness.PASSWORD);
            b.driver.findElement(By.cssSelector("form button[type=submit]")).click();
            b.until("/admin/queue", d -> d.getCurrentUrl().contains("/admin/queue"));
        }
    }

    /** Ticks the comment in the queue folder and presses the action button. */
    void moderate(String folder, long id, String action) {
        adminLogin();
        b.get(h.base + "/admin/queue?status=" + folder);
        b.driver.findElement(By.cssSelector("input[name=id][value='" + id + "']")).click();
        b.driver.findElement(By.cssSelector("button[name=action][value=" + action + "]")).click();
        b.until(".flash", d -> !d.findElements(By.cssSelector(".flash")).isEmpty());
    }

    static long newestId() {
        return h.comments.latestApproved(null, h.homeSite().id(), 1).getFirst().id();
    }

    // ---- tests

    @Test
    void postsAndRepliesInPlaceWithJavaScript() {
        b.get(h.base + ARTICLE);
        b.js("window.__sameDocument = true;");
        String status = postInPlace("Jay Script", "Posted *in place* by fetch.");
        assertThat(status).as(() -> h.comments.queue(new org.winnow.platform.data.Comments.QueueFilter(Status.PENDING, null, null, null), null, 1).toString()).contains("published");
        assertThat(b.js("return window.__sameDocument === true")).as("no page load happened").isEqualTo(true);
        WebElement li = b.driver.findElement(By.xpath("//li[contains(@class,'wn-comment')][.//em[text()='in place']]"));
        String id = li.getAttribute("data-id");
        assertThat(b.driver.findElement(By.cssSelector(".wn-notice .wn-manage")).getText()).contains("/my/");
        // Reply: the form moves under the comment, posts, and the reply appears nested.
        li.findElement(By.cssSelector(".wn-reply")).click();
        assertThat(b.driver.findElement(By.cssSelector(".wn-replying")).isDisplayed()).isTrue();
        assertThat(b.js("return document.querySelector('input[name=parent]').value")).isEqualTo(id);
        assertThat(postInPlace("Ray Reply", "A nested reply.")).contains("published");
        b.until("the page", d -> !d.findElements(By.cssSelector("#c" + id + " > ol.wn-replies .wn-body")).isEmpty());
        assertThat(b.driver.findElement(By.cssSelector("#c" + id + " > ol.wn-replies")).getText()).contains("A nested reply.");
        // After a reload the server renders the same tree.
        b.get(h.base + ARTICLE);
        assertThat(b.driver.findElement(By.cssSelector("#c" + id + " > ol.wn-replies")).getText()).contains("A nested reply.");
    }

    @Test
    void heldCommentIsForItsAuthorUntilApprovedFromTheQueue() {
        b.get(h.base + ARTICLE);
        String status = postInPlace("Helen Held", "Please holdme until a moderator looks.");
        assertThat(status).contains("awaiting moderation");
        WebElement held = b.driver.findElement(By.cssSelector("li.wn-held"));
        assertThat(held.getText()).contains("Your comment is awaiting moderation").contains("until a moderator looks");
        long id = Long.parseLong(held.getAttribute("data-id"));
        b.get(h.base + ARTICLE);
        assertThat(b.driver.getPageSource()).as("nobody else sees it").doesNotContain("until a moderator looks");
        adminLogin();
        b.get(h.base + "/admin/queue?status=pending");
        assertThat(b.driver.findElement(By.id("q" + id)).getText()).contains("site:hold_word").contains("Helen Held");
        moderate("pending", id, "approve");
        assertThat(h.comments.byId(id).orElseThrow().status()).isEqualTo(Status.APPROVED);
        assertThat(h.filter.lessons.getLast().spam()).isFalse();
        b.get(h.base + ARTICLE);
        assertThat(b.driver.findElement(By.id("c" + id)).getText()).contains("until a moderator looks");
    }

    @Test
    void verdictChangesAfterAModeratorMarksSpam() {
        b.get(h.base + ARTICLE);
        String text = "Have a look at my blog about cordless drills and lawn mowers";
        assertThat(postInPlace("Drill Fan", text)).contains("published");
        long id = Long.parseLong(b.driver.findElement(By.xpath("//li[contains(@class,'wn-comment')][.//p[text()='" + text + "']]"))
                .getAttribute("data-id"));
        moderate("approved", id, "spam");
        assertThat(h.comments.byId(id).orElseThrow().status()).isEqualTo(Status.SPAM);
        b.get(h.base + ARTICLE);
        assertThat(postInPlace("Drill Fan Again", text)).as("the same comment after the lesson").contains("awaiting moderation");
        StoredComment again = h.comments.byId(Long.parseLong(b.driver.findElement(By.cssSelector("li.wn-held")).getAttribute("data-id"))).orElseThrow();
        assertThat(again.reasons().stream().map(r -> r.name()).toList()).contains("near_duplicate");
    }

    @Test
    void worksWithoutJavaScript() throws Exception {
        try (Browser nojs = new Browser(false, 1000, 900)) {
            nojs.get(h.base + ARTICLE);
            nojs.driver.findElement(By.id("wn-author")).sendKeys("Noel No-Script");
            nojs.driver.findElement(By.id("wn-body")).sendKeys("Posted with a plain form and a redirect.");
            nojs.driver.findElement(By.cssSelector("button.wn-submit")).click();
            nojs.until("mine=", d -> d.getCurrentUrl().contains("mine="));
            assertThat(nojs.driver.getPageSource()).contains("Posted with a plain form and a redirect.").contains("Keep this private link");
            // Reply without JavaScript: the Reply link reloads the page with the form set to reply.
            String id = nojs.driver.findElement(By.xpath("//li[.//p[text()='Posted with a plain form and a redirect.']]")).getAttribute("data-id");
            nojs.driver.findElement(By.cssSelector("#c" + id + " .wn-reply")).click();
            assertThat(nojs.driver.findElement(By.cssSelector(".wn-replying")).getText()).contains("Replying to Noel No-Script");
            nojs.driver.findElement(By.id("wn-author")).sendKeys("Rita Reply");
            nojs.driver.findElement(By.id("wn-body")).sendKeys("A reply without scripts, holdme.");
            nojs.driver.findElement(By.cssSelector("button.wn-submit")).click();
            nojs.until("li.wn-held", d -> !d.findElements(By.cssSelector("li.wn-held")).isEmpty());
            assertThat(nojs.driver.findElement(By.cssSelector("#c" + id + " li.wn-held")).getText()).contains("awaiting moderation");
        }
    }

    @Test
    void widgetRendersAndPostsOnAPageOfAnotherOrigin() {
        b.get(hostBase + "/post/one");
        b.until("the page", d -> "ready".equals(d.findElement(By.id("winnow-comments")).getAttribute("data-winnow")));
        assertThat(b.js("return document.getElementById('winnow-comments').shadowRoot.querySelector('.wn-count').textContent"))
                .isEqualTo("0 comments");
        b.js("""
                const f = document.getElementById('winnow-comments').shadowRoot.querySelector('form.wn-form');
                f.querySelector('[name=author]').value = 'Wanda Widget';
                f.querySelector('[name=body]').value = 'Hello from another origin.';
                f.querySelector('button[type=submit]').click();""");
        b.until("the page", d -> String.valueOf(b.js("return document.getElementById('winnow-comments').shadowRoot.querySelector('.wn-list').textContent"))
                .contains("Hello from another origin."));
        assertThat(b.js("return document.getElementById('winnow-comments').shadowRoot.querySelector('.wn-count').textContent"))
                .isEqualTo("1 comment");
        // Every request the page made went to the host itself or to Winnow: nothing third-party.
        @SuppressWarnings("unchecked")
        List<String> requests = (List<String>) b.js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(requests).isNotEmpty().allMatch(u -> u.startsWith(h.base) || u.startsWith(hostBase));
        // Reload: the server renders the thread for this page URL.
        b.get(hostBase + "/post/one");
        b.until("the page", d -> "ready".equals(d.findElement(By.id("winnow-comments")).getAttribute("data-winnow")));
        assertThat(b.js("return document.getElementById('winnow-comments').shadowRoot.querySelector('.wn-list').textContent"))
                .asString().contains("Hello from another origin.");
        // A page on an origin the site does not allow gets no thread.
        b.get(evilBase + "/post/one");
        b.until("the page", d -> String.valueOf(b.js("const s = document.getElementById('winnow-comments').shadowRoot;"
                + " return s ? s.textContent : ''")).contains("could not be loaded"));
    }

    @Test
    void xssPayloadsInEveryFieldNeverExecute() {
        // Post every payload in every field, straight over HTTP, then publish them all from the queue.
        var c = Harness.client();
        List<Long> ids = new ArrayList<>();
        for (String p : XSS) {
            String page = c.get(h.base + ARTICLE).body();
            var r = c.post(h.base + ARTICLE + "/comments", fields("author", p.length() > 90 ? p.substring(0, 90) : p,
                    "email", "x@example.org", "url", "https://example.org/?q=" + ReaderFlowTest.enc(p), "body", p + "\n\n" + p, "ts", inputValue(page, "ts")));
            if (r.statusCode() == 303)
                ids.add(Long.parseLong(r.headers().firstValue("Location").orElseThrow().replaceAll(".*mine=", "").replaceAll("\\..*", "")));
            var bad = c.post(h.base + ARTICLE + "/comments", fields("author", p, "email", p, "url", p, "body", p, "ts", inputValue(page, "ts")));
            assertThat(bad.statusCode()).isIn(303, 400);
        }
        assertThat(ids).hasSizeGreaterThan(XSS.size() / 2);
        h.comments.queue(new org.winnow.platform.data.Comments.QueueFilter(Status.PENDING, null, null, null), null, 500)
                .forEach(x -> ids.add(x.id()));
        h.comments.queue(new org.winnow.platform.data.Comments.QueueFilter(Status.SPAM, null, null, null), null, 500)
                .forEach(x -> ids.add(x.id()));
        // Widget posts: payloads in the fields and in the host page's title (the thread's title).
        for (String p : XSS.subList(0, 4)) {
            String frag = c.get(h.base + "/embed/demo/thread?url=" + ReaderFlowTest.enc(hostBase + "/post/xss")).body();
            c.post(h.base + "/embed/demo/comments?url=" + ReaderFlowTest.enc(hostBase + "/post/xss"),
                    fields("author", p, "body", p, "title", p, "ts", inputValue(frag, "ts")), "Origin", hostBase);
        }
        adminLogin();
        for (String folder : List.of("pending", "spam")) {
            b.get(h.base + "/admin/queue?status=" + folder);
            trapAlert();
            assertNothingExecuted("the " + folder + " queue");
        }
        h.platform.createAdmin(Harness.ADMIN, Harness.PASSWORD); // unchanged; keeps the session valid
        new org.winnow.platform.moderation.Moderator(h.comments, new org.winnow.platform.data.Threads(h.db.jdbi()), h.sites,
                new org.winnow.platform.data.Moderations(h.db.jdbi()), h.filter, java.time.Clock.systemUTC())
                .apply(h.comments.queue(new org.winnow.platform.data.Comments.QueueFilter(Status.PENDING, null, null, null), null, 500)
                        .stream().map(StoredComment::id).toList(), org.winnow.platform.moderation.Action.APPROVE, "test");
        new org.winnow.platform.moderation.Moderator(h.comments, new org.winnow.platform.data.Threads(h.db.jdbi()), h.sites,
                new org.winnow.platform.data.Moderations(h.db.jdbi()), h.filter, java.time.Clock.systemUTC())
                .apply(h.comments.queue(new org.winnow.platform.data.Comments.QueueFilter(Status.SPAM, null, null, null), null, 500)
                        .stream().map(StoredComment::id).toList(), org.winnow.platform.moderation.Action.NOT_SPAM, "test");
        for (String url : List.of(h.base + ARTICLE, h.base + "/admin/queue?status=approved", h.base + "/admin/stats",
                h.base + "/admin/data?email=x%40example.org", h.base + "/feeds/demo.atom")) {
            b.get(url);
            trapAlert();
            assertNothingExecuted(url);
        }
        assertThat(b.driver.getPageSource()).contains("window.__xss"); // the feed shows the payloads as text
        b.get(h.base + ARTICLE);
        assertThat(b.driver.findElement(By.cssSelector(".wn-list")).getText()).contains("<script>window.__xss='script'</script>");
        // The widget on the host page, whose title is itself a payload.
        b.get(hostBase + "/post/xss?title=" + ReaderFlowTest.enc("<img src=x onerror=\"window.__xss='host-title'\">"));
        b.until("the page", d -> "ready".equals(d.findElement(By.id("winnow-comments")).getAttribute("data-winnow")));
        trapAlert();
        assertNothingExecuted("the widget");
        // The form refilled after an error (payloads inside the textarea and inputs).
        b.get(hostBase + "/refill?author=&body=" + ReaderFlowTest.enc(XSS.get(9)) + "&url=" + ReaderFlowTest.enc(XSS.get(2))
                + "&email=" + ReaderFlowTest.enc(XSS.get(6)));
        b.until(".wn-errors", d -> !d.findElements(By.cssSelector(".wn-errors")).isEmpty());
        assertNothingExecuted("the refilled form");
        assertThat(b.driver.findElement(By.id("wn-body")).getAttribute("value")).isEqualTo(XSS.get(9));
        // And with a JavaScript post, whose errors are inserted by script.
        b.get(h.base + ARTICLE);
        trapAlert();
        postInPlace("", XSS.get(1));
        assertNothingExecuted("the in-place error");
    }

    @Test
    void screenshots() throws Exception {
        // A small, readable thread: a few comments, a reply, and some moderation history for the charts.
        var c = Harness.client();
        String[][] people = {
            {"Maya Lindqvist", "My grandfather still had a **fanning mill** in the barn when I was small. The noise of it was unforgettable."},
            {"Tomás Ferreira", "Lovely piece. The line about *letting weight decide* is a good description of a fair process."},
            {"Priya Natarajan", "Is there a good book on the history of threshing tools? I would love to read more."},
        };
        for (String[] p : people) {
            String page = c.get(h.base + ARTICLE).body();
            c.post(h.base + ARTICLE + "/comments", fields("author", p[0], "body", p[1], "url", "https://example.org", "ts", inputValue(page, "ts")));
        }
        long maya = h.comments.latestApproved(null, h.homeSite().id(), 50).stream().filter(x -> x.author().equals("Maya Lindqvist"))
                .findFirst().orElseThrow().id();
        String page = c.get(h.base + ARTICLE).body();
        c.post(h.base + ARTICLE + "/comments", fields("author", "Jonas Weber", "parent", Long.toString(maya),
                "body", "Same here! Ours was painted red and lived next to the hay loft.", "ts", inputValue(page, "ts")));
        for (String spam : List.of("Cheap pills and casino bonus at http://pills.example/buy now",
                "Best replica watches, click http://spam.example/watches", "holdme: Visit my shop for discount seeds")) {
            page = c.get(h.base + ARTICLE).body();
            c.post(h.base + ARTICLE + "/comments", fields("author", "Deals 4 U", "url", "http://spam.example", "body", spam, "ts", inputValue(page, "ts")));
        }
        seedHistory();
        Path out = Path.of(System.getProperty("winnow.screenshots", "target/screenshots"));
        Files.createDirectories(out);
        try (Browser wide = new Browser(true, 1280, 2200); Browser phone = new Browser(true, 390, 1800)) {
            wide.get(h.base + ARTICLE);
            wide.js("document.querySelector('#wn-author').value = 'Ana'; document.querySelector('#wn-body').value = 'Thanks, this was a delight to read.';");
            Files.write(out.resolve("article.png"), fullPage(wide));
            phone.get(h.base + ARTICLE + "#wn-thread");
            Files.write(out.resolve("article-phone.png"), phone.driver.getScreenshotAs(OutputType.BYTES));
            Browser saved = b;
            b = wide;
            try {
                wide.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1300));
                adminLogin();
                wide.get(h.base + "/admin/queue?status=pending");
                Files.write(out.resolve("queue.png"), wide.driver.getScreenshotAs(OutputType.BYTES));
                wide.get(h.base + "/admin/stats?days=30");
                Files.write(out.resolve("dashboard.png"), fullPage(wide));
            } finally {
                b = saved;
            }
        }
        for (String f : List.of("article.png", "article-phone.png", "queue.png", "dashboard.png"))
            assertThat(Files.size(out.resolve(f))).as(f).isGreaterThan(10_000);
    }

    /** The whole page, not just the window (Chromium's DevTools capture beyond the viewport). */
    static byte[] fullPage(Browser br) {
        Object data = br.driver.executeCdpCommand("Page.captureScreenshot", Map.of("captureBeyondViewport", true, "fromSurface", true))
                .get("data");
        return java.util.Base64.getDecoder().decode(String.valueOf(data));
    }

    /** Two weeks of plausible traffic and moderation, so the dashboard has something to draw. */
    static void seedHistory() {
        Site site = h.homeSite();
        var thread = new org.winnow.platform.data.Threads(h.db.jdbi()).ensure(site.id(), h.base + "/archive", "Older posts", null, 0);
        var log = new org.winnow.platform.data.Moderations(h.db.jdbi());
        java.util.Random rnd = new java.util.Random(7);
        long day = 86_400_000L, now = System.currentTimeMillis();
        String[][] reasons = {{"token", "casino"}, {"link", "tld:example"}, {"author", "has_url"}, {"site:hold_word", "contains \"seo\""},
            {"site:too_many_links", "4 links"}, {"rule:blatant", "far above the spam threshold"}, {"context", "submitted_in:<3s"}};
        for (int d = 13; d >= 1; d--) {
            int ham = 3 + rnd.nextInt(6), held = rnd.nextInt(3), spam = 2 + rnd.nextInt(9);
            for (int i = 0; i < ham + held + spam; i++) {
                Status st = i < ham ? Status.APPROVED : i < ham + held ? Status.PENDING : Status.SPAM;
                List<org.winnow.engine.Signal> why = new ArrayList<>();
                if (st != Status.APPROVED) {
                    String[] r1 = reasons[rnd.nextInt(reasons.length)], r2 = reasons[rnd.nextInt(3)];
                    why.add(new org.winnow.engine.Signal(r1[0], r1[1], r1[0].startsWith("site:") ? 0 : 1.5));
                    why.add(new org.winnow.engine.Signal(r2[0], r2[1], 1.2));
                }
                long at = now - d * day + i * 60_000L;
                long id = org.winnow.platform.data.Ids.next();
                Status finalStatus = st == Status.PENDING ? Status.APPROVED : st;
                h.comments.insert(new StoredComment(id, thread.id(), site.id(), null, id, 0, finalStatus, st, "Seed " + i, "", "", "",
                        "seed", "<p>seed</p>", "192.0.2.1", true, "", "", "", 12, st == Status.SPAM ? "spam" : "ham",
                        st == Status.SPAM ? 0.95 : 0.1, why, at, null));
                if (st == Status.SPAM && rnd.nextInt(12) == 0)
                    log.log(site.id(), id, "not-spam", Status.SPAM, Status.APPROVED, Status.SPAM, "admin", at + 3_600_000L);
                if (st == Status.APPROVED && rnd.nextInt(20) == 0)
                    log.log(site.id(), id, "spam", Status.APPROVED, Status.SPAM, Status.APPROVED, "admin", at + 3_600_000L);
            }
        }
    }
}
