package org.winnow.server.akismet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.winnow.server.checks.CommentFields;
import org.winnow.server.checks.Limits;
import org.winnow.server.http.FormData;

class AkismetFieldsTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:05:05Z");

    private static FormData form(String body) {
        return FormData.parse(null, body.getBytes(StandardCharsets.UTF_8), null);
    }

    private static CommentFields fields(String body) {
        return AkismetFields.from(form(body), NOW, Limits.defaults());
    }

    @Test
    void mapsEveryAkismetField() {
        CommentFields c = fields("blog=https://b.example&comment_content=hi&comment_author=A&comment_author_email=a@b.c"
                + "&comment_author_url=https://a.example&user_ip=203.0.113.5&user_agent=UA&referrer=https://r.example"
                + "&permalink=https://b.example/p&comment_post_ID=42&comment_type=Forum-Post&user_role=editor"
                + "&blog_lang=en,+fr_ca&comment_date_gmt=2025-01-02+03:04:05&comment_post_modified_gmt=2024-12-01T00:00:00Z"
                + "&comment_context[0]=news&comment_context[1]=tips&recheck_reason=edit");
        assertThat(c.blog()).isEqualTo("https://b.example");
        assertThat(c.content()).isEqualTo("hi");
        assertThat(c.author()).isEqualTo("A");
        assertThat(c.authorEmail()).isEqualTo("a@b.c");
        assertThat(c.authorUrl()).isEqualTo("https://a.example");
        assertThat(c.userIp()).isEqualTo("203.0.113.5");
        assertThat(c.userAgent()).isEqualTo("UA");
        assertThat(c.referrer()).isEqualTo("https://r.example");
        assertThat(c.permalink()).isEqualTo("https://b.example/p");
        assertThat(c.postId()).isEqualTo("42");
        assertThat(c.commentType()).isEqualTo("forum-post");
        assertThat(c.userRole()).isEqualTo("editor");
        assertThat(c.blogLang()).isEqualTo("en, fr_ca");
        assertThat(c.context()).containsExactly("news", "tips");
        assertThat(c.recheckReason()).isEqualTo("edit");
        assertThat(c.toComment().siteLanguages()).isEqualTo("en, fr_ca");
        assertThat(c.toComment().userIp()).isEqualTo("203.0.113.5");
    }

    @Test
    void wordPressFallbacksAndFalseRole() {
        CommentFields c = fields("comment_agent=WPAgent&HTTP_REFERER=https://ref.example&user_role=0");
        assertThat(c.userAgent()).isEqualTo("WPAgent");
        assertThat(c.referrer()).isEqualTo("https://ref.example");
        assertThat(c.userRole()).isEmpty();
    }

    @Test
    void honeypotFromEveryClientStyle() {
        assertThat(fields("honeypot_field_name=hp_x&hp_x=filled").honeypotValue()).isEqualTo("filled");
        assertThat(fields("honeypot_field_name=hp_x&hp_x=").honeypotValue()).isEmpty();
        assertThat(fields("honeypot_field_value=gsteel").honeypotValue()).isEqualTo("gsteel");
        assertThat(fields("POST_ak_hp_textarea=bot+text").honeypotValue()).isEqualTo("bot text");
        // a client naming a real field as honeypot does not turn the comment text into one
        assertThat(fields("honeypot_field_name=comment_content&comment_content=hello").honeypotValue()).isEmpty();
    }

    @Test
    void secondsToSubmitFromWordPressTimestamps() {
        long shown = NOW.toEpochMilli() - 12_500;
        assertThat(fields("POST_ak_js=" + shown).secondsToSubmit()).isEqualTo(12.5);
        assertThat(fields("POST_ak_js=" + shown + "&POST_ak_bfs=" + (shown + 3000)).secondsToSubmit()).isEqualTo(3.0);
        // with a comment date, that is the submit time (a recheck long after)
        long shownEarlier = Instant.parse("2025-01-02T03:04:00Z").toEpochMilli();
        assertThat(fields("POST_ak_js=" + shownEarlier + "&comment_date_gmt=2025-01-02+03:04:05").secondsToSubmit())
                .isEqualTo(5.0);
        // WordPress without JavaScript sends a small random number; a future time is nonsense too
        assertThat(fields("POST_ak_js=123").secondsToSubmit()).isEqualTo(-1);
        assertThat(fields("POST_ak_js=" + (NOW.toEpochMilli() + 60_000)).secondsToSubmit()).isEqualTo(-1);
        assertThat(fields("POST_ak_js=abc").secondsToSubmit()).isEqualTo(-1);
        assertThat(fields("").secondsToSubmit()).isEqualTo(-1);
    }

    @Test
    void parsesMySqlAndIsoDates() {
        Instant t = Instant.parse("2025-01-02T03:04:05Z");
        assertThat(AkismetFields.parseDate("2025-01-02 03:04:05")).isEqualTo(t);
        assertThat(AkismetFields.parseDate("2025-01-02T03:04:05Z")).isEqualTo(t);
        assertThat(AkismetFields.parseDate("2025-01-02T03:04:05.000Z")).isEqualTo(t);
        assertThat(AkismetFields.parseDate("2025-01-02T04:04:05+01:00")).isEqualTo(t);
        assertThat(AkismetFields.parseDate("2025-01-02T03:04:05")).isEqualTo(t);
        assertThat(AkismetFields.parseDate("2025-01-02")).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
        assertThat(AkismetFields.parseDate("yesterday")).isNull();
        assertThat(AkismetFields.parseDate("")).isNull();
    }

    @Test
    void capsAndCleansEveryField() {
        String big = "x".repeat(100_000);
        CommentFields c = AkismetFields.from(form("comment_content=" + big + "&comment_author=" + big
                + "&comment_author_email=a%00b@c.d"), NOW, new Limits(1000, 50, 5));
        assertThat(c.content()).hasSize(1000);
        assertThat(c.author()).hasSize(50);
        assertThat(c.authorEmail()).isEqualTo("ab@c.d");
    }
}
