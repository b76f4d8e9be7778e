package org.winnow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.server.TestEnv.form;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.store.Store;
import org.winnow.store.testing.TestPostgres;

/**
 * The recent-traffic signals survive a restart and see every node's traffic: a node rebuilds them from
 * the recorded checks when it starts, and on PostgreSQL follows the checks the other nodes record.
 * Each test fails if the feed is off: the fifth comment from one network would then be the first the
 * judging node knows of.
 */
class SharedTrafficTest {
    @TempDir Path dir;

    private static final String[] TEXTS = {
            "The second example fixed my build, thanks for the write-up.",
            "I tried the approach from the third section and it worked on my laptop.",
            "Could you explain the cache part again? I got lost after the diagram.",
            "We run a similar setup at work and the tip about pools saved us hours.",
            "Nice article, one small typo in the last paragraph though.",
            "Interesting read, I had not thought about the order of the migrations.",
            "The example compiles fine with the newer compiler as well."};

    /** A comment-check from {@code ip}, whose answer's guid is returned. */
    private static String check(RawHttp http, String key, String ip, String text, boolean test) {
        RawHttp.Response r = http.post("/1.1/comment-check", form("api_key", key, "blog", TestEnv.BLOG, "user_ip", ip,
                "user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "permalink", TestEnv.BLOG + "/posts/hello-world", "comment_type", "comment",
                "comment_author", "Reader", "comment_content", text, "is_test", test ? "1" : "0"));
        assertThat(r.status()).isEqualTo(200);
        return r.header("x-akismet-guid");
    }

    private static double replayed(RawHttp http) {
        return MetricsTest.value(http.get("/metrics").text(), "winnow_traffic_replayed_total");
    }

    /** Waits until the node has replayed {@code n} comments, then checks it stays there. */
    private static void awaitReplayed(RawHttp http, double n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (replayed(http) < n && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(300); // a few more polls: nothing may be replayed twice
        assertThat(replayed(http)).isEqualTo(n);
    }

    private static List<String> signals(Store store, String guid) {
        String explanation = store.checks().byGuid(guid).orElseThrow().explanation();
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\":\"([^\"]+)\"").matcher(explanation);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @Test
    void aRestartedNodeRemembersTheBurstItWasInTheMiddleOf() throws Exception {
        try (TestEnv env = TestEnv.start(dir)) {
            for (int i = 0; i < 4; i++) check(env.http, env.key, "198.51.100." + (i + 1), TEXTS[i], false);
            // test traffic is judged but never joins the record, before or after a restart
            check(env.http, env.key, "198.51.100.20", TEXTS[4], true);
            env.restart();
            awaitReplayed(env.http, 4);
            String fifth = check(env.http, env.key, "198.51.100.9", TEXTS[5], false);
            assertThat(signals(env.store, fifth)).contains("ip_burst");
            // the node's own checks are recorded once, when judged, and never replayed
            check(env.http, env.key, "192.0.2.1", TEXTS[6], false);
            awaitReplayed(env.http, 4);
        }
    }

    @Test
    void nodesOnOnePostgresqlSeeABurstSpreadOverThem() throws Exception {
        String url = TestPostgres.newDatabase("traffic");
        ServerConfig config = TestEnv.defaultConfig();
        try (Store storeA = Store.open(url, TestEnv.SECRET); Store storeB = Store.open(url, TestEnv.SECRET)) {
            String key = storeA.keys().create(TestEnv.BLOG, "tests").plaintext();
            WinnowServer a = new WinnowServer(storeA, TestEnv.baseModel(), config).start();
            WinnowServer b = new WinnowServer(storeB, TestEnv.baseModel(), config).start();
            // a node told not to share reads the database once when it starts (nothing yet), then never again
            WinnowServer c = new WinnowServer(storeA, TestEnv.baseModel(), config.withShareTraffic(false)).start();
            try {
                RawHttp httpA = new RawHttp(a.port());
                RawHttp httpB = new RawHttp(b.port());
                RawHttp httpC = new RawHttp(c.port());
                // a round-robin balancer spreads five comments from one network over two nodes
                check(httpA, key, "198.51.100.1", TEXTS[0], false);
                check(httpB, key, "198.51.100.2", TEXTS[1], false);
                check(httpA, key, "198.51.100.3", TEXTS[2], false);
                check(httpB, key, "198.51.100.4", TEXTS[3], false);
                awaitReplayed(httpA, 2);
                awaitReplayed(httpB, 2);
                String fifth = check(httpA, key, "198.51.100.5", TEXTS[4], false);
                assertThat(signals(storeA, fifth)).as("node A saw 3 of the 5 itself").contains("ip_burst");
                awaitReplayed(httpB, 3);
                String sixth = check(httpB, key, "198.51.100.6", TEXTS[5], false);
                assertThat(signals(storeB, sixth)).as("node B saw 3 of the 6 itself").contains("ip_burst");
                // and each node still counts its own checks once: A has replayed only B's three
                awaitReplayed(httpA, 3);
                assertThat(replayed(httpC)).isZero();
            } finally {
                a.stop();
                b.stop();
                c.stop();
            }
        }
    }
}
