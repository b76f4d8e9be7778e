package org.winnow.platform.moderation;

import java.util.Locale;
import java.util.Optional;
import org.winnow.platform.data.Status;

/** What a moderator can do to a comment, and what each teaches the spam filter. */
public enum Action {
    /** Publish: the comment is ham. */
    APPROVE(Status.APPROVED, Boolean.FALSE),
    /** To the spam folder: the comment is spam. */
    SPAM(Status.SPAM, Boolean.TRUE),
    /** Out of the spam folder and published: the filter was wrong, the comment is ham. */
    NOT_SPAM(Status.APPROVED, Boolean.FALSE),
    /** To the trash: unwanted but not spam (off-topic, rude), so nothing is learned from it. */
    TRASH(Status.TRASH, null),
    /** Gone for good (a placeholder stays when it has replies); nothing is learned. */
    DELETE(null, null);

    private final Status target;
    private final Boolean spam;

    Action(Status target, Boolean spam) {
        this.target = target;
        this.spam = spam;
    }

    /** The folder the comment ends up in; null for delete. */
    public Status target() {
        return target;
    }

    /** The label taught to the filter, or empty when the action says nothing about spam. */
    public Optional<Boolean> teaches() {
        return Optional.ofNullable(spam);
    }

    public String param() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Action> parse(String s) {
        if (s == null) return Optional.empty();
        for (Action a : values()) if (a.param().equals(s)) return Optional.of(a);
        return Optional.empty();
    }
}
