package org.winnow.engine;

import java.util.Objects;

/**
 * One comment as a site submits it: the text, what the author typed, and what the site saw of the
 * request. Every string is non-null (missing values are empty), so feature code never checks for
 * null. Build one with {@link #builder()}.
 *
 * @param content          the comment text as typed
 * @param author           the name the author gave
 * @param authorEmail      the e-mail the author gave
 * @param authorUrl        the website the author gave
 * @param userIp           the submitter's IP address (v4 or v6), as the site saw it
 * @param userAgent        the submitter's browser user agent
 * @param referrer         the HTTP referrer of the form post
 * @param permalink        the URL of the page commented on
 * @param commentType      Akismet's comment_type: comment, reply, forum-post, contact-form, signup…
 * @param userRole         the author's role on the site when logged in (administrator, editor…)
 * @param siteLanguages    the site's languages as the client declares them (blog_lang), e.g. "en, fr_ca"
 * @param honeypotValue    what a hidden honeypot field contained; empty when it was empty or absent
 * @param secondsToSubmit  seconds between form render and submit when the client knows it, else -1
 */
public record Comment(
        String content,
        String author,
        String authorEmail,
        String authorUrl,
        String userIp,
        String userAgent,
        String referrer,
        String permalink,
        String commentType,
        String userRole,
        String siteLanguages,
        String honeypotValue,
        double secondsToSubmit) {

    public Comment {
        content = orEmpty(content);
        author = orEmpty(author);
        authorEmail = orEmpty(authorEmail);
        authorUrl = orEmpty(authorUrl);
        userIp = orEmpty(userIp);
        userAgent = orEmpty(userAgent);
        referrer = orEmpty(referrer);
        permalink = orEmpty(permalink);
        commentType = orEmpty(commentType);
        userRole = orEmpty(userRole);
        siteLanguages = orEmpty(siteLanguages);
        honeypotValue = orEmpty(honeypotValue);
        if (Double.isNaN(secondsToSubmit)) secondsToSubmit = -1;
    }

    /** A comment that has only text: what the public data sets hold. */
    public static Comment ofText(String content) {
        return builder().content(content).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().content(content).author(author).authorEmail(authorEmail).authorUrl(authorUrl)
                .userIp(userIp).userAgent(userAgent).referrer(referrer).permalink(permalink)
                .commentType(commentType).userRole(userRole).siteLanguages(siteLanguages)
                .honeypotValue(honeypotValue).secondsToSubmit(secondsToSubmit);
    }

    private static String orEmpty(String s) {
        return Objects.requireNonNullElse(s, "");
    }

    /** Mutable builder; every setter accepts null as "not given". */
    public static final class Builder {
        private String content, author, authorEmail, authorUrl, userIp, userAgent, referrer, permalink,
                commentType, userRole, siteLanguages, honeypotValue;
        private double secondsToSubmit = -1;

        private Builder() {}

        public Builder content(String v) { content = v; return this; }
        public Builder author(String v) { author = v; return this; }
        public Builder authorEmail(String v) { authorEmail = v; return this; }
        public Builder authorUrl(String v) { authorUrl = v; return this; }
        public Builder userIp(String v) { userIp = v; return this; }
        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder referrer(String v) { referrer = v; return this; }
        public Builder permalink(String v) { permalink = v; return this; }
        public Builder commentType(String v) { commentType = v; return this; }
        public Builder userRole(String v) { userRole = v; return this; }
        public Builder siteLanguages(String v) { siteLanguages = v; return this; }
        public Builder honeypotValue(String v) { honeypotValue = v; return this; }
        public Builder secondsToSubmit(double v) { secondsToSubmit = v; return this; }

        public Comment build() {
            return new Comment(content, author, authorEmail, authorUrl, userIp, userAgent, referrer, permalink,
                    commentType, userRole, siteLanguages, honeypotValue, secondsToSubmit);
        }
    }
}
