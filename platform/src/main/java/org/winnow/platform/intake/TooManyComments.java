package org.winnow.platform.intake;

import java.time.Duration;

/**
 * A comment refused because its address posted faster than the site allows: nothing was stored or
 * judged. The message, for people, says how long to wait.
 */
public final class TooManyComments extends RuntimeException {
    private final long retryAfterSeconds;

    public TooManyComments(Duration wait) {
        this(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    private TooManyComments(long seconds) {
        super("You are commenting faster than this site allows; please wait " + seconds
                + (seconds == 1 ? " second" : " seconds") + " and post again.", null, false, false);
        this.retryAfterSeconds = seconds;
    }

    /** Whole seconds until the next comment may be posted (at least 1), for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
