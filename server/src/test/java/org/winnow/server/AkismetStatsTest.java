package org.winnow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.server.TestEnv.form;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.server.RawHttp.Response;

/** key-sites, usage-limit, get-stats and get-key-stats after a known mix of calls. */
class AkismetStatsTest {

    @TempDir static Path dir;
    static TestEnv env;
    static String key;
    static String month;

    static Response post(String path, String body) {
        return env.http.post(path, body);
    }

    static String check(String blog, String author, String role, boolean test) {
        Response r = post("/1.1/comment-check", form("api_key", key, "blog", blog, "user_ip", "203.0.113.7",
                "comment_author", author, "comment_content", "stats " + author + " " + role + " " + test,
                "user_role", role, "is_test", test ? "1" : "0"));
        assertThat(r.status()).isEqualTo(200);
        return r.header("x-akismet-guid");
    }

    @BeforeAll
    static void traffic() {
        env = TestEnv.start(dir);
        key = env.store.keys().create("https://a.example", "stats").plaintext();
        month = YearMonth.now(ZoneOffset.UTC).toString();
        check("https://a.example", "akismet-guaranteed-spam", "", false);
        check("https://a.example/", "akismet-guaranteed-spam", "", false);
        String missed = check("https://A.example", "Alice", "administrator", false);
        check("https://a.example", "akismet-guaranteed-spam", "", true); // a test: not counted
        check("https://b.example", "Bob", "administrator", false);
        Response submitted = post("/1.1/submit-spam", form("api_key", key, "guid", missed));
        assertThat(submitted.text()).isEqualTo(TestEnv.THANKS);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static void assertJson(Response r, String body) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo(body);
        assertThat(r.header("content-length")).isEqualTo(Integer.toString(body.length()));
        assertThat(r.header("x-akismet-debug-help")).isNull();
    }

    static final String SITE_A = "{\"site\":\"https://a.example\",\"api_calls\":\"3\",\"spam\":\"2\",\"ham\":\"1\","
            + "\"missed_spam\":\"1\",\"false_positives\":\"0\",\"is_revoked\":false}";
    static final String SITE_B = "{\"site\":\"https://b.example\",\"api_calls\":\"1\",\"spam\":\"0\",\"ham\":\"1\","
            + "\"missed_spam\":\"0\",\"false_positives\":\"0\",\"is_revoked\":false}";

    @Test
    void keySitesJson() {
        assertJson(env.http.get("/1.2/key-sites?api_key=" + key),
                "{\"" + month + "\":[" + SITE_A + "," + SITE_B + "],\"limit\":500,\"offset\":0,\"total\":2}");
        assertJson(post("/1.2/key-sites", form("key", key, "month", month, "limit", "1", "offset", "1")),
                "{\"" + month + "\":[" + SITE_B + "],\"limit\":1,\"offset\":1,\"total\":2}");
        assertJson(post("/1.2/key-sites", form("api_key", key, "filter", "B.EXAMPLE")),
                "{\"" + month + "\":[" + SITE_B + "],\"limit\":500,\"offset\":0,\"total\":1}");
        assertJson(post("/1.2/key-sites", form("api_key", key, "month", "2001-01")),
                "{\"2001-01\":[],\"limit\":500,\"offset\":0,\"total\":0}");
    }

    @Test
    void keySitesCsv() {
        Response r = env.http.get("/1.2/key-sites?api_key=" + key + "&month=" + month + "&format=csv&order=missed_spam");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(r.text()).isEqualTo("Active sites for " + key + " during " + month + " (limit:500, offset: 0, total: 2)\n"
                + "Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked\n"
                + "https://a.example,3,2,1,1,0,false\n"
                + "https://b.example,1,0,1,0,0,false");
    }

    @Test
    void usageLimit() {
        assertJson(env.http.get("/1.2/usage-limit?api_key=" + key),
                "{\"limit\":\"none\",\"usage\":4,\"percentage\":\"0.00\",\"throttled\":false}");
        assertJson(post("/1.2/usage-limit", form("api_key", key, "extended", "true")),
                "{\"limit\":\"none\",\"usage\":4,\"percentage\":\"0.00\",\"throttled\":false,"
                        + "\"notice_level\":\"NOTICE_NONE\",\"upgrade\":false}");
    }

    @Test
    void getStatsAndGetKeyStats() {
        String all = "{\"spam\":2,\"ham\":2,\"missed_spam\":1,\"false_positives\":0,\"accuracy\":\"75.00\","
                + "\"time_saved\":100,\"breakdown\":{\"" + month + "\":{\"spam\":\"2\",\"ham\":\"2\",\"missed_spam\":\"1\","
                + "\"false_positives\":\"0\",\"blogs\":\"2\",\"da\":\"" + month + "-01\"}}}";
        assertJson(post("/1.1/get-stats", form("key", key, "blog", "https://a.example", "from", "all")), all);
        assertJson(post("/1.2/get-key-stats", form("key", key, "from", "all")), all);

        Response six = post("/1.1/get-stats", form("key", key, "from", "6-months"));
        assertThat(six.text()).startsWith("{\"spam\":2,\"ham\":2,\"missed_spam\":1,\"false_positives\":0,\"accuracy\":\"75.00\"")
                .contains("\"" + YearMonth.parse(month).minusMonths(5) + "\":{\"spam\":\"0\"")
                .doesNotContain("\"" + YearMonth.parse(month).minusMonths(6) + "\"")
                .endsWith("\"" + month + "\":{\"spam\":\"2\",\"ham\":\"2\",\"missed_spam\":\"1\",\"false_positives\":\"0\","
                        + "\"blogs\":\"2\",\"da\":\"" + month + "-01\"}}}");
    }

    @Test
    void statsOfAnotherKeyAreItsOwn() {
        assertJson(env.http.get("/1.2/usage-limit?api_key=" + env.key),
                "{\"limit\":\"none\",\"usage\":0,\"percentage\":\"0.00\",\"throttled\":false}");
    }
}
