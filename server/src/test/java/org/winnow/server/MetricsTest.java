package org.winnow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.server.TestEnv.comment;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: Prometheus text with requests per route, checks by verdict, corrections and the JVM. */
class MetricsTest {
    @TempDir Path dir;
    TestEnv env;

    @BeforeEach
    void start() {
        env = TestEnv.start(dir);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    static double value(String scrape, String seriesPrefix) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(seriesPrefix) + "[^\\n]*? ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void countsRequestsChecksAndCorrections() throws InterruptedException {
        String key = "api_key=" + env.key + "&";
        for (int i = 0; i < 3; i++) env.http.post("/1.1/comment-check", key + comment("Mia Metrics", TestEnv.FRIENDLY + " " + i));
        env.http.post("/1.1/submit-spam", key + comment("Mia Metrics", TestEnv.FRIENDLY + " 0"));
        env.http.get("/no/such/page/" + System.nanoTime());

        // A request is counted when its handling ends, which can be just after its answer reached the
        // client: scrape until every request is counted (or give up after 10 s), then check it all.
        String checks = "winnow_http_requests_seconds_count{method=\"POST\",route=\"/1.1/comment-check\",status=\"200\"}";
        RawHttp.Response r = env.http.get("/metrics");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((!r.text().contains("route=\"unmatched\",status=\"404\"") || !(value(r.text(), checks) >= 3))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            r = env.http.get("/metrics");
        }
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type").getFirst()).startsWith("text/plain; version=0.0.4");
        String text = r.text();

        assertThat(value(text, checks)).isEqualTo(3.0);
        assertThat(value(text, "winnow_checks_total{test=\"false\",verdict=\"ham\"}")
                + (Double.isNaN(value(text, "winnow_checks_total{test=\"false\",verdict=\"spam\"}")) ? 0
                : value(text, "winnow_checks_total{test=\"false\",verdict=\"spam\"}"))).isEqualTo(3.0);
        assertThat(value(text, "winnow_corrections_learned_total")).isEqualTo(1.0);
        assertThat(value(text, "winnow_corrections_applied_seq")).isEqualTo(1.0);
        assertThat(value(text, "winnow_correction_lag_seconds_count")).isEqualTo(1.0);
        // Unknown URLs share one series: a scanner cannot blow up the number of series.
        assertThat(text).contains("route=\"unmatched\",status=\"404\"").doesNotContain("/no/such/page");
        assertThat(text).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
    }
}
