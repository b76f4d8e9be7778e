package org.winnow.server.akismet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.winnow.server.checks.CommentFields;
import org.winnow.server.checks.Limits;
import org.winnow.server.http.FormData;

/** Maps Akismet's form fields (and WordPress's extras) onto {@link CommentFields}. */
public final class AkismetFields {

    /** Fields that can never be a honeypot (a client naming one of these is confused, not clever). */
    private static final Set<String> NOT_A_HONEYPOT = Set.of("api_key", "key", "blog", "user_ip", "user_agent",
            "referrer", "permalink", "comment_type", "comment_author", "comment_author_email", "comment_author_url",
            "comment_content", "comment_date_gmt", "comment_post_modified_gmt", "blog_lang", "blog_charset",
            "user_role", "is_test", "recheck_reason", "honeypot_field_name", "guid");

    private static final long MAX_SECONDS_TO_SUBMIT = 7L * 24 * 3600;
    /** Epoch milliseconds before this are not a real timestamp (WordPress sends 0–250 without JavaScript). */
    private static final long PLAUSIBLE_EPOCH_MS = 1_000_000_000_000L;

    private AkismetFields() {}

    public static CommentFields from(FormData f, Instant now, Limits limits) {
        return CommentFields.builder()
                .blog(f.value("blog"))
                .content(f.value("comment_content"))
                .author(f.value("comment_author"))
                .authorEmail(f.value("comment_author_email"))
                .authorUrl(f.value("comment_author_url"))
                .userIp(f.value("user_ip"))
                .userAgent(firstOf(f, "user_agent", "comment_agent", "HTTP_USER_AGENT"))
                .referrer(firstOf(f, "referrer", "HTTP_REFERER"))
                .permalink(f.value("permalink"))
                .postId(f.value("comment_post_ID"))
                .commentType(f.value("comment_type"))
                .userRole(f.value("user_role"))
                .blogLang(f.value("blog_lang"))
                .honeypotValue(honeypot(f))
                .secondsToSubmit(secondsToSubmit(f, now))
                .commentDateGmt(f.value("comment_date_gmt"))
                .postModifiedGmt(f.value("comment_post_modified_gmt"))
                .context(f.array("comment_context"))
                .recheckReason(f.value("recheck_reason"))
                .build(limits);
    }

    private static String firstOf(FormData f, String... names) {
        String v = f.firstNonBlank(names);
        return v == null ? "" : v;
    }

    /**
     * What a honeypot held: the field named by {@code honeypot_field_name}, else
     * {@code honeypot_field_value}, else WordPress's {@code POST_ak_hp_textarea}.
     */
    static String honeypot(FormData f) {
        String name = f.get("honeypot_field_name");
        if (name != null && !name.isBlank() && !NOT_A_HONEYPOT.contains(name.strip())) {
            String v = f.get(name.strip());
            if (v != null && !v.isBlank()) return v;
        }
        String v = f.get("honeypot_field_value");
        if (v != null && !v.isBlank()) return v;
        v = f.get("POST_ak_hp_textarea");
        if (v != null && !v.isBlank()) return v;
        return "";
    }

    /**
     * Seconds between form render and submit, from WordPress's {@code POST_ak_js} (the page's
     * JavaScript clock in ms when the form was shown) and the submit time: {@code POST_ak_bfs} when
     * it is a timestamp, else {@code comment_date_gmt}, else now. -1 when unknown or implausible.
     */
    static double secondsToSubmit(FormData f, Instant now) {
        long shown = parseLong(f.get("POST_ak_js"));
        if (shown < PLAUSIBLE_EPOCH_MS) return -1;
        long submitted = parseLong(f.get("POST_ak_bfs"));
        if (submitted < PLAUSIBLE_EPOCH_MS) {
            Instant date = parseDate(f.get("comment_date_gmt"));
            submitted = (date != null ? date : now).toEpochMilli();
        }
        double seconds = (submitted - shown) / 1000.0;
        return seconds >= 0 && seconds <= MAX_SECONDS_TO_SUBMIT ? seconds : -1;
    }

    private static long parseLong(String s) {
        if (s == null) return -1;
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final DateTimeFormatter MYSQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * A date as clients send them: MySQL {@code 2025-01-02 03:04:05} (UTC), ISO 8601 with or
     * without offset and fractions ({@code 2025-01-02T03:04:05.123Z}, {@code …+01:00}), or a date
     * alone. Null when it is none of those.
     */
    public static Instant parseDate(String s) {
        if (s == null || s.isBlank()) return null;
        String t = s.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(t, MYSQL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
