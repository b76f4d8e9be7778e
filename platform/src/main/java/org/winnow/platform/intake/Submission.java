package org.winnow.platform.intake;

/**
 * A comment as posted, before any checking: the form's fields and what the server saw of the request.
 * Strings may be null (missing fields).
 */
public record Submission(String author, String email, String authorUrl, String body, String parentId,
                         String honeypot, String formToken, String ip, String userAgent, String referrer) {}
