package org.winnow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.platform.Harness.fields;
import static org.winnow.platform.Harness.inputValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.winnow.engine.Comment;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Threads;

/** The reader's side over plain HTTP: what a browser without JavaScript gets, and what bad input gets. */
class ReaderFlowTest {
    static final String ARTICLE = "/a/winnowing";
    static final ObjectMapper JSON = new ObjectMapper();
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

    static Map<String, String> comment(String page, String author, String body) {
        return fields("author", author, "email", "", "url", "", "body", body, "parent", "", "ts", inputValue(page, "ts"),
                "homepage", "");
    }

    /** Posts without JavaScript and returns the redirect target (path and query, without the fragment). */
    static String post(Harness.Client c, Map<String, String> form) {
        HttpResponse<String> r = c.post(h.base + ARTICLE + "/comments", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return r.headers().firstValue("Location").orElseThrow().replaceAll("#.*", "");
    }

    @Test
    void firstStartServesTheDemoArticleWithFormShareLinksAndPrivacyLine() {
        var c = Harness.client();
        HttpResponse<String> index = c.get(h.base + "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("href=\"/a/winnowing\"");
        HttpResponse<String> r = c.get(h.base + ARTICLE);
        assertThat(r.body()).contains("<h1>Wind, baskets and the oldest spam filter</h1>")
                .contains("Leave a comment")
                .contains("This site uses Winnow to reduce spam. <a href=\"/privacy\">Learn how your comment data is processed.</a>")
                .contains("name=\"homepage\"").contains("name=\"ts\"")
                .contains("https://www.reddit.com/submit?url=").contains("https://www.linkedin.com/sharing/")
                .contains("https://www.facebook.com/sharer/").contains("https://x.com/intent/post").contains("mailto:?subject=")
                .contains("Copy link")
                .doesNotContain("<script src=\"http").doesNotContain("<link rel=\"stylesheet\" href=\"http");
        assertThat(r.headers().firstValue("Set-Cookie")).as("reading sets no cookie").isEmpty();
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void noJsPostRedirectsAndPublishesSafeMarkdown() {
        var c = Harness.client();
        String page = c.get(h.base + ARTICLE).body();
        String target = post(c, comment(page, "Ada",
                "I *really* enjoyed this. See [the mill](https://en.wikipedia.org/wiki/Winnowing) <b>bold?</b>\n\n![a cat](https://img.example/cat.png)"));
        assertThat(target).startsWith(ARTICLE + "?mine=");
        String mine = c.get(h.base + target).body();
        assertThat(mine).contains("Keep this private link").contains("<em>really</em>")
                .contains("<a href=\"https://en.wikipedia.org/wiki/Winnowing\" rel=\"nofollow ugc noopener\">the mill</a>")
                .contains("&lt;b&gt;bold?&lt;/b&gt;")
                .contains("[image: a cat]").doesNotContain("<img");
        // A plain comment is published at once: everyone sees it.
        post(c, comment(page, "Bea", "Lovely article, thanks for writing it."));
        assertThat(Harness.client().get(h.base + ARTICLE).body()).contains("Lovely article, thanks for writing it.");
    }

    @Test
    void judgedCommentsCanBeReadBackForTheFiltersRecentTraffic() {
        java.time.Instant from = java.time.Instant.now().minusSeconds(1);
        Harness.Client c = Harness.client();
        String page = c.get(h.base + ARTICLE).body();
        post(c, comment(page, "Tess", "Threshing came after the harvest, before the winnowing."));
        post(c, comment(page, "Uma", "Please holdme, the fanning mill part needs a source."));
        List<org.winnow.platform.data.Comments.Judged> judged = h.platform.judgedSince(from, 1_000, id -> false).stream()
                .filter(j -> j.comment().author().equals("Tess") || j.comment().author().equals("Uma")).toList();
        // both were judged (the held one too), oldest first, under the ids the filter was told
        assertThat(judged).extracting(j -> j.comment().content()).containsExactly(
                "Threshing came after the harvest, before the winnowing.", "Please holdme, the fanning mill part needs a source.");
        assertThat(h.filter.storing).contains(judged.get(0).id(), judged.get(1).id());
        assertThat(judged).allSatisfy(j -> {
            assertThat(j.apiSiteId()).isEqualTo(h.homeSite().apiSiteId());
            assertThat(j.comment().userIp()).isEqualTo("127.0.0.1");
            assertThat(j.comment().permalink()).endsWith(ARTICLE);
            assertThat(j.at()).isGreaterThanOrEqualTo(from.toEpochMilli());
        });
        // known ids are left out
        long tess = judged.get(0).id();
        assertThat(h.platform.judgedSince(from, 1_000, id -> id == tess)).extracting(org.winnow.platform.data.Comments.Judged::id)
                .doesNotContain(tess).contains(judged.get(1).id());
    }

    @Test
    void heldCommentIsShownToItsAuthorOnlyAndEveryoneSeesItAfterApproval() {
        var author = Harness.client();
        String page = author.get(h.base + ARTICLE).body();
        String target = post(author, comment(page, "Grace", "Please holdme for a moment, I am a careful comment."));
        String own = author.get(h.base + target).body();
        assertThat(own).contains("careful comment").contains("awaiting moderation");
        String stranger = Harness.client().get(h.base + ARTICLE).body();
        assertThat(stranger).doesNotContain("careful comment");
        // A forged owner token shows nothing extra.
        String forged = Harness.client().get(h.base + ARTICLE + "?mine=" + target.replaceAll(".*mine=", "").replaceAll(".$", "x")).body();
        assertThat(forged).doesNotContain("careful comment");
    }

    @Test
    void invalidPostsAreRejectedWithMessagesAndKeepWhatWasTyped() {
        var c = Harness.client();
        String page = c.get(h.base + ARTICLE).body();
        Map<String, String> f = comment(page, "", "");
        f.put("email", "not-an-address");
        f.put("url", "javascript:alert(1)");
        HttpResponse<String> r = c.post(h.base + ARTICLE + "/comments", f);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Please enter your name.").contains("Please write a comment.")
                .contains("This e-mail address does not look right").contains("The website must be a web address")
                .contains("value=\"not-an-address\"");
        Map<String, String> longOne = comment(page, "Long", "x".repeat(10_001));
        HttpResponse<String> tooLong = c.post(h.base + ARTICLE + "/comments", longOne);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 10,000 characters; yours has 10001");
        Map<String, String> badParent = comment(page, "Rex", "A reply to nothing");
        badParent.put("parent", "12345");
        assertThat(c.post(h.base + ARTICLE + "/comments", badParent).body()).contains("no longer available");
        // JSON clients get JSON errors.
        HttpResponse<String> json = c.post(h.base + ARTICLE + "/comments", comment(page, "", "hi"), "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("\"author\":\"Please enter your name.\"");
    }

    @Test
    void badRequestsGetClearErrorsNeverServerErrors() {
        var c = Harness.client();
        assertThat(c.get(h.base + "/a/no-such-article").statusCode()).isEqualTo(404);
        assertThat(c.get(h.base + "/a/no-such-article").body()).contains("There is no article at this address.");
        assertThat(c.get(h.base + "/my/garbage.token").statusCode()).isEqualTo(404);
        assertThat(c.get(h.base + "/feeds/thread/abc.atom").statusCode()).isEqualTo(404);
        assertThat(c.get(h.base + "/feeds/nosuchsite.atom").statusCode()).isEqualTo(404);
        assertThat(c.get(h.base + "/privacy/nosuchsite").statusCode()).isEqualTo(404);
        assertThat(c.get(h.base + "/assets/winnow/../../etc/passwd").statusCode()).isIn(400, 404);
        assertThat(c.get(h.base + "/embed/demo/thread").statusCode()).isEqualTo(400);
        assertThat(c.get(h.base + "/embed/demo/thread?url=" + enc("ftp://x")).statusCode()).isEqualTo(400);
        // A JSON body where a form is expected: a 400 with the field errors, not a crash.
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(java.net.URI.create(h.base + ARTICLE + "/comments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"body\":1}")));
        assertThat(r.statusCode()).isEqualTo(400);
        // NUL and control characters are dropped, not stored or fatal.
        String page = c.get(h.base + ARTICLE).body();
        String target = post(c, comment(page, "Nul\u0000Name", "zero\u0000byte\u0007 comment"));
        assertThat(c.get(h.base + target).body()).contains("zerobyte comment").contains("NulName");
    }

    @Test
    void repliesNestUnderTheirParent() {
        var c = Harness.client();
        String page = c.get(h.base + ARTICLE).body();
        String first = post(c, comment(page, "Parent Poster", "A thoughtful parent comment about sieves."));
        long parentId = Long.parseLong(first.replaceAll(".*mine=", "").replaceAll("\\..*", ""));
        String replyPage = c.get(h.base + ARTICLE + "?replyto=" + parentId).body();
        assertThat(replyPage).contains("Replying to <strong class=\"wn-replying-to\">Parent Poster</strong>");
        Map<String, String> reply = comment(replyPage, "Child Poster", "And a reply about fans.");
        reply.put("parent", Long.toString(parentId));
        post(c, reply);
        String html = Harness.client().get(h.base + ARTICLE).body();
        Matcher m = Pattern.compile("id=\"c" + parentId + "\".*?<ol class=\"wn-replies\">.*?And a reply about fans", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("the reply sits in the parent's reply list").isTrue();
    }

    @Test
    void rememberMeSetsACookieOnlyWithConsent() {
        var c = Harness.client();
        String page = c.get(h.base + ARTICLE).body();
        HttpResponse<String> without = c.post(h.base + ARTICLE + "/comments", comment(page, "Nocookie", "No cookie for me please."));
        assertThat(without.headers().allValues("Set-Cookie")).isEmpty();
        Map<String, String> with = comment(page, "Cookie Fan", "Remember me, please.");
        with.put("remember", "1");
        with.put("email", "fan@example.org");
        HttpResponse<String> r = c.post(h.base + ARTICLE + "/comments", with);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("wn_author=").contains("HttpOnly").contains("SameSite=Lax");
        assertThat(c.get(h.base + ARTICLE).body()).contains("value=\"Cookie Fan\"").contains("value=\"fan@example.org\"");
    }

    @Test
    void ownerLinkShowsExportsAndErasesTheComment() throws Exception {
        var c = Harness.client();
        String page = c.get(h.base + ARTICLE).body();
        Map<String, String> f = comment(page, "Erin Erase", "Please forget me later.");
        f.put("email", "erin@example.org");
        String target = post(c, f);
        String token = java.net.URLDecoder.decode(target.replaceAll(".*mine=", ""), StandardCharsets.UTF_8);
        String mine = Harness.client().get(h.base + "/my/" + token).body();
        assertThat(mine).contains("erin@example.org").contains("Download as JSON").contains("Erase my comment");
        JsonNode export = JSON.readTree(Harness.client().get(h.base + "/my/" + token + "/export.json").body());
        assertThat(export.get("email").asText()).isEqualTo("erin@example.org");
        assertThat(export.get("comment").asText()).isEqualTo("Please forget me later.");
        assertThat(export.get("spamFilterTrainingLog")).isEmpty();
        assertThat(mine).contains("Spam filter's training log").contains("(nothing)");
        // a moderator's decision keeps a copy in the filter's training log: the owner sees it, and the export lists it
        long id = h.filter.storing.getLast();
        h.filter.correct(h.homeSite().apiSiteId(), id, Comment.ofText("Please forget me later."), true, "moderator");
        assertThat(Harness.client().get(h.base + "/my/" + token).body())
                .contains("a copy of the above, since it was marked spam by a moderator on");
        JsonNode kept = JSON.readTree(Harness.client().get(h.base + "/my/" + token + "/export.json").body()).get("spamFilterTrainingLog");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("markedAs").asText()).isEqualTo("spam");
        assertThat(kept.get(0).get("by").asText()).isEqualTo("moderator");
        HttpResponse<String> erased = Harness.client().post(h.base + "/my/" + token + "/erase", fields("confirm", "1"));
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(h.filter.forgotten).isNotEmpty().last().isEqualTo(id); // the filter erases its copies too
        assertThat(Harness.client().get(h.base + ARTICLE).body()).doesNotContain("Please forget me later.");
        assertThat(Harness.client().get(h.base + "/my/" + token).statusCode()).isEqualTo(404);
    }

    @Test
    void feedsCarryApprovedCommentsOnly() throws Exception {
        var c = Harness.client();
        String page = c.get(h.base + ARTICLE).body();
        post(c, comment(page, "Feed Reader", "Published & <fed> to the feed."));
        post(c, comment(page, "Feed Holder", "holdme: not for the feed."));
        CommentThread t = new Threads(h.db.jdbi()).byUrl(h.homeSite().id(), h.base + ARTICLE).orElseThrow();
        for (String url : List.of(h.base + "/feeds/thread/" + t.id() + ".atom", h.base + "/feeds/demo.atom")) {
            HttpResponse<String> r = c.get(url);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("feed");
            assertThat(r.body()).contains("Feed Reader").contains("&amp;lt;fed&amp;gt;").doesNotContain("Feed Holder");
        }
    }

    @Test
    void tenThousandCommentThreadPagesByKeysetOnAnIndex() throws Exception {
        // A second article whose thread gets 10,000 top-level comments straight into the table.
        var site = h.homeSite();
        new org.winnow.platform.data.Articles(h.db.jdbi()).create(site.id(), "big", "A big thread", "Many comments", "Body.", 1);
        var c = Harness.client();
        assertThat(c.get(h.base + "/a/big").statusCode()).isEqualTo(200);
        CommentThread t = new Threads(h.db.jdbi()).byUrl(site.id(), h.base + "/a/big").orElseThrow();
        h.db.jdbi().useTransaction(handle -> {
            Connection conn = handle.getConnection();
            try (PreparedStatement ps = conn.prepareStatement("""
                    INSERT INTO p_comment (id, thread_id, site_id, parent_id, root_id, depth, status, initial_status, author,
                      email, email_hash, author_url, body_md, body_html, ip, ip_truncated, user_agent, referrer, honeypot,
                      seconds_to_submit, verdict, score, reasons, created_at, moderated_at)
                    VALUES (?, ?, ?, NULL, ?, 0, 'approved', 'approved', ?, '', '', '', ?, ?, '', 1, '', '', '', -1, 'ham', 0.1, '[]', ?, NULL)""")) {
                for (int i = 0; i < 10_000; i++) {
                    long id = 1_000_000 + i;
                    ps.setLong(1, id);
                    ps.setLong(2, t.id());
                    ps.setLong(3, site.id());
                    ps.setLong(4, id);
                    ps.setString(5, "Bulk " + i);
                    ps.setString(6, "Comment number " + i);
                    ps.setString(7, "<p>Comment number " + i + "</p>");
                    ps.setLong(8, 1_700_000_000_000L + i * 1000L);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // Whatever writes comments must mark the thread changed in the same transaction (the page cache keys on it).
            handle.execute("UPDATE p_thread SET comments_version = comments_version + 1 WHERE id = ?", t.id());
        });
        String first = c.get(h.base + "/a/big").body();
        assertThat(first).contains("10000 comments").contains("Comment number 0<").contains("Comment number 19<")
                .doesNotContain("Comment number 20<");
        // Follow "More comments" three times: each page continues exactly where the last stopped.
        Set<String> seen = new HashSet<>();
        String html = first;
        for (int p = 0; p < 4; p++) {
            Matcher m = Pattern.compile("Comment number (\\d+)<").matcher(html);
            List<String> ids = new ArrayList<>();
            while (m.find()) ids.add(m.group(1));
            assertThat(ids).hasSize(20);
            assertThat(ids.getFirst()).isEqualTo(Integer.toString(p * 20));
            for (String id : ids) assertThat(seen.add(id)).as("no comment repeats across pages").isTrue();
            Matcher next = Pattern.compile("class=\"wn-more\" data-after=\"[^\"]+\" href=\"([^\"]+)\"").matcher(html);
            assertThat(next.find()).isTrue();
            html = c.get(h.base + next.group(1).replace("&amp;", "&")).body();
        }
        // The top-level page query is served by the keyset index, whatever the page; the replies of a
        // page by the tree index, not by scanning every approved comment (SQLite once chose the status index).
        String page = """
                SELECT * FROM p_comment WHERE thread_id = %d AND depth = 0 AND status = 'approved'
                  AND (created_at, id) > (5, 7) ORDER BY created_at, id LIMIT 21""".formatted(t.id());
        String replies = "SELECT * FROM p_comment WHERE root_id IN (" + java.util.stream.LongStream.range(1_000_000, 1_000_021)
                .mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(", ")) + ") AND depth > 0 ORDER BY created_at, id";
        if (h.postgres()) {
            // PostgreSQL's planner only trusts the index once it has statistics; no sort node means keyset order.
            h.db.jdbi().useHandle(hd -> hd.execute("ANALYZE p_comment"));
            assertThat(plan("EXPLAIN " + page)).contains("p_comment_roots").doesNotContain("Sort");
            // (With no replies at all in this thread, PostgreSQL may rightly answer from either index.)
            assertThat(plan("EXPLAIN " + replies)).contains("Index").doesNotContain("Seq Scan");
        } else {
            assertThat(plan("EXPLAIN QUERY PLAN " + page)).contains("p_comment_roots").doesNotContain("TEMP B-TREE");
            assertThat(plan("EXPLAIN QUERY PLAN " + replies)).contains("p_comment_replies").doesNotContain("p_comment_queue");
        }
    }

    /** A query plan as one line: PostgreSQL's EXPLAIN rows, or SQLite's EXPLAIN QUERY PLAN details. */
    static String plan(String explain) {
        List<String> rows = h.db.jdbi().withHandle(hd -> hd.createQuery(explain)
                .map((rs, ctx) -> rs.getString(h.postgres() ? 1 : rs.findColumn("detail"))).list());
        return String.join(" ", rows);
    }

    @Test
    void embedFragmentAndPostHonourAllowedOrigins() throws Exception {
        var c = Harness.client();
        String pageUrl = h.base + "/some/host/page";
        HttpResponse<String> frag = c.get(h.base + "/embed/demo/thread?url=" + enc(pageUrl), "Origin", h.base);
        assertThat(frag.statusCode()).isEqualTo(200);
        assertThat(frag.headers().firstValue("Access-Control-Allow-Origin")).contains(h.base);
        assertThat(frag.body()).contains("class=\"wn-thread\"").contains("action=\"" + h.base + "/embed/demo/comments?url=");
        HttpResponse<String> evil = c.get(h.base + "/embed/demo/thread?url=" + enc(pageUrl), "Origin", "https://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(c.get(h.base + "/embed/demo/thread?url=" + enc("https://evil.example/page")).statusCode()).isEqualTo(403);
        // A post from a disallowed origin is refused before anything is stored.
        String ts = inputValue(frag.body(), "ts");
        HttpResponse<String> refused = c.post(h.base + "/embed/demo/comments?url=" + enc(pageUrl),
                fields("author", "Mallory", "body", "cross-site post", "ts", ts), "Origin", "https://evil.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        // The no-JavaScript embed post goes back to the host page with the owner token.
        HttpResponse<String> ok = c.post(h.base + "/embed/demo/comments?url=" + enc(pageUrl),
                fields("author", "Host Reader", "body", "Posted from the host page.", "ts", ts), "Origin", h.base);
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).startsWith(pageUrl + "?winnow_mine=");
        assertThat(c.get(h.base + "/embed/demo/thread?url=" + enc(pageUrl)).body()).contains("Posted from the host page.");
        // JSON post for the widget.
        HttpResponse<String> json = c.post(h.base + "/embed/demo/comments?url=" + enc(pageUrl),
                fields("author", "Widget Reader", "body", "Posted by the widget.", "ts", ts), "Origin", h.base, "Accept", "application/json");
        JsonNode r = JSON.readTree(json.body());
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("html").asText()).contains("Posted by the widget.");
        assertThat(c.get(h.base + "/embed.js").headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    }

    @Test
    void embedScriptStaysSmall() throws Exception {
        byte[] js = Harness.client().get(h.base + "/embed.js").body().getBytes(StandardCharsets.UTF_8);
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(js);
        }
        assertThat(out.size()).as("embed.js gzipped").isLessThan(15 * 1024);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void headRequestsGetTheStatusAndHeadersOfGetWithoutABody() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, HttpResponse<String>> head = path -> {
            try {
                return http.send(HttpRequest.newBuilder(java.net.URI.create(h.base + path))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        HttpResponse<String> get = Harness.client().get(h.base + ARTICLE);
        HttpResponse<String> article = head.apply(ARTICLE);
        assertThat(article.statusCode()).isEqualTo(200);
        assertThat(article.body()).isEmpty();
        assertThat(article.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(article.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(article.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(head.apply("/a/no-such-article").statusCode()).isEqualTo(404);
        assertThat(head.apply("/privacy").statusCode()).isEqualTo(200);
        assertThat(head.apply("/privacy/no-such-site").statusCode()).isEqualTo(404);
        assertThat(head.apply("/feeds/no-such-site.atom").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutCommentLimitsThePrivacyPageSaysNothingOfThem() {
        // This harness runs without limits (the embedder's default); CommentRateLimitTest covers them on.
        String privacy = Harness.client().get(h.base + "/privacy").body();
        assertThat(privacy).contains("How your comment data is processed").doesNotContain("To stop floods of comments")
                .contains("counts the site's most common words") // the language signal's profile, always on
                .contains("keyed by a hash of each (not the address itself)") // the author history, always on
                .contains("includes the copy in the filter's training log"); // erasing reaches the training log too
    }
}
