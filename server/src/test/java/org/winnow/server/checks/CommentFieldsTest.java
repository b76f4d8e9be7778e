package org.winnow.server.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommentFieldsTest {

    private static CommentFields.Builder sample() {
        return CommentFields.builder().blog("https://b.example").content("Hello  there,\nnice post")
                .author("Jane Doe").authorEmail("Jane@Example.org").permalink("https://b.example/p/1/")
                .postId("7").userIp("203.0.113.9").context(List.of("news", "tips")).secondsToSubmit(4.5);
    }

    @Test
    void storedJsonRoundTrips() {
        CommentFields c = sample().honeypotValue("hp").userRole("editor").build(Limits.defaults());
        CommentFields.Stored back = CommentFields.fromStoredJson(c.toStoredJson(true), Limits.defaults());
        assertThat(back.fields()).isEqualTo(c);
        assertThat(back.test()).isTrue();
        assertThat(CommentFields.fromStoredJson(c.toStoredJson(false), Limits.defaults()).test()).isFalse();
    }

    @Test
    void engineCommentsKeepEveryFieldTheEngineReadsAndAreCapped() {
        org.winnow.engine.Comment c = org.winnow.engine.Comment.builder().content("Nice post").author("Ann")
                .authorEmail("ann@example.org").authorUrl("https://ann.example").userIp("198.51.100.4")
                .userAgent("Mozilla/5.0").referrer("https://b.example/").permalink("https://b.example/p/2")
                .commentType("comment").userRole("editor").siteLanguages("en").honeypotValue("x")
                .secondsToSubmit(12).build();
        assertThat(CommentFields.fromComment(c, Limits.defaults()).toComment()).isEqualTo(c);
        Limits tight = new Limits(5, 3, Limits.defaults().maxListItems());
        CommentFields capped = CommentFields.fromComment(c, tight);
        assertThat(capped.content()).isEqualTo("Nice ");
        assertThat(capped.author()).isEqualTo("Ann");
        assertThat(capped.authorEmail()).isEqualTo("ann");
    }

    @Test
    void unreadableStoredJsonIsRejected() {
        assertThatThrownBy(() -> CommentFields.fromStoredJson("not json", Limits.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommentFields.fromStoredJson("[1]", Limits.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchKeyIgnoresCaseWhitespaceSchemeAndTrailingSlash() {
        CommentFields a = sample().build(Limits.defaults());
        CommentFields b = sample().content("  hello there, NICE post ").authorEmail("jane@example.org ")
                .permalink("http://B.example/p/1").userIp("198.51.100.1").build(Limits.defaults());
        assertThat(b.matchKey()).isEqualTo(a.matchKey()).hasSize(64);
        assertThat(sample().content("Hello there, other post").build(Limits.defaults()).matchKey())
                .isNotEqualTo(a.matchKey());
    }

    @Test
    void matchKeyUsesThePostIdWhenThereIsNoPermalink() {
        CommentFields a = sample().permalink("").build(Limits.defaults());
        assertThat(sample().permalink("").postId("8").build(Limits.defaults()).matchKey()).isNotEqualTo(a.matchKey());
        assertThat(sample().permalink("").build(Limits.defaults()).matchKey()).isEqualTo(a.matchKey());
    }

    @Test
    void storedJsonIsShrunkToFit() {
        CommentFields c = sample().content("\u0001".repeat(60_000)).build(Limits.defaults());
        String json = c.toStoredJson(false, 100_000);
        assertThat(json.length()).isLessThanOrEqualTo(100_000);
        assertThat(CommentFields.fromStoredJson(json, Limits.defaults()).fields().author()).isEqualTo("Jane Doe");
    }
}
