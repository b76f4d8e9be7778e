package org.winnow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.platform.Harness.fields;
import static org.winnow.platform.Harness.inputValue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;

/** The site owner's side over HTTP: login, CSRF, the queue feeding the filter, settings, stats, data requests. */
class AdminTest {
    static final String ARTICLE = "/a/winnowing";
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

    /** Posts a comment without JavaScript; returns its id. */
    static long post(String author, String body) {
        var c = Harness.client();
        String page = c.get(h.base + ARTICLE).body();
        HttpResponse<String> r = c.post(h.base + ARTICLE + "/comments", fields("author", author, "email",
                author.toLowerCase().replace(' ', '.') + "@example.org", "body", body, "ts", inputValue(page, "ts")));
        assertThat(r.statusCode()).isEqualTo(303);
        return Long.parseLong(r.headers().firstValue("Location").orElseThrow().replaceAll(".*mine=", "").replaceAll("\\..*", ""));
    }

    static StoredComment stored(long id) {
        return h.comments.byId(id).orElseThrow();
    }

    @Test
    void pagesNeedALoginAndSessionCookieIsLocked() {
        var c = Harness.client();
        HttpResponse<String> r = c.get(h.base + "/admin/queue");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/admin/login?next=");
        String page = c.get(h.base + "/admin/login").body();
        HttpResponse<String> ok = c.post(h.base + "/admin/login", fields("_csrf", inputValue(page, "_csrf"),
                "username", Harness.ADMIN, "password", Harness.PASSWORD));
        assertThat(ok.statusCode()).isEqualTo(303);
        String cookie = ok.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("wn_admin=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        assertThat(c.get(h.base + "/admin/queue").statusCode()).isEqualTo(200);
    }

    @Test
    void loginWithoutItsCsrfTokenIsRefused() {
        var c = Harness.client();
        c.get(h.base + "/admin/login");
        HttpResponse<String> r = c.post(h.base + "/admin/login", fields("username", Harness.ADMIN, "password", Harness.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("This form has expired");
    }

    @Test
    void repeatedFailuresLockTheAccount() {
        h.platform.createAdmin("locky", "a long enough password");
        var c = Harness.client();
        String csrf = inputValue(c.get(h.base + "/admin/login").body(), "_csrf");
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> r = c.post(h.base + "/admin/login", fields("_csrf", csrf, "username", "locky", "password", "wrong " + i));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("Wrong user name or password.");
        }
        HttpResponse<String> fifth = c.post(h.base + "/admin/login", fields("_csrf", csrf, "username", "locky", "password", "wrong 5"));
        assertThat(fifth.statusCode()).isEqualTo(429);
        HttpResponse<String> right = c.post(h.base + "/admin/login", fields("_csrf", csrf, "username", "locky",
                "password", "a long enough password"));
        assertThat(right.statusCode()).as("even the right password waits out the lock").isEqualTo(429);
        assertThat(right.body()).contains("locked for 15 more minutes");
        // Unknown names get the same answer as wrong passwords.
        assertThat(c.post(h.base + "/admin/login", fields("_csrf", csrf, "username", "nobody", "password", "x")).body())
                .contains("Wrong user name or password.");
    }

    @Test
    void createAdminRejectsWeakPasswords() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.platform.createAdmin("bob", "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10 characters");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.platform.createAdmin("bad name!", "long enough password"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postsWithoutTheSessionCsrfTokenAreRefused() {
        var c = Harness.client();
        c.login(h.base, Harness.ADMIN, Harness.PASSWORD);
        long id = post("Csrf Target", "holdme please, csrf test");
        HttpResponse<String> r = c.post(h.base + "/admin/queue", fields("action", "approve", "id", Long.toString(id)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(stored(id).status()).isEqualTo(Status.PENDING);
        HttpResponse<String> anon = Harness.client().post(h.base + "/admin/queue", fields("action", "approve", "id", Long.toString(id), "_csrf", "x"));
        assertThat(anon.statusCode()).isEqualTo(401);
    }

    @Test
    void queueShowsReasonsAndApprovingPublishesAndTeachesTheFilter() {
        var c = Harness.client();
        String csrf = c.login(h.base, Harness.ADMIN, Harness.PASSWORD);
        long id = post("Queue Person", "holdme: a comment for the queue");
        String queue = c.get(h.base + "/admin/queue?status=pending").body();
        assertThat(queue).contains("a comment for the queue").contains("site:hold_word").contains("contains \"holdme\"");
        assertThat(c.get(h.base + "/admin/queue?status=pending&reason=site:hold_word").body()).contains("a comment for the queue");
        assertThat(c.get(h.base + "/admin/queue?status=pending&reason=site:honeypot").body()).doesNotContain("a comment for the queue");
        assertThat(c.get(h.base + "/admin/queue?status=pending&q=QUEUE+person").body()).contains("a comment for the queue");
        assertThat(c.get(h.base + "/admin/queue?status=bogus").statusCode()).isEqualTo(400);
        int before = h.filter.lessons.size();
        HttpResponse<String> r = c.post(h.base + "/admin/queue", fields("_csrf", csrf, "action", "approve", "id", Long.toString(id),
                "back", "/admin/queue?status=pending"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(stored(id).status()).isEqualTo(Status.APPROVED);
        assertThat(Harness.client().get(h.base + ARTICLE).body()).contains("a comment for the queue");
        assertThat(h.filter.lessons).hasSize(before + 1);
        EngineFilter.Lesson lesson = h.filter.lessons.getLast();
        assertThat(lesson.spam()).isFalse();
        assertThat(lesson.source()).isEqualTo("moderator");
        assertThat(lesson.comment().content()).isEqualTo("holdme: a comment for the queue");
        assertThat(lesson.siteId()).isEqualTo(h.homeSite().apiSiteId());
        assertThat(lesson.commentId()).isEqualTo(id);
    }

    @Test
    void markingSpamChangesTheVerdictOnTheNextSimilarComment() {
        var c = Harness.client();
        String csrf = c.login(h.base, Harness.ADMIN, Harness.PASSWORD);
        String text = "Check out my cool blog about garden tools and seed catalogues";
        long first = post("Gardener", text);
        assertThat(stored(first).status()).as("the filter lets it through at first").isEqualTo(Status.APPROVED);
        c.post(h.base + "/admin/queue", fields("_csrf", csrf, "action", "spam", "id", Long.toString(first)));
        assertThat(stored(first).status()).isEqualTo(Status.SPAM);
        assertThat(h.filter.lessons.getLast().spam()).isTrue();
        long second = post("Gardener Two", text + "!");
        assertThat(stored(second).status()).as("after the moderator's lesson").isIn(Status.SPAM, Status.PENDING);
        // Not spam after all: published again, and the filter hears it.
        c.post(h.base + "/admin/queue", fields("_csrf", csrf, "action", "not-spam", "id", Long.toString(first)));
        assertThat(stored(first).status()).isEqualTo(Status.APPROVED);
        assertThat(h.filter.lessons.getLast().spam()).isFalse();
    }

    @Test
    void bulkTrashAndDeleteDoNotTeachButDoMove() {
        var c = Harness.client();
        String csrf = c.login(h.base, Harness.ADMIN, Harness.PASSWORD);
        long a = post("Bulk A", "holdme bulk one"), b = post("Bulk B", "holdme bulk two");
        int before = h.filter.lessons.size();
        c.post(h.base + "/admin/queue", Map.of("_csrf", csrf, "action", "trash", "id", Long.toString(a)));
        HttpResponse<String> r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.base + "/admin/queue"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&action=delete&id=" + a + "&id=" + b)));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(h.comments.byId(a)).isEmpty();
        assertThat(h.comments.byId(b)).isEmpty();
        assertThat(h.filter.lessons).hasSize(before);
        HttpResponse<String> none = c.post(h.base + "/admin/queue", fields("_csrf", csrf, "action", "approve"));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("Select at least one comment");
        assertThat(c.post(h.base + "/admin/queue", fields("_csrf", csrf, "action", "explode", "id", "1")).statusCode()).isEqualTo(400);
    }

    @Test
    void settingsChangeThePrivacyPageAndBadValuesAreExplained() {
        var c = Harness.client();
        String csrf = c.login(h.base, Harness.ADMIN, Harness.PASSWORD);
        assertThat(Harness.client().get(h.base + "/privacy").body()).contains("truncated after 30 days");
        long siteId = h.homeSite().id();
        String page = c.get(h.base + "/admin/sites/" + siteId).body();
        assertThat(page).contains("Reply depth");
        Map<String, String> f = fields("_csrf", csrf, "name", "Winnow demo", "origins", h.base, "maxDepth", "3", "order", "oldest",
                "pageSize", "20", "holdWords", Harness.HOLD_WORD, "rejectWords", "", "holdLinksOver", "2",
                "holdNewCommenterDays", "0", "holdThreshold", "0.5", "spamThreshold", "0.9", "minimiseAfterDays", "7",
                "deleteSpamAfterDays", "14", "deleteTrashAfterDays", "30");
        HttpResponse<String> saved = c.post(h.base + "/admin/sites/" + siteId, f);
        assertThat(saved.statusCode()).isEqualTo(303);
        String privacy = Harness.client().get(h.base + "/privacy").body();
        assertThat(privacy).contains("truncated after 7 days").contains("deleted after 14 days")
                .contains("Nothing about you or your comment is sent to any third party");
        Map<String, String> bad = new java.util.LinkedHashMap<>(f);
        bad.put("maxDepth", "99");
        bad.put("holdThreshold", "lots");
        bad.put("origins", "not an origin");
        HttpResponse<String> r = c.post(h.base + "/admin/sites/" + siteId, bad);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Hold threshold must be a number").contains("is not an origin");
        assertThat(h.homeSite().settings().minimiseAfterDays()).as("nothing saved").isEqualTo(7);
        // Restore the defaults the other tests assume.
        f.put("minimiseAfterDays", "30");
        f.put("deleteSpamAfterDays", "30");
        c.post(h.base + "/admin/sites/" + siteId, f);
    }

    @Test
    void sitesAndKeysCanBeCreatedAndRevoked() {
        var c = Harness.client();
        String csrf = c.login(h.base, Harness.ADMIN, Harness.PASSWORD);
        HttpResponse<String> r = c.post(h.base + "/admin/sites", fields("_csrf", csrf, "name", "Other Blog",
                "baseUrl", "https://other.example.org/", "origins", "https://www.other.example.org"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("API key for Other Blog: ").contains("other-blog")
                .contains("data-site=\"other-blog\"").contains("https://www.other.example.org");
        HttpResponse<String> bad = c.post(h.base + "/admin/sites", fields("_csrf", csrf, "name", "X", "baseUrl", "ftp://x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("must be an http or https URL");
        assertThat(c.post(h.base + "/admin/keys/999999/revoke", fields("_csrf", csrf)).statusCode()).isEqualTo(404);
    }

    @Test
    void statsDashboardDrawsChartsOnTheServer() {
        var c = Harness.client();
        c.login(h.base, Harness.ADMIN, Harness.PASSWORD);
        post("Stat Person", "A friendly comment for the stats.");
        String page = c.get(h.base + "/admin/stats?days=7").body();
        assertThat(page).contains("<svg class=\"chart\"").contains("comments received").contains("False-positive rate")
                .contains("Top reasons").doesNotContain("<script>");
    }

    @Test
    void dataRequestsExportAndEraseByEmail() throws Exception {
        var c = Harness.client();
        String csrf = c.login(h.base, Harness.ADMIN, Harness.PASSWORD);
        long id = post("Data Subject", "Please keep my data safe.");
        String email = "data.subject@example.org";
        assertThat(c.get(h.base + "/admin/data?email=" + email).body()).contains("Please keep my data safe.");
        String json = c.get(h.base + "/admin/data/export?email=" + email).body();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(0).get("email").asText()).isEqualTo(email);
        c.post(h.base + "/admin/data/erase", fields("_csrf", csrf, "email", email));
        assertThat(h.comments.byId(id)).isEmpty();
        assertThat(h.filter.forgotten).isNotEmpty().last().isEqualTo(id); // the filter erases its copies too
    }

    @Test
    void retentionTruncatesIpsAndTheSetupLinkWorksOnce() {
        long id = post("Old Timer", "An old comment with a full IP.");
        assertThat(stored(id).ip()).isEqualTo("127.0.0.1");
        h.settings(d -> new org.winnow.platform.data.SiteSettings(d.maxDepth(), d.newestFirst(), d.pageSize(), d.holdWords(),
                d.rejectWords(), d.holdUnknownEmail(), d.holdLinksOver(), d.holdNewCommenterDays(), d.holdThreshold(),
                d.spamThreshold(), 0, d.deleteSpamAfterDays(), d.deleteTrashAfterDays()));
        assertThat(h.platform.runRetention()).isPositive();
        StoredComment after = stored(id);
        assertThat(after.ip()).isEqualTo("127.0.0.0");
        assertThat(after.userAgent()).isEmpty();
        assertThat(Harness.client().get(h.base + "/privacy").body()).contains("truncated at once");
        h.settings(d -> new org.winnow.platform.data.SiteSettings(d.maxDepth(), d.newestFirst(), d.pageSize(), d.holdWords(),
                d.rejectWords(), d.holdUnknownEmail(), d.holdLinksOver(), d.holdNewCommenterDays(), d.holdThreshold(),
                d.spamThreshold(), 30, d.deleteSpamAfterDays(), d.deleteTrashAfterDays()));
    }

    @Test
    void conditionalHoldsAndRejectWordsApply() {
        h.settings(d -> new org.winnow.platform.data.SiteSettings(d.maxDepth(), d.newestFirst(), d.pageSize(), d.holdWords(),
                List.of("forbiddenword"), true, 1, 0, d.holdThreshold(), d.spamThreshold(), d.minimiseAfterDays(),
                d.deleteSpamAfterDays(), d.deleteTrashAfterDays()));
        try {
            long unknown = post("First Timer", "My very first comment here, hello everyone.");
            assertThat(stored(unknown).status()).isEqualTo(Status.PENDING);
            assertThat(stored(unknown).reasons().stream().map(r -> r.name())).contains("site:unknown_email");
            long rejected = post("Rude Person", "This has a forbiddenword in it.");
            assertThat(stored(rejected).status()).isEqualTo(Status.TRASH);
            assertThat(stored(rejected).reasons().getFirst().name()).isEqualTo("site:reject_word");
            long links = post("Link Person", "See https://en.wikipedia.org/wiki/Grain and https://en.wikipedia.org/wiki/Chaff");
            assertThat(stored(links).reasons().stream().map(r -> r.name())).contains("site:too_many_links");
        } finally {
            h.settings(d -> new org.winnow.platform.data.SiteSettings(d.maxDepth(), d.newestFirst(), d.pageSize(), d.holdWords(),
                    List.of(), false, 2, 0, d.holdThreshold(), d.spamThreshold(), d.minimiseAfterDays(),
                    d.deleteSpamAfterDays(), d.deleteTrashAfterDays()));
        }
    }
}
