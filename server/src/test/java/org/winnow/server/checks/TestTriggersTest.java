package org.winnow.server.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Label;

class TestTriggersTest {

    private static CommentFields c(String author, String email, String role) {
        return CommentFields.builder().author(author).authorEmail(email).userRole(role).build(Limits.defaults());
    }

    @Test
    void spamTriggers() {
        assertThat(TestTriggers.find(c("akismet-guaranteed-spam", "", "")).orElseThrow().label()).isEqualTo(Label.SPAM);
        assertThat(TestTriggers.find(c("viagra-test-123", "", "")).orElseThrow().label()).isEqualTo(Label.SPAM);
        assertThat(TestTriggers.find(c("Jane", "akismet-guaranteed-spam@example.com", "")).orElseThrow().label())
                .isEqualTo(Label.SPAM);
    }

    @Test
    void administratorBeatsSpamTriggers() {
        assertThat(TestTriggers.find(c("akismet-guaranteed-spam", "", "administrator")).orElseThrow().label())
                .isEqualTo(Label.HAM);
        assertThat(TestTriggers.find(c("Jane", "", "editor, Administrator")).orElseThrow().label()).isEqualTo(Label.HAM);
    }

    @Test
    void ordinaryCommentsHaveNoTrigger() {
        assertThat(TestTriggers.find(c("Jane", "jane@example.org", "editor"))).isEmpty();
        assertThat(TestTriggers.find(c("akismet-guaranteed-spam-not", "", ""))).isEmpty();
    }
}
