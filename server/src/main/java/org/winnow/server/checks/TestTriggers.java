package org.winnow.server.checks;

import java.util.Locale;
import java.util.Optional;
import org.winnow.engine.Label;

/**
 * Akismet's documented test inputs, answered without asking the engine: the author
 * {@code akismet-guaranteed-spam} (or the older {@code viagra-test-123}) or the e-mail
 * {@code akismet-guaranteed-spam@example.com} is always spam; {@code user_role=administrator} is
 * always ham and beats the spam triggers. A trigger never produces a discard.
 */
public final class TestTriggers {

    /** A trigger that decided the verdict, and why (shown as the verdict's only signal). */
    public record Trigger(Label label, String signalName, String detail) {}

    private TestTriggers() {}

    public static Optional<Trigger> find(CommentFields c) {
        for (String role : c.userRole().split(",")) {
            if (role.strip().toLowerCase(Locale.ROOT).equals("administrator")) {
                return Optional.of(new Trigger(Label.HAM, "rule:test_trigger",
                        "user_role is administrator: always not spam (Akismet test rule)"));
            }
        }
        String author = c.author().strip();
        if (author.equalsIgnoreCase("akismet-guaranteed-spam") || author.equalsIgnoreCase("viagra-test-123")) {
            return Optional.of(new Trigger(Label.SPAM, "rule:test_trigger",
                    "comment_author is " + author.toLowerCase(Locale.ROOT) + ": always spam (Akismet test rule)"));
        }
        if (c.authorEmail().strip().equalsIgnoreCase("akismet-guaranteed-spam@example.com")) {
            return Optional.of(new Trigger(Label.SPAM, "rule:test_trigger",
                    "comment_author_email is akismet-guaranteed-spam@example.com: always spam (Akismet test rule)"));
        }
        return Optional.empty();
    }
}
