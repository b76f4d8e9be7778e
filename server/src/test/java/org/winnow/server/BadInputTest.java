package org.winnow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.server.TestEnv.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.server.RawHttp.Response;
import org.winnow.store.Checks.Check;
import org.winnow.store.Corrections.Correction;

/** Whatever arrives, the answer is never a 5xx or a stack trace, and nothing stored is damaged. */
class BadInputTest {

    static final ObjectMapper JSON = new ObjectMapper();

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

    static void assertNoServerError(Response r, String what) {
        assertThat(r.status()).as(what + " -> " + r.statusLine()).isLessThan(500);
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).as(what).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.");
    }

    Map<String, String> recordSomeChecks() {
        Map<String, String> byGuid = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            Response r = env.http.post("/1.1/comment-check", "api_key=" + env.key + "&"
                    + TestEnv.comment("Known " + i, "A known comment number " + i + " with ümlauts and 谢谢"));
            String guid = r.header("x-akismet-guid");
            byGuid.put(guid, env.store.checks().byGuid(guid).orElseThrow().comment());
        }
        env.http.post("/1.1/submit-spam", "api_key=" + env.key + "&" + TestEnv.comment("Known 0",
                "A known comment number 0 with ümlauts and 谢谢"));
        return byGuid;
    }

    void assertStoreIntact(Map<String, String> before) throws Exception {
        for (Map.Entry<String, String> e : before.entrySet()) {
            Check c = env.store.checks().byGuid(e.getKey()).orElseThrow();
            assertThat(c.comment()).isEqualTo(e.getValue());
        }
        for (Correction c : env.store.corrections().after(0, 10_000)) {
            JsonNode n = JSON.readTree(c.comment());
            assertThat(n.isObject()).isTrue();
        }
        assertThat(env.store.ping()).isTrue();
    }

    // ---- fuzz -------------------------------------------------------------------------------

    static final String[] PATHS = {"/1.1/comment-check", "/1.1/verify-key", "/1.1/submit-spam", "/1.1/submit-ham",
            "/1.2/key-sites", "/1.2/usage-limit", "/1.1/get-stats", "/1.2/get-key-stats", "/1.1/get-subscription",
            "/1.1/token", "/deactivate", "/1.1/test", "/1.2/compatible-plugins", "/1.1/verify-wpcom-key",
            "/api/v1/check", "/api/v1/feedback", "/healthz", "/readyz", "/", "/1.1/", "/1.3/comment-check",
            "/1.1/comment-check/", "//1.1//comment-check", "/1.1/comment-check?%zz=%", "/..%2f..%2fetc%2fpasswd",
            "/1.1/comment-check/../verify-key", "/%00", "/%C3%BC", "/api/v1/check?api_key=%ff", "/1.1/%2e%2e/verify-key",
            "/" + "a".repeat(3000), "/1.2/key-sites?format=csv&limit=-5&offset=99999999999&month=2024-13",
            "/1.1/get-stats?from=forever", "/1.2/key-sites?order=drop+table&filter=%00"};
    /** The endpoints that exist (the first entries of PATHS), picked most of the time. */
    static final int REAL_PATHS = 16;
    static final String[] METHODS = {"GET", "GET", "POST", "POST", "POST", "POST", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS", "HEAD", "TRACE"};
    static final String[] TYPES = {null, "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=utf-16",
            "application/x-www-form-urlencoded; charset=bogus", "application/x-www-form-urlencoded; charset=",
            "application/json", "application/json; charset=UTF-16", "application/json; charset=nope",
            "multipart/form-data; boundary=x", "text/plain", "garbage;;;=", "application/vnd.winnow+json"};
    static final String[] FIELDS = {"api_key", "key", "blog", "user_ip", "user_agent", "referrer", "permalink",
            "comment_type", "comment_author", "comment_author_email", "comment_author_url", "comment_content",
            "comment_date_gmt", "comment_post_modified_gmt", "blog_lang", "blog_charset", "user_role", "is_test",
            "honeypot_field_name", "honeypot_field_value", "POST_ak_js", "POST_ak_hp_textarea", "guid",
            "comment_context[]", "comment_context[0]", "month", "limit", "offset", "format", "from", "order", "filter"};

    String randomValue(Random rnd) {
        return switch (rnd.nextInt(9)) {
            case 0 -> "";
            case 1 -> env.key;
            case 2 -> "%" + Integer.toHexString(rnd.nextInt(256)) + "%zz%";
            case 3 -> "x".repeat(rnd.nextInt(5000));
            case 4 -> "%00%FF%FE%ED%A0%80";
            case 5 -> Long.toString(rnd.nextLong());
            case 6 -> "https://" + rnd.nextInt(1000) + ".example/" + "%20".repeat(rnd.nextInt(5));
            case 7 -> "akismet-guaranteed-spam";
            default -> "Grüße+%E8%B0%A2+" + rnd.nextInt();
        };
    }

    byte[] randomBody(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return null;
            case 1: {
                byte[] b = new byte[rnd.nextInt(3000)];
                rnd.nextBytes(b);
                return b;
            }
            case 2:
            case 3: {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(30);
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(rnd.nextInt(10) == 0 ? "&&" : "&");
                    sb.append(FIELDS[rnd.nextInt(FIELDS.length)]);
                    if (rnd.nextInt(8) != 0) sb.append('=').append(randomValue(rnd));
                }
                return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
            case 4: {
                String[] json = {"{", "}", "[", "]", "\"site\":", "\"content\":", "\"spam\":", "true", "null", "1e999",
                        "\"\\ud800\"", "\"" + env.key + "\"", ",", ":", "\"api_key\":", "{\"a\":" , "\"guid\":"};
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(40);
                for (int i = 0; i < n; i++) sb.append(json[rnd.nextInt(json.length)]);
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            default:
                return ("{\"api_key\":\"" + env.key + "\",\"site\":\"https://f.example\",\"content\":\"" + randomValue(rnd)
                        + "\",\"spam\":" + rnd.nextBoolean() + ",\"guid\":\"" + randomValue(rnd) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void fuzzedRequestsNeverGetAServerErrorAndStoredDataSurvives() throws Exception {
        Map<String, String> before = recordSomeChecks();
        Random rnd = new Random(20251125L);
        for (int i = 0; i < 400; i++) {
            String method = METHODS[rnd.nextInt(METHODS.length)];
            String path = rnd.nextInt(10) < 7 ? PATHS[rnd.nextInt(REAL_PATHS)] : PATHS[rnd.nextInt(PATHS.length)];
            if (rnd.nextInt(4) == 0) path += (path.contains("?") ? "&" : "?") + "api_key=" + env.key + "&blog=" + randomValue(rnd);
            byte[] body = randomBody(rnd);
            List<String> headers = new ArrayList<>();
            String type = TYPES[rnd.nextInt(TYPES.length)];
            if (type != null) headers.addAll(List.of("Content-Type", type));
            switch (rnd.nextInt(6)) {
                case 0 -> headers.addAll(List.of("Host", env.key + ".rest.akismet.com"));
                case 1 -> headers.addAll(List.of("Host", "0badbadbad00.localhost"));
                case 2 -> headers.addAll(List.of("Authorization", "Basic " + randomValue(rnd).replace("%", "")));
                case 3 -> headers.addAll(List.of("Authorization", "Bearer " + env.key));
                default -> { }
            }
            String version = rnd.nextInt(5) == 0 ? "HTTP/1.0" : "HTTP/1.1";
            String what = method + " " + path + " " + version + " " + type + " body=" + (body == null ? -1 : body.length);
            Response r = env.http.send(method, path, version, body, headers.toArray(String[]::new));
            assertNoServerError(r, "#" + i + " " + what);
        }
        assertStoreIntact(before);
    }

    // ---- targeted cases ---------------------------------------------------------------------

    @Test
    void oversizedBodiesGet413PlainText() {
        String big = "api_key=" + env.key + "&comment_content=" + "a".repeat(2 * 1024 * 1024);
        Response r = env.http.post("/1.1/comment-check", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.text()).isEqualTo("Request body too large: the limit is 1048576 bytes.");
        // chunked, without a Content-Length, is counted as it arrives
        byte[] chunk = ("a".repeat(0x8000)).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            chunked.writeBytes("8000\r\n".getBytes(StandardCharsets.US_ASCII));
            chunked.writeBytes(chunk);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Response c = env.http.send("POST", "/1.1/comment-check", "HTTP/1.1", chunked.toByteArray(),
                "Transfer-Encoding", "chunked", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(c.status()).isEqualTo(413);
        // a client that waits for "100 Continue" is told 413 without sending the body at all
        Response expect = env.http.send("POST", "/1.1/comment-check", "HTTP/1.1", new byte[0],
                "Content-Length", "5000000", "Expect", "100-continue", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(expect.status()).isEqualTo(413);
        assertThat(expect.text()).startsWith("Request body too large");
    }

    @Test
    void chunkedBodiesWorkAndBrokenChunkingIsRejectedCleanly() {
        byte[] body = ("api_key=" + env.key + "&is_test=1&" + TestEnv.comment("akismet-guaranteed-spam", "x"))
                .getBytes(StandardCharsets.UTF_8);
        byte[] chunked = (Integer.toHexString(body.length) + "\r\n" + new String(body, StandardCharsets.ISO_8859_1)
                + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Response ok = env.http.send("POST", "/1.1/comment-check", "HTTP/1.1", chunked,
                "Transfer-Encoding", "chunked", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text()).isEqualTo("true");

        Response broken = env.http.send("POST", "/1.1/comment-check", "HTTP/1.1",
                "zz\r\nnot a chunk\r\n".getBytes(StandardCharsets.US_ASCII),
                "Transfer-Encoding", "chunked", "Content-Type", "application/x-www-form-urlencoded");
        assertNoServerError(broken, "broken chunking");
        assertThat(broken.status()).isEqualTo(400);
    }

    @Test
    void hugeFieldsAreCappedAndUnstorableCharactersCleaned() throws Exception {
        Response r = env.http.post("/1.1/comment-check", form("api_key", env.key, "blog", TestEnv.BLOG,
                "user_ip", "203.0.113.7", "comment_content", "c".repeat(300_000), "comment_author", "a".repeat(10_000),
                "comment_author_email", "nul\u0000inside@example.org", "user_agent", "x".repeat(9000)));
        assertThat(r.status()).isEqualTo(200);
        JsonNode stored = JSON.readTree(env.store.checks().byGuid(r.header("x-akismet-guid")).orElseThrow().comment());
        assertThat(stored.get("comment_content").asText()).hasSize(64 * 1024);
        assertThat(stored.get("comment_author").asText()).hasSize(2 * 1024);
        assertThat(stored.get("user_agent").asText()).hasSize(2 * 1024);
        assertThat(stored.get("comment_author_email").asText()).isEqualTo("nulinside@example.org");

        NativeAnswer a = nativeCheck("{\"site\":\"" + TestEnv.BLOG + "\",\"author\":\"lone \\ud800 surrogate\\u0000\","
                + "\"content\":\"ok\"}");
        assertThat(a.status).isEqualTo(200);
        String guid = JSON.readTree(a.body).get("guid").asText();
        assertThat(JSON.readTree(env.store.checks().byGuid(guid).orElseThrow().comment()).get("comment_author").asText())
                .isEqualTo("lone \uFFFD surrogate");
    }

    record NativeAnswer(int status, String body) {}

    NativeAnswer nativeCheck(String json) {
        Response r = env.http.send("POST", "/api/v1/check", "HTTP/1.1", json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Authorization", "Bearer " + env.key);
        return new NativeAnswer(r.status(), r.text());
    }

    @Test
    void pathologicalJsonIsA400() {
        assertThat(nativeCheck("[".repeat(50_000)).status).isEqualTo(400);
        assertThat(nativeCheck("{\"site\":\"" + TestEnv.BLOG + "\",\"content\":" + "9".repeat(5000) + "}").status)
                .isLessThan(500);
        assertThat(nativeCheck("{\"site\":{\"nested\":true},\"content\":[1,2]}").status).isEqualTo(400);
    }

    @Test
    void manyBareFieldsAndOddHeadersAreFine() {
        String body = "api_key=" + env.key + "&is_test=1&" + TestEnv.comment("akismet-guaranteed-spam", "x") + "&"
                + "a&".repeat(200_000);
        Response r = env.http.post("/1.1/comment-check", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("true");
        // HTTP/1.0 without any Host header
        Response noHost = env.http.exchange(("GET /1.1/test HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(noHost.status()).isEqualTo(200);
        assertThat(noHost.text()).isEqualTo("connected");
        // an unparseable request line gets Jetty's short plain-text 400
        Response garbage = env.http.exchange("\u0001\u0002 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertNoServerError(garbage, "garbage request line");
    }

    @Test
    void wrongMethodsOnKnownPathsAre405() {
        Response put = env.http.send("PUT", "/1.1/comment-check", "HTTP/1.1", new byte[0]);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(put.text()).isEqualTo("Method not allowed.");
        Response get = env.http.get("/api/v1/check");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.text()).isEqualTo("{\"error\":\"method not allowed\"}");
        Response del = env.http.send("DELETE", "/healthz", "HTTP/1.1", null);
        assertThat(del.status()).isEqualTo(405);
    }

    @Test
    void aStoreThatIsGoneGivesAShort503NotAStackTrace() {
        env.store.close();
        Response check = env.http.post("/1.1/comment-check", "api_key=" + env.key + "&" + TestEnv.comment("Jane", "hi"));
        assertThat(check.status()).isEqualTo(503);
        assertThat(check.text()).isEqualTo("Service temporarily unavailable, try again later.");
        Response ready = env.http.get("/readyz");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.text()).contains("\"status\":\"unavailable\"");
        assertThat(env.http.get("/healthz").status()).isEqualTo(200);
    }
}
