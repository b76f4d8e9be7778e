package org.winnow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native JSON API and the health probes, through the JDK's own HTTP client. */
class NativeApiTest {

    @TempDir static Path dir;
    static TestEnv env;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        env = TestEnv.start(dir, TestEnv.defaultConfig().withMaxRequestBytes(64 * 1024));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static Answer send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(env.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body(), r);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Answer post(String path, String json, String... headers) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    static String bearer() {
        return "Bearer " + env.key;
    }

    static void assertError(Answer a, int status, String messagePart) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).isEqualTo("application/json");
        assertThat(a.json().get("error").asText()).contains(messagePart);
        assertThat(a.json().size()).isEqualTo(1);
    }

    @Test
    void checkAnswersVerdictScoreAndSignals() {
        Answer a = post("/api/v1/check", "{\"site\":\"" + TestEnv.BLOG + "\",\"content\":\"" + TestEnv.FRIENDLY + "\","
                + "\"author\":\"Jane Doe\",\"author_email\":\"jane@example.org\",\"user_ip\":\"203.0.113.7\"}",
                "Authorization", bearer());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).isEqualTo("application/json");
        assertThat(a.raw().headers().firstValue("content-length")).hasValue(
                Integer.toString(a.body().getBytes(StandardCharsets.UTF_8).length));
        JsonNode j = a.json();
        assertThat(j.get("guid").asText()).matches("[0-9a-f]{32}");
        assertThat(j.get("verdict").asText()).isEqualTo("ham");
        assertThat(j.get("spam").asBoolean()).isFalse();
        assertThat(j.get("score").asDouble()).isBetween(0.0, 0.5);
        assertThat(j.get("signals").isArray()).isTrue();
        for (JsonNode s : j.get("signals")) {
            assertThat(s.has("name") && s.has("detail") && s.has("weight")).isTrue();
        }
        assertThat(env.store.checks().byGuid(j.get("guid").asText())).isPresent();
    }

    /** The server judges with the site's recent traffic: a burst from one network shows in the signals. */
    @Test
    void aBurstFromOneNetworkIsASignalButTestTrafficDoesNotMakeOne() {
        String[] texts = {"Which version of the compiler did you use for the second example?",
                "The diagram in part two finally made the idea click for me, thanks.",
                "I ran the benchmark on my laptop and got numbers close to yours.",
                "Is there a way to do the same with the older release of the library?",
                "Small typo in the third paragraph: the function name is spelled twice.",
                "We tried this approach at work last year and it held up well under load."};
        // is_test traffic is judged but does not join the site's traffic: no burst out of it.
        for (int i = 0; i < texts.length; i++) {
            Answer a = post("/api/v1/check", "{\"site\":\"https://tests.example.net\",\"content\":\"" + texts[i]
                    + "\",\"user_ip\":\"198.51.100." + (10 + i) + "\",\"is_test\":true}", "Authorization", bearer());
            assertThat(a.status()).isEqualTo(200);
            assertThat(signalNames(a)).doesNotContain("ip_burst");
        }
        Answer last = null;
        for (int i = 0; i < texts.length; i++) {
            last = post("/api/v1/check", "{\"site\":\"https://burst.example.net\",\"content\":\"" + texts[i]
                    + "\",\"user_ip\":\"198.51.100." + (10 + i) + "\"}", "Authorization", bearer());
            assertThat(last.status()).isEqualTo(200);
            if (i == 0) assertThat(signalNames(last)).doesNotContain("ip_burst");
        }
        assertThat(signalNames(last)).contains("ip_burst");
        JsonNode burst = null;
        for (JsonNode s : last.json().get("signals")) if (s.get("name").asText().equals("ip_burst")) burst = s;
        assertThat(burst.get("detail").asText()).contains("198.51.100.0/24");
        assertThat(burst.get("weight").asDouble()).isPositive();
    }

    private static java.util.List<String> signalNames(Answer a) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode s : a.json().get("signals")) names.add(s.get("name").asText());
        return names;
    }

    @Test
    void keyInTheBodyOrQueryStringAndTestTriggers() {
        Answer a = post("/api/v1/check", "{\"api_key\":\"" + env.key + "\",\"site\":\"" + TestEnv.BLOG
                + "\",\"author\":\"akismet-guaranteed-spam\",\"content\":\"x\",\"is_test\":true}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("verdict").asText()).isEqualTo("spam");
        assertThat(a.json().get("test").asBoolean()).isTrue();
        assertThat(a.json().get("signals").get(0).get("name").asText()).isEqualTo("rule:test_trigger");

        Answer q = post("/api/v1/check?api_key=" + env.key, "{\"site\":\"" + TestEnv.BLOG
                + "\",\"author\":\"x\",\"user_role\":\"administrator\",\"content\":\"x\"}");
        assertThat(q.json().get("verdict").asText()).isEqualTo("ham");
    }

    @Test
    void feedbackByGuidIsLearnedBeforeTheAnswer() {
        String site = "https://native.example";
        String text = "Could you explain how the cache invalidation works when the nodes restart?";
        Answer first = post("/api/v1/check", "{\"site\":\"" + site + "\",\"content\":\"" + text + "\"}", "Authorization", bearer());
        assertThat(first.json().get("verdict").asText()).isEqualTo("ham");
        String guid = first.json().get("guid").asText();

        Answer fb = post("/api/v1/feedback", "{\"guid\":\"" + guid + "\",\"spam\":true}", "Authorization", bearer());
        assertThat(fb.status()).isEqualTo(200);
        assertThat(fb.json().get("learned").asBoolean()).isTrue();
        assertThat(fb.json().get("matched").asText()).isEqualTo("guid");
        assertThat(fb.json().get("guid").asText()).isEqualTo(guid);
        assertThat(fb.json().get("seq").asLong()).isPositive();

        Answer again = post("/api/v1/check", "{\"site\":\"" + site + "\",\"content\":\""
                + text.replace("restart", "reboot") + "\"}", "Authorization", bearer());
        assertThat(again.json().get("spam").asBoolean()).isTrue();
    }

    @Test
    void feedbackByFieldsAndUnmatched() {
        String site = "https://fields.example";
        String body = "\"site\":\"" + site + "\",\"content\":\"Nice write-up about queues.\",\"author\":\"Fay\",\"permalink\":\"" + site + "/q\"";
        post("/api/v1/check", "{" + body + "}", "Authorization", bearer());
        Answer fb = post("/api/v1/feedback", "{" + body + ",\"spam\":\"false\"}", "Authorization", bearer());
        assertThat(fb.json().get("matched").asText()).isEqualTo("fields");
        Answer none = post("/api/v1/feedback", "{\"site\":\"" + site + "\",\"content\":\"never seen\",\"spam\":1}",
                "Authorization", bearer());
        assertThat(none.json().get("matched").asText()).isEqualTo("none");
        assertThat(none.json().get("learned").asBoolean()).isTrue();
        Answer test = post("/api/v1/feedback", "{\"site\":\"" + site + "\",\"content\":\"t\",\"spam\":true,\"is_test\":true}",
                "Authorization", bearer());
        assertThat(test.json().get("learned").asBoolean()).isFalse();
        assertThat(test.json().get("seq").isNull()).isTrue();
    }

    @Test
    void authErrorsAre401() {
        Answer missing = post("/api/v1/check", "{\"site\":\"https://x.example\"}");
        assertError(missing, 401, "missing API key");
        assertThat(missing.raw().headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertError(post("/api/v1/check", "{\"site\":\"https://x.example\"}", "Authorization", "Bearer 0badbadbad00"), 401,
                "invalid API key");
        assertError(post("/api/v1/feedback", "{\"spam\":true}", "Authorization", "Basic Zm9vOmJhcg=="), 401, "missing");
    }

    @Test
    void badBodiesAre400() {
        assertError(post("/api/v1/check", "{\"site\":", "Authorization", bearer()), 400, "malformed JSON");
        assertError(post("/api/v1/check", "{} trailing", "Authorization", bearer()), 400, "malformed JSON");
        assertError(post("/api/v1/check", "[1,2]", "Authorization", bearer()), 400, "JSON object");
        assertError(post("/api/v1/check", "", "Authorization", bearer()), 400, "JSON object");
        assertError(post("/api/v1/check", "{\"content\":\"no site\"}", "Authorization", bearer()), 400, "site");
        assertError(post("/api/v1/check", "{\"site\":\"http://\"}", "Authorization", bearer()), 400, "site");
        assertError(post("/api/v1/feedback", "{\"guid\":\"abc\"}", "Authorization", bearer()), 400, "spam");
        assertError(post("/api/v1/feedback", "{\"spam\":\"maybe\",\"site\":\"https://x.example\"}", "Authorization", bearer()),
                400, "true or false");
        assertError(post("/api/v1/feedback", "{\"guid\":\"00000000000000000000000000000000\",\"spam\":true}",
                "Authorization", bearer()), 400, "no check with that guid");
    }

    @Test
    void wrongMediaTypesAre415AndHugeBodies413() {
        assertError(send("POST", "/api/v1/check", "application/x-www-form-urlencoded", "a=1".getBytes(),
                "Authorization", bearer()), 415, "application/json");
        assertError(send("POST", "/api/v1/check", null, "{}".getBytes(), "Authorization", bearer()), 415, "application/json");
        assertError(send("POST", "/api/v1/check", "application/json; charset=klingon", "{}".getBytes(),
                "Authorization", bearer()), 415, "charset");
        byte[] huge = ("{\"site\":\"https://x.example\",\"content\":\"" + "a".repeat(100_000) + "\"}").getBytes();
        assertError(send("POST", "/api/v1/check", "application/json", huge, "Authorization", bearer()), 413, "too large");
    }

    @Test
    void declaredCharsetsAreHonoured() {
        byte[] latin1 = ("{\"site\":\"" + TestEnv.BLOG + "\",\"content\":\"Grüße\",\"author\":\"Jürgen\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        Answer a = send("POST", "/api/v1/check", "application/json; charset=ISO-8859-1", latin1, "Authorization", bearer());
        assertThat(a.status()).isEqualTo(200);
        assertThat(env.store.checks().byGuid(a.json().get("guid").asText()).orElseThrow().comment())
                .contains("\"comment_author\":\"Jürgen\"");
    }

    @Test
    void unknownRoutesAndMethodsAreJsonUnderApiAndTextElsewhere() {
        Answer unknown = send("GET", "/api/v1/nothing", null, null);
        assertError(unknown, 404, "not found");
        Answer wrongMethod = send("GET", "/api/v1/check", null, null);
        assertError(wrongMethod, 405, "method not allowed");
        Answer text = send("GET", "/no/such/page", null, null);
        assertThat(text.status()).isEqualTo(404);
        assertThat(text.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(text.body()).isEqualTo("Not found.");
    }

    @Test
    void healthAndReadiness() {
        Answer h = send("GET", "/healthz", null, null);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.body()).isEqualTo("{\"status\":\"ok\"}");
        Answer r = send("GET", "/readyz", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ready");
        assertThat(r.json().get("store").asText()).isEqualTo("sqlite");
    }
}
