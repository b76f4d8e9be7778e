package org.winnow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.platform.Harness.fields;
import static org.winnow.platform.Harness.inputValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.engine.traffic.ManualClock;
import org.winnow.platform.data.Database;

/**
 * Comment rate limits over real HTTP on one node (SQLite, buckets in memory): 3 comments per address
 * and site in a burst (one back every 20 s), 5 per hour (one back every 12 min). Each test posts from
 * its own addresses, given as X-Forwarded-For as a reverse proxy would.
 */
class CommentRateLimitTest {
    static final String ARTICLE = "/a/" + DemoContent.SLUG;
    static final ObjectMapper JSON = new ObjectMapper();
    static final CommentLimits LIMITS = new CommentLimits(3, 5);
    @TempDir
    static Path dir;
    static ManualClock clock;
    static LimitedNode node;
    static Database.Connected db;

    @BeforeAll
    static void start() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("winnow.db");
        int port = Harness.freePort();
        clock = new ManualClock(Instant.now());
        node = new LimitedNode(url, "http://127.0.0.1:" + port, port, clock, LIMITS, true);
        db = Database.connect(url);
    }

    @AfterAll
    static void stop() {
        db.close();
        node.close();
    }

    static Map<String, String> comment(Harness.Client c, String author, String body) {
        String page = c.get(node.base + ARTICLE).body();
        return fields("author", author, "email", "", "url", "", "body", body, "parent", "", "ts", inputValue(page, "ts"),
                "homepage", "");
    }

    static HttpResponse<String> postAs(Harness.Client c, String ip, String author, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Forwarded-For";
        all[1] = ip;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return c.post(node.base + ARTICLE + "/comments", comment(c, author, body), all);
    }

    static long stored() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM p_comment").mapTo(Long.class).one());
    }

    /** Posts the whole burst from {@code ip}, each accepted (303 to the comment). */
    static void useBurst(Harness.Client c, String ip) {
        for (int i = 1; i <= LIMITS.perMinute(); i++)
            assertThat(postAs(c, ip, "Rita", "Burst comment " + i + " from " + ip).statusCode()).isEqualTo(303);
    }

    @Test
    void overTheLimitTheFormComesBackWith429RetryAfterAndTheTextKept() {
        var c = Harness.client();
        useBurst(c, "203.0.113.10");
        long storedBefore = stored();
        int judgedBefore = node.judged.get();

        HttpResponse<String> r = postAs(c, "203.0.113.10", "Rita Lindqvist", "My fourth thought on threshing floors");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("20");
        assertThat(r.body())
                .contains("You are commenting faster than this site allows; please wait 20 seconds and post again.")
                .contains(">My fourth thought on threshing floors</textarea>")
                .contains("value=\"Rita Lindqvist\"")
                .contains("Your comment was not posted yet.").doesNotContain("Please fix"); // nothing to fix, only to wait
        assertThat(stored()).as("nothing stored").isEqualTo(storedBefore);
        assertThat(node.judged.get()).as("the spam filter was not asked").isEqualTo(judgedBefore);
    }

    @Test
    void javascriptAndTheWidgetGet429AsJson() throws Exception {
        var c = Harness.client();
        String ip = "198.51.100.20";
        useBurst(c, ip);

        HttpResponse<String> article = postAs(c, ip, "Jo", "From the script", "Accept", "application/json");
        assertThat(article.statusCode()).isEqualTo(429);
        assertThat(article.headers().firstValue("Retry-After")).contains("20");
        JsonNode a = JSON.readTree(article.body());
        assertThat(a.get("ok").asBoolean()).isFalse();
        assertThat(a.get("message").asText()).startsWith("You are commenting faster than this site allows");
        assertThat(a.get("errors").isObject()).isTrue();
        assertThat(a.get("retryAfter").asLong()).isEqualTo(20);

        // The widget on another page of the same site shares the address's allowance for the site.
        String page = node.base + "/notes/winnowing";
        String form = c.get(node.base + "/embed/demo/thread?url=" + enc(page), "Origin", node.base).body();
        HttpResponse<String> widget = c.post(node.base + "/embed/demo/comments?url=" + enc(page),
                fields("author", "Jo", "email", "", "url", "", "body", "From the widget", "parent", "",
                        "ts", inputValue(form, "ts"), "homepage", "", "title", "Notes"),
                "X-Forwarded-For", ip, "Origin", node.base, "Accept", "application/json");
        assertThat(widget.statusCode()).isEqualTo(429);
        assertThat(widget.headers().firstValue("Retry-After")).contains("20");
        assertThat(widget.headers().firstValue("Access-Control-Allow-Origin")).contains(node.base);
        JsonNode w = JSON.readTree(widget.body());
        assertThat(w.get("ok").asBoolean()).isFalse();
        assertThat(w.get("message").asText()).contains("please wait 20 seconds");

        // Without JavaScript the widget's form comes back on its retry page, text and all.
        HttpResponse<String> plain = c.post(node.base + "/embed/demo/comments?url=" + enc(page),
                fields("author", "Jo", "email", "", "url", "", "body", "Typed without a script", "parent", "",
                        "ts", inputValue(form, "ts"), "homepage", "", "title", "Notes"),
                "X-Forwarded-For", ip);
        assertThat(plain.statusCode()).isEqualTo(429);
        assertThat(plain.body()).contains(">Typed without a script</textarea>").contains("please wait 20 seconds");
    }

    @Test
    void otherAddressesAreUnaffectedAndAnIpv6NetworkCountsAsOne() {
        var c = Harness.client();
        useBurst(c, "203.0.113.30");
        assertThat(postAs(c, "203.0.113.30", "Al", "One too many").statusCode()).isEqualTo(429);
        assertThat(postAs(c, "203.0.113.31", "Bo", "A neighbour is fine").statusCode()).isEqualTo(303);

        useBurst(c, "2001:db8:aa:1::1");
        assertThat(postAs(c, "2001:db8:aa:1:ffff::9", "Cy", "Same /64, same allowance").statusCode()).isEqualTo(429);
        assertThat(postAs(c, "2001:db8:aa:2::1", "Di", "Another /64 is fine").statusCode()).isEqualTo(303);
    }

    @Test
    void aForgedFirstForwardedAddressDoesNotEscapeTheLimit() {
        var c = Harness.client();
        useBurst(c, "203.0.113.40");
        // nginx appends the peer it saw; whatever the client wrote itself comes first.
        assertThat(postAs(c, "192.0.2.77, 203.0.113.40", "Ed", "Pretending to be someone else").statusCode())
                .isEqualTo(429);
        // The address stored with a comment (and given to the spam filter) is the proxy's entry too.
        assertThat(postAs(c, "192.0.2.78, 203.0.113.41", "Ed", "Stored under the address the proxy saw").statusCode())
                .isEqualTo(303);
        String storedIp = db.jdbi().withHandle(h -> h.createQuery("SELECT ip FROM p_comment WHERE body_md = :b")
                .bind("b", "Stored under the address the proxy saw").mapTo(String.class).one());
        assertThat(storedIp).isEqualTo("203.0.113.41");
    }

    @Test
    void invalidPostsCostNothing() {
        var c = Harness.client();
        for (int i = 0; i < 4; i++)
            assertThat(postAs(c, "203.0.113.50", "Flo", "").statusCode()).as("empty comment").isEqualTo(400);
        useBurst(c, "203.0.113.50");
    }

    @Test
    void postingWorksAgainOnceTokensAreBackAndTheHourlyCeilingHolds() {
        var c = Harness.client();
        String ip = "203.0.113.60";
        useBurst(c, ip);
        assertThat(postAs(c, ip, "Gus", "Too soon").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(20));
        assertThat(postAs(c, ip, "Gus", "After twenty seconds").statusCode()).isEqualTo(303);
        assertThat(postAs(c, ip, "Gus", "Too soon again").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(20));
        assertThat(postAs(c, ip, "Gus", "The fifth this hour").statusCode()).isEqualTo(303);
        // The minute's bucket is full again after a minute, but the hour's 5 are spent: one is back
        // 12 minutes after the first was taken (the clock has moved 40 s since).
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> r = postAs(c, ip, "Gus", "The sixth this hour");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains(Long.toString(12 * 60 - 100));

        clock.advance(Duration.ofSeconds(12 * 60 - 100));
        assertThat(postAs(c, ip, "Gus", "Twelve minutes on").statusCode()).isEqualTo(303);
    }

    @Test
    void thePrivacyPageSaysWhatIsHeldAndForHowLong() {
        String privacy = Harness.client().get(node.base + "/privacy").body();
        assertThat(privacy).contains("keyed hash of your IP address").contains("within 70")
                .containsPattern("at most\\s+3 comments a minute and 5 an hour\\.");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
