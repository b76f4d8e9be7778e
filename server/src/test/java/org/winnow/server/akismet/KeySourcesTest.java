package org.winnow.server.akismet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.winnow.server.http.FormData;

class KeySourcesTest {

    private static final String KEY = "abc123def456";

    private static FormData form(String body) {
        return FormData.parse(null, body.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void apiKeyBeforeKeyExceptWhereKeyIsTheOneTested() {
        FormData f = form("api_key=111111111111&key=222222222222");
        assertThat(KeySources.find(f, null, null, false)).isEqualTo("111111111111");
        assertThat(KeySources.find(f, null, null, true)).isEqualTo("222222222222");
        assertThat(KeySources.find(form("key=" + KEY), null, null, false)).isEqualTo(KEY);
        assertThat(KeySources.find(form("api_key=" + KEY), null, null, true)).isEqualTo(KEY);
    }

    @Test
    void formBeatsHostAndHostBeatsBasicAuth() {
        assertThat(KeySources.find(form("api_key=" + KEY), "999999999999.rest.akismet.com", basic("888888888888.:"), false))
                .isEqualTo(KEY);
        assertThat(KeySources.find(form(""), "999999999999.rest.akismet.com", basic("888888888888.:"), false))
                .isEqualTo("999999999999");
        assertThat(KeySources.find(form(""), "rest.akismet.com", basic("888888888888.:"), false))
                .isEqualTo("888888888888");
    }

    @Test
    void hostLabelOnlyWhenItIsAWellFormedKeyFollowedByMore() {
        assertThat(KeySources.fromHost(KEY + ".rest.akismet.com")).isEqualTo(KEY);
        assertThat(KeySources.fromHost(KEY + ".localhost:8080")).isEqualTo(KEY);
        assertThat(KeySources.fromHost("ABC123DEF456.Example.COM")).isEqualTo(KEY);
        assertThat(KeySources.fromHost("rest.akismet.com")).isNull();
        assertThat(KeySources.fromHost("localhost:8080")).isNull();
        assertThat(KeySources.fromHost("127.0.0.1:8080")).isNull();
        assertThat(KeySources.fromHost("[::1]:8080")).isNull();
        assertThat(KeySources.fromHost(KEY)).isNull();
        assertThat(KeySources.fromHost("abc123def45.localhost")).isNull(); // 11 characters
        assertThat(KeySources.fromHost("abc123def45g.localhost")).isNull(); // not hex
        assertThat(KeySources.fromHost(null)).isNull();
    }

    @Test
    void basicAuthUserWithTrailingDotStrippedWhenPasswordIsEmptyOrUndefined() {
        assertThat(KeySources.fromBasicAuth(basic(KEY + ".:undefined"))).isEqualTo(KEY);
        assertThat(KeySources.fromBasicAuth(basic(KEY + ".:"))).isEqualTo(KEY);
        assertThat(KeySources.fromBasicAuth(basic(KEY + ":"))).isEqualTo(KEY);
        assertThat(KeySources.fromBasicAuth(basic(KEY))).isEqualTo(KEY);
        assertThat(KeySources.fromBasicAuth("basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes())))
                .isEqualTo(KEY);
        assertThat(KeySources.fromBasicAuth(basic(KEY + ":secret"))).isNull();
        assertThat(KeySources.fromBasicAuth(basic(".:undefined"))).isNull();
        assertThat(KeySources.fromBasicAuth("Basic !!!not-base64")).isNull();
        assertThat(KeySources.fromBasicAuth("Bearer " + KEY)).isNull();
        assertThat(KeySources.fromBasicAuth(null)).isNull();
    }

    @Test
    void keysAreTrimmedAndLowerCased() {
        assertThat(KeySources.find(form("api_key=+ABC123DEF456+"), null, null, false)).isEqualTo(KEY);
        assertThat(KeySources.find(form("api_key=&key=" + KEY), null, null, false)).isEqualTo(KEY);
        assertThat(KeySources.find(form(""), null, null, false)).isNull();
    }
}
