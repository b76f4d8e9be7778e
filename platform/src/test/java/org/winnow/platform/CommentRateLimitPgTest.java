package org.winnow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.platform.Harness.fields;
import static org.winnow.platform.Harness.inputValue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.winnow.engine.traffic.ManualClock;
import org.winnow.platform.data.Database;
import org.winnow.store.testing.TestPostgres;

/**
 * Two nodes on one PostgreSQL, as behind a round-robin balancer: one address's allowance is spent
 * across both, not once per node. Limits: 3 per minute, 5 per hour.
 */
class CommentRateLimitPgTest {
    static final String ARTICLE = "/a/" + DemoContent.SLUG;
    static ManualClock clock;
    static LimitedNode a;
    static LimitedNode b;
    static Database.Connected db;

    @BeforeAll
    static void start() throws Exception {
        String url = TestPostgres.newDatabase("platform_limits");
        clock = new ManualClock(Instant.now());
        int portA = Harness.freePort();
        String publicUrl = "http://127.0.0.1:" + portA;
        a = new LimitedNode(url, publicUrl, portA, clock, new CommentLimits(3, 5), true);
        b = new LimitedNode(url, publicUrl, Harness.freePort(), clock, new CommentLimits(3, 5), true);
        db = Database.connect(url);
    }

    @AfterAll
    static void stop() {
        db.close();
        b.close();
        a.close();
    }

    static int post(LimitedNode node, String ip, String body) {
        var c = Harness.client();
        String page = c.get(node.base + ARTICLE).body();
        HttpResponse<String> r = c.post(node.base + ARTICLE + "/comments", fields("author", "Ines", "email", "",
                "url", "", "body", body, "parent", "", "ts", inputValue(page, "ts"), "homepage", ""),
                "X-Forwarded-For", ip);
        return r.statusCode();
    }

    @Test
    void theAllowanceIsSharedByBothNodes() {
        String ip = "203.0.113.80";
        int judgedBefore = a.judged.get() + b.judged.get();
        assertThat(List.of(post(a, ip, "one on A"), post(b, ip, "two on B"), post(a, ip, "three on A")))
                .containsOnly(303);
        assertThat(post(b, ip, "four on B")).isEqualTo(429);
        assertThat(post(a, ip, "four on A")).isEqualTo(429);
        int judged = a.judged.get() + b.judged.get() - judgedBefore;
        assertThat(judged).as("only the three accepted comments were judged").isEqualTo(3);

        assertThat(post(b, "203.0.113.81", "someone else, on B")).isEqualTo(303);
        clock.advance(Duration.ofSeconds(20));
        assertThat(post(b, ip, "a token is back, on B")).isEqualTo(303);
        assertThat(post(a, ip, "and spent, on A")).isEqualTo(429);
    }

    @Test
    void theDatabaseHoldsOnlyHashedKeysAndForgetsFullBuckets() {
        assertThat(post(a, "198.51.100.90", "leave a row")).isEqualTo(303);
        List<String> keys = db.jdbi().withHandle(h -> h.createQuery("SELECT bucket_key FROM p_rate_bucket")
                .mapTo(String.class).list());
        assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(k).matches("[0-9a-f]{32}"));
        long latestExpiry = db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(expires_at) FROM p_rate_bucket")
                .mapTo(Long.class).one());
        assertThat(latestExpiry).as("no bucket outlives the hour it takes to refill")
                .isLessThanOrEqualTo(clock.millis() + Duration.ofHours(1).plusSeconds(1).toMillis());
    }
}
