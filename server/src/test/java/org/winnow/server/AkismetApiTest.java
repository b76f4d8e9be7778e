package org.winnow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.server.TestEnv.BLOG;
import static org.winnow.server.TestEnv.FRIENDLY;
import static org.winnow.server.TestEnv.THANKS;
import static org.winnow.server.TestEnv.comment;
import static org.winnow.server.TestEnv.form;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.server.RawHttp.Response;
import org.winnow.store.Checks.Check;

/** The Akismet wire dialect, byte for byte, over real HTTP on loopback. */
class AkismetApiTest {

    static final String BAD = "0badbadbad00";
    static final String TEXT = "text/plain; charset=utf-8";

    @TempDir static Path dir;
    static TestEnv env;
    static String key;

    @BeforeAll
    static void start() {
        env = TestEnv.start(dir);
        key = env.key;
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static Response post(String path, String body, String... headers) {
        return env.http.post(path, body, headers);
    }

    /** HTTP 200, exact body, text/plain; charset=utf-8, matching Content-Length, no chunking. */
    static void assertText(Response r, String body) {
        assertThat(r.status()).as(r.statusLine()).isEqualTo(200);
        assertThat(r.text()).isEqualTo(body);
        assertThat(r.header("content-type")).isEqualTo(TEXT);
        assertThat(r.header("content-length")).isEqualTo(Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        assertThat(r.chunked()).isFalse();
    }

    static void assertSuccess(Response r, String body) {
        assertText(r, body);
        assertThat(r.header("x-akismet-debug-help")).isNull();
        assertThat(r.header("x-akismet-alert-code")).isNull();
        assertThat(r.header("x-akismet-error")).isNull();
    }

    static String guidOf(Response r) {
        String guid = r.header("x-akismet-guid");
        assertThat(guid).matches("[0-9a-f]{32}");
        return guid;
    }

    static Check stored(Response r) {
        return env.store.checks().byGuid(guidOf(r)).orElseThrow();
    }

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    // ---- verify-key ------------------------------------------------------------------------

    @Test
    void verifyKeyValidWithKeyOrApiKey() {
        assertSuccess(post("/1.1/verify-key", form("key", key, "blog", BLOG)), "valid");
        assertSuccess(post("/1.1/verify-key", form("api_key", key, "blog", BLOG + "/")), "valid");
        assertSuccess(env.http.get("/1.1/verify-key?key=" + key + "&blog=" + BLOG), "valid");
    }

    @Test
    void verifyKeyInvalidCarriesDebugHelp() {
        Response bad = post("/1.1/verify-key", form("key", BAD, "blog", BLOG));
        assertText(bad, "invalid");
        assertThat(bad.header("x-akismet-debug-help")).isNotBlank();
        Response none = post("/1.1/verify-key", form("blog", BLOG));
        assertText(none, "invalid");
        assertThat(none.header("x-akismet-debug-help")).isEqualTo("Empty \"key\" value");
    }

    @Test
    void verifyKeyTestsKeyBeforeApiKeyLikeWordPressSendsThem() {
        assertSuccess(post("/1.1/verify-key", form("key", key, "api_key", BAD, "blog", BLOG)), "valid");
        assertText(post("/1.1/verify-key", form("key", BAD, "api_key", key, "blog", BLOG)), "invalid");
        // WordPress appends its stored key to the query string
        assertSuccess(post("/1.1/verify-key?api_key=" + BAD, form("key", key, "blog", BLOG)), "valid");
    }

    @Test
    void verifyKeyOverHttp10HasContentLengthAndNoChunking() {
        Response r = env.http.send("POST", "/1.1/verify-key", "HTTP/1.0",
                form("key", key, "blog", BLOG).getBytes(StandardCharsets.UTF_8),
                "Host", "rest.akismet.com", "User-Agent", "WordPress/6.7.1 | Akismet/5.4",
                "Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        assertSuccess(r, "valid");
        assertThat(r.header("transfer-encoding")).isNull();
    }

    // ---- comment-check: verdicts and headers -----------------------------------------------

    @Test
    void guaranteedSpamAuthorIsTrueWithGuidAndNoProTip() {
        Response r = post("/1.1/comment-check", "api_key=" + key + "&is_test=1&"
                + comment("akismet-guaranteed-spam", "hello"));
        assertSuccess(r, "true");
        guidOf(r);
        assertThat(r.header("x-akismet-pro-tip")).isNull();
        assertThat(r.header("content-length")).isEqualTo("4");
    }

    @Test
    void otherSpamTriggers() {
        assertSuccess(post("/1.1/comment-check", "api_key=" + key + "&is_test=1&"
                + TestEnv.commentWithEmail("Jane Doe", "akismet-guaranteed-spam@example.com", FRIENDLY)), "true");
        assertSuccess(post("/1.1/comment-check", "api_key=" + key + "&is_test=1&"
                + comment("viagra-test-123", "hello")), "true");
    }

    @Test
    void administratorBeatsTheSpamTrigger() {
        Response r = post("/1.1/comment-check", "api_key=" + key + "&is_test=1&"
                + comment("akismet-guaranteed-spam", "hello", "user_role", "administrator"));
        assertSuccess(r, "false");
        guidOf(r);
    }

    @Test
    void ordinaryCommentIsHamWithGuidAndIsRecorded() {
        Response r = post("/1.1/comment-check", "api_key=" + key + "&is_test=1&" + comment("Jane Doe", FRIENDLY));
        assertSuccess(r, "false");
        Check c = stored(r);
        assertThat(c.verdict()).isEqualTo("ham");
        assertThat(c.test()).isTrue();
        assertThat(c.score()).isBetween(0.0, 0.5);
        assertThat(c.comment()).contains("\"comment_content\":\"" + FRIENDLY + "\"");
        assertThat(c.explanation()).startsWith("{\"label\":\"ham\"");
        assertThat(c.matchKey()).hasSize(64);
    }

    @Test
    void honeypotGivesDiscardProTipButNeverForTestTriggers() {
        Response r = post("/1.1/comment-check", "api_key=" + key + "&is_test=1&"
                + comment("Jane Doe", "Nice post!", "honeypot_field_name", "hp_field", "hp_field", "I am a bot"));
        assertSuccess(r, "true");
        assertThat(r.header("x-akismet-pro-tip")).isEqualTo("discard");
        assertThat(stored(r).verdict()).isEqualTo("discard");
        assertThat(stored(r).comment()).contains("\"honeypot_value\":\"I am a bot\"");

        Response t = post("/1.1/comment-check", "api_key=" + key + "&is_test=1&"
                + comment("akismet-guaranteed-spam", "x", "POST_ak_hp_textarea", "filled"));
        assertSuccess(t, "true");
        assertThat(t.header("x-akismet-pro-tip")).isNull();
    }

    @Test
    void missingUserIpAndMissingBlogAreAkismetErrors() {
        Response noIp = post("/1.1/comment-check", form("api_key", key, "blog", BLOG, "comment_content", "hi"));
        assertText(noIp, "Missing required field: user_ip.");
        assertThat(noIp.header("x-akismet-debug-help")).isEqualTo("Empty \"user_ip\" value");
        guidOf(noIp);
        Response noBlog = post("/1.1/comment-check", form("api_key", key, "user_ip", "203.0.113.7"));
        assertText(noBlog, "Missing required field: blog.");
        assertThat(noBlog.header("x-akismet-debug-help")).isEqualTo("Empty \"blog\" value");
    }

    // ---- every place a key can arrive ------------------------------------------------------

    @Test
    void keyInEveryPlaceClientsPutIt() {
        String spam = "is_test=1&" + comment("akismet-guaranteed-spam", "hello");
        assertSuccess(post("/1.1/comment-check", "key=" + key + "&" + spam), "true");
        assertSuccess(post("/1.1/comment-check?api_key=" + key, spam), "true");
        assertSuccess(post("/1.1/comment-check", spam, "Host", key + ".localhost:" + env.port()), "true");
        assertSuccess(post("/1.1/comment-check", spam, "Host", key + ".rest.akismet.com"), "true");
        assertSuccess(post("/1.1/comment-check", spam, "Host", key.toUpperCase() + ".Rest.Akismet.com"), "true");
        assertSuccess(post("/1.1/comment-check", spam, "Authorization", basic(key + ":")), "true");
        assertSuccess(post("/1.1/comment-check", spam, "Authorization", basic(key + ".:")), "true");
        assertSuccess(post("/1.1/comment-check", spam, "Authorization", basic(key + ".:undefined")), "true");
    }

    @Test
    void badOrMissingKeysAreInvalidWithDebugHelpInEveryPlace() {
        String spam = "is_test=1&" + comment("akismet-guaranteed-spam", "hello");
        for (Response r : new Response[] {
                post("/1.1/comment-check", "api_key=" + BAD + "&" + spam),
                post("/1.1/comment-check", spam, "Host", BAD + ".localhost:" + env.port()),
                post("/1.1/comment-check", spam, "Authorization", basic(BAD + ".:undefined")),
                post("/1.1/comment-check", spam, "Host", "rest.akismet.com"),
                post("/1.1/comment-check", spam, "Authorization", basic(key + ":a-real-password")),
                post("/1.1/comment-check", "api_key=" + "x".repeat(5000) + "&" + spam)}) {
            assertText(r, "invalid");
            assertThat(r.header("x-akismet-debug-help")).isNotBlank();
        }
        // the body key is the one tested: a bad one there is not rescued by a good Host label
        assertText(post("/1.1/comment-check", "api_key=" + BAD + "&" + spam, "Host", key + ".rest.akismet.com"),
                "invalid");
    }

    @Test
    void everyEndpointSaysInvalidForABadKey() {
        for (String path : new String[] {"/1.1/verify-key", "/1.1/comment-check", "/1.1/submit-spam", "/1.1/submit-ham",
                "/1.2/key-sites", "/1.2/usage-limit", "/1.1/get-subscription", "/1.1/get-stats", "/1.2/get-key-stats",
                "/1.1/token", "/1.1/deactivate", "/deactivate", "/1.1/verify-wpcom-key"}) {
            Response r = post(path, "api_key=" + BAD + "&key=" + BAD + "&" + comment("Jane Doe", "hi"));
            assertThat(r.text()).as(path).isEqualTo("invalid");
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("x-akismet-debug-help")).as(path).isNotBlank();
        }
    }

    // ---- request encodings -------------------------------------------------------------------

    @Test
    void wordPressShapedRequestOverHttp10() {
        String body = "api_key=" + key + "&" + comment("akismet-guaranteed-spam", "hello",
                "is_test", "true", "comment_post_ID", "1", "blog_lang", "en_US", "blog_charset", "UTF-8",
                "comment_context[0]", "news", "comment_context[1]", "tips", "POST_ak_js", "1712345678901",
                "POST_ak_hp_textarea", "", "HTTP_ACCEPT", "text/html", "REQUEST_URI", "/wp-comments-post.php",
                "comment_date_gmt", "2025-01-02 03:04:05", "akismet_comment_nonce", "passed")
                + "&comment_author_url&user_role&";
        Response r = env.http.send("POST", "/1.1/comment-check", "HTTP/1.0", body.getBytes(StandardCharsets.UTF_8),
                "Host", "rest.akismet.com", "User-Agent", "WordPress/6.7.1 | Akismet/5.4",
                "Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        assertSuccess(r, "true");
        assertThat(r.header("transfer-encoding")).isNull();
        Check c = stored(r);
        assertThat(c.comment()).contains("\"comment_context\":[\"news\",\"tips\"]")
                .contains("\"comment_date_gmt\":\"2025-01-02 03:04:05\"").contains("\"comment_post_ID\":\"1\"")
                .doesNotContain("comment_author_url").doesNotContain("user_role");
        assertThat(c.test()).isTrue();
    }

    @Test
    void isoLatin1BodyDecodedWithTheDeclaredCharset() {
        String body = "api_key=" + key + "&is_test=1&blog=" + BLOG + "&user_ip=203.0.113.7"
                + "&comment_author=J%FCrgen+Gro%DF&comment_content=Gr%FC%DFe+aus+K%F6ln";
        Response r = post("/1.1/comment-check", body, "Content-Type", "application/x-www-form-urlencoded; charset=ISO-8859-1");
        assertThat(r.text()).isIn("true", "false");
        assertThat(stored(r).comment()).contains("\"comment_author\":\"Jürgen Groß\"")
                .contains("\"comment_content\":\"Grüße aus Köln\"");

        Response viaBlogCharset = post("/1.1/comment-check", body + "&blog_charset=ISO-8859-1");
        assertThat(stored(viaBlogCharset).comment()).contains("\"comment_author\":\"Jürgen Groß\"");
    }

    @Test
    void utf8AndUnknownCharsetsStillGetAnAnswer() {
        Response r = post("/1.1/comment-check", "api_key=" + key + "&is_test=1&"
                + comment("Jürgen Groß", "Grüße aus Köln — danke für den Artikel! 谢谢"),
                "Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(r.text()).isIn("true", "false");
        assertThat(stored(r).comment()).contains("Grüße aus Köln — danke für den Artikel! 谢谢");

        Response odd = post("/1.1/comment-check", "api_key=" + key + "&is_test=1&" + comment("Jane Doe", "hi"),
                "Content-Type", "application/x-www-form-urlencoded; charset=klingon-8");
        assertThat(odd.status()).isEqualTo(200);
        assertThat(odd.text()).isIn("true", "false");
    }

    @Test
    void pathsTheFastHandlerPassesOnGetTheSameAnswersFromJavalin() {
        // The exact paths are answered in front of Javalin (AkismetHandler); a trailing slash is not,
        // so it exercises the Javalin routes: same bytes, and the check is recorded before the answer.
        for (String path : new String[] {"/1.1/comment-check", "/1.2/comment-check/"}) {
            Response r = post(path, "api_key=" + key + "&is_test=1&" + comment("Jane Doe", FRIENDLY + " " + path));
            assertSuccess(r, "false");
            assertThat(stored(r).verdict()).as(path).isEqualTo("ham");
            Response bad = post(path, form("api_key", BAD, "blog", BLOG, "user_ip", "192.0.2.1"));
            assertText(bad, "invalid");
            assertThat(bad.header("x-akismet-debug-help")).isEqualTo("Invalid API key");
            guidOf(bad);
        }
        assertSuccess(env.http.get("/1.1/test/"), "connected");
        Response put = env.http.send("PUT", "/1.1/comment-check", "HTTP/1.1", new byte[0]);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.text()).isEqualTo("Method not allowed.");
    }

    @Test
    void getWorksAsWellAsPost() {
        Response r = env.http.get("/1.1/comment-check?api_key=" + key + "&is_test=1&"
                + comment("akismet-guaranteed-spam", "hello"));
        assertSuccess(r, "true");
        guidOf(r);
    }

    @Test
    void noContentTypeAndRakismetStyleUnencodedBodies() {
        Response r = env.http.send("POST", "/1.1/verify-key", "HTTP/1.1",
                ("key=" + key + "&blog=http://blog.example.com/a b").getBytes(StandardCharsets.UTF_8));
        assertSuccess(r, "valid");
    }

    // ---- submit-spam / submit-ham ------------------------------------------------------------

    @Test
    void submitsAnswerThanksExactly() {
        for (String m : new String[] {"submit-spam", "submit-ham"}) {
            assertSuccess(post("/1.1/" + m, "api_key=" + key + "&is_test=1&comment_check_response=false&"
                    + comment("Jane Doe", FRIENDLY)), THANKS);
            assertSuccess(post("/1.1/" + m, "is_test=1&" + comment("Jane Doe", FRIENDLY),
                    "Host", key + ".localhost:" + env.port()), THANKS);
        }
    }

    @Test
    void submitWithoutBlogOrGuidSaysBlogIsMissing() {
        Response r = post("/1.1/submit-spam", form("api_key", key, "comment_content", "orphan", "user_ip", "1.2.3.4"));
        assertText(r, "Missing required field: blog.");
        assertThat(r.header("x-akismet-debug-help")).isEqualTo("Empty \"blog\" value");
    }

    // ---- WordPress's private endpoints -------------------------------------------------------

    @Test
    void connectedDeactivatedTokenAndCompatiblePlugins() {
        assertSuccess(env.http.get("/1.1/test"), "connected");
        assertSuccess(post("/1.1/test", ""), "connected");
        assertSuccess(post("/1.1/deactivate", form("key", key, "blog", BLOG)), "deactivated");
        assertSuccess(post("/deactivate", form("key", key, "blog", BLOG)), "deactivated");

        Response t1 = post("/1.1/token", form("api_key", key));
        Response t2 = post("/1.1/token", form("api_key", key));
        assertThat(t1.status()).isEqualTo(200);
        assertThat(t1.text()).matches("[0-9a-f]{32}").isNotEqualTo(t2.text());

        Response p = env.http.get("/1.2/compatible-plugins");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.text()).isEqualTo("[]");
        assertThat(p.header("content-type")).isEqualTo("application/json");
        assertThat(p.header("content-length")).isEqualTo("2");

        Response w = post("/1.1/verify-wpcom-key", form("api_key", key, "user_id", "1"));
        assertText(w, "invalid");
        assertThat(w.header("x-akismet-debug-help")).isNotBlank();
    }

    @Test
    void getSubscriptionIsActiveForAGoodKey() {
        long id = env.store.keys().verify(key).orElseThrow().id();
        Response r = post("/1.1/get-subscription", form("key", key, "blog", BLOG, "api_key", BAD));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"account_id\":" + id + ",\"account_type\":\"self-hosted\",\"account_name\":"
                + "\"Winnow\",\"status\":\"active\",\"next_billing_date\":false,\"limit_reached\":false}");
        assertThat(r.header("x-akismet-debug-help")).isNull();
    }
}
