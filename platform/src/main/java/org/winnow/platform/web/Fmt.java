package org.winnow.platform.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting used by the templates. */
public final class Fmt {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Fmt() {}

    public static String date(long millis) {
        return DATE.format(Instant.ofEpochMilli(millis));
    }

    public static String dateTime(long millis) {
        return DATE_TIME.format(Instant.ofEpochMilli(millis));
    }

    public static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    public static String score(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    public static String weight(double v) {
        return String.format(Locale.ROOT, "%+.2f", v);
    }

    public static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The days a retention setting means, in words. */
    public static String days(int n) {
        return n == 0 ? "at once (within an hour)" : n == 1 ? "after 1 day" : "after " + n + " days";
    }

    /** A comment's status as its author should read it. */
    public static String status(org.winnow.platform.data.Status s) {
        return switch (s) {
            case APPROVED -> "published";
            case PENDING -> "awaiting moderation";
            case ERASED -> "erased";
            default -> "not published";
        };
    }
}
