package org.winnow.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormDataTest {

    private static FormData parse(String body, String contentType) {
        return FormData.parse(null, body.getBytes(StandardCharsets.ISO_8859_1), contentType);
    }

    @Test
    void decodesPercentEscapesAndPlusAsUtf8ByDefault() {
        FormData f = parse("comment_author=J%C3%BCrgen+Gro%C3%9F&comment_content=%E8%B0%A2%E8%B0%A2", null);
        assertThat(f.get("comment_author")).isEqualTo("Jürgen Groß");
        assertThat(f.get("comment_content")).isEqualTo("谢谢");
        assertThat(f.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void usesTheCharsetTheContentTypeDeclares() {
        FormData f = parse("comment_author=J%FCrgen+Gro%DF", "application/x-www-form-urlencoded; charset=ISO-8859-1");
        assertThat(f.get("comment_author")).isEqualTo("Jürgen Groß");
        FormData quoted = parse("a=%FC", "application/x-www-form-urlencoded;charset=\"iso-8859-1\"");
        assertThat(quoted.get("a")).isEqualTo("ü");
    }

    @Test
    void fallsBackToBlogCharsetThenUtf8() {
        assertThat(parse("blog_charset=ISO-8859-1&a=%FC", "application/x-www-form-urlencoded").get("a")).isEqualTo("ü");
        // the Content-Type wins over blog_charset
        assertThat(parse("blog_charset=ISO-8859-1&a=%C3%BC", "application/x-www-form-urlencoded; charset=UTF-8")
                .get("a")).isEqualTo("ü");
        // unknown names fall through to the next choice
        assertThat(parse("a=%C3%BC", "application/x-www-form-urlencoded; charset=x-no-such-charset").get("a"))
                .isEqualTo("ü");
        assertThat(parse("blog_charset=bogus!!&a=%C3%BC", null).get("a")).isEqualTo("ü");
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        assertThat(parse("a=%FF%FEok", null).get("a")).isEqualTo("\uFFFD\uFFFDok");
    }

    @Test
    void bareNamesAreEmptyFieldsAndBrokenEscapesStayAsTheyAre() {
        FormData f = parse("comment_author_url&user_role&&x=%zz%4&y=100%&=orphan", null);
        assertThat(f.has("comment_author_url")).isTrue();
        assertThat(f.get("comment_author_url")).isEmpty();
        assertThat(f.get("user_role")).isEmpty();
        assertThat(f.get("x")).isEqualTo("%zz%4");
        assertThat(f.get("y")).isEqualTo("100%");
        assertThat(f.names()).containsExactly("comment_author_url", "user_role", "x", "y");
    }

    @Test
    void phpArraysInEverySpelling() {
        FormData f = parse("comment_context%5B0%5D=news&comment_context[1]=tips&comment_context[]=more"
                + "&comment_context=plain&comment_context[9]=&other[0]=no", null);
        assertThat(f.array("comment_context")).containsExactly("news", "tips", "more", "plain");
    }

    @Test
    void asInPhpTheLastValueWinsAndTheBodyBeatsTheQueryString() {
        FormData f = FormData.parse("api_key=fromquery&only=q&only=q2", "api_key=first&api_key=last".getBytes(),
                "application/x-www-form-urlencoded");
        assertThat(f.get("api_key")).isEqualTo("last");
        assertThat(f.get("only")).isEqualTo("q2");
        assertThat(f.firstNonBlank("missing", "only")).isEqualTo("q2");
        assertThat(f.names()).containsExactly("api_key", "only");
        // curl --data-urlencode a field twice: the second one counts
        assertThat(parse("comment_author_email=jane%40example.org&comment_author_email=akismet-guaranteed-spam%40example.com",
                null).get("comment_author_email")).isEqualTo("akismet-guaranteed-spam@example.com");
    }

    @Test
    void arraysComeFromTheBodyWhenItHasThem() {
        FormData f = FormData.parse("comment_context[0]=q", "comment_context[0]=b".getBytes(), null);
        assertThat(f.array("comment_context")).containsExactly("b");
        assertThat(FormData.parse("comment_context[0]=q", new byte[0], null).array("comment_context")).containsExactly("q");
    }

    @Test
    void flagsAcceptOneAndTrueInAnyCase() {
        assertThat(parse("a=1&b=true&c=TRUE&d=0&e=false&f=yes&g=", null))
                .satisfies(f -> {
                    assertThat(f.flag("a")).isTrue();
                    assertThat(f.flag("b")).isTrue();
                    assertThat(f.flag("c")).isTrue();
                    assertThat(f.flag("d")).isFalse();
                    assertThat(f.flag("e")).isFalse();
                    assertThat(f.flag("f")).isFalse();
                    assertThat(f.flag("g")).isFalse();
                    assertThat(f.flag("absent")).isFalse();
                });
    }

    @Test
    void multipartAndJsonBodiesAreNotReadAsForms() {
        assertThat(parse("a=1", "multipart/form-data; boundary=x").has("a")).isFalse();
        assertThat(parse("a=1", "application/json").has("a")).isFalse();
        assertThat(parse("a=1", "text/plain").get("a")).isEqualTo("1");
    }
}
