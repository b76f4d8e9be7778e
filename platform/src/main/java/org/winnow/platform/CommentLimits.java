package org.winnow.platform;

/**
 * How many comments one client address may post to one site: a short burst, refilled over a minute,
 * and a ceiling over an hour. Tokens trickle back evenly (5 per minute is one every 12 seconds), so a
 * reader who was stopped may post again as soon as one is back. 0 switches a window off.
 *
 * @param perMinute burst size, refilled evenly over one minute (0: no per-minute limit)
 * @param perHour   most comments in any hour, refilled evenly over one hour (0: no hourly limit)
 */
public record CommentLimits(int perMinute, int perHour) {
    /**
     * Enough for a person in a lively discussion (a comment every 2 minutes for an hour), too few for a
     * flood: one address can cost the spam filter at most 30 judgements per site and hour.
     */
    public static final CommentLimits DEFAULTS = new CommentLimits(5, 30);
    /** No limit at all (what embedders got before limits existed). */
    public static final CommentLimits OFF = new CommentLimits(0, 0);

    public CommentLimits {
        if (perMinute < 0 || perMinute > 10_000)
            throw new IllegalArgumentException("comments per minute must be between 0 (no limit) and 10000, got " + perMinute);
        if (perHour < 0 || perHour > 100_000)
            throw new IllegalArgumentException("comments per hour must be between 0 (no limit) and 100000, got " + perHour);
    }

    public boolean enabled() {
        return perMinute > 0 || perHour > 0;
    }
}
