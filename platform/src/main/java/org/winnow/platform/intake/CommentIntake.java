package org.winnow.platform.intake;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winnow.engine.Comment;
import org.winnow.engine.Label;
import org.winnow.engine.Signal;
import org.winnow.engine.Verdict;
import org.winnow.platform.SpamFilter;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Ids;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.SiteSettings;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;
import org.winnow.platform.security.Signer;
import org.winnow.platform.text.Markdown;

/**
 * Takes a posted comment from form to folder: validates it, asks the spam filter, applies the site's
 * own rules (word lists, conditional holds, thresholds), and stores it as approved, pending, spam or
 * trash with every reason kept for the moderator.
 */
public final class CommentIntake {
    public static final int MAX_BODY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(CommentIntake.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://|\\bwww\\.");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final String FORM = "form";
    private static final String OWNER = "owner";

    private final Comments comments;
    private final SpamFilter filter;
    private final Signer signer;
    private final Clock clock;
    private final CommentRateLimiter limiter;

    public CommentIntake(Comments comments, SpamFilter filter, Signer signer, Clock clock) {
        this(comments, filter, signer, clock, CommentRateLimiter.off());
    }

    public CommentIntake(Comments comments, SpamFilter filter, Signer signer, Clock clock, CommentRateLimiter limiter) {
        this.comments = comments;
        this.filter = filter;
        this.signer = signer;
        this.clock = clock;
        this.limiter = limiter;
    }

    /** The signed time-to-submit token every comment form carries. */
    public String formToken(CommentThread thread) {
        return signer.token(FORM, pageKey(thread) + ":" + clock.millis());
    }

    /** The private token that shows a held comment to its author and opens its manage page. */
    public String ownerToken(long commentId) {
        return signer.token(OWNER, Long.toString(commentId));
    }

    /** The comment id an owner token was made for, if the token is genuine. */
    public Optional<Long> ownedComment(String token) {
        return signer.open(OWNER, token).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The keyed hash under which an e-mail address is recognised ('' for none). */
    public String emailHash(String email) {
        return email == null || email.isBlank() ? "" : signer.hash("email", email.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Checks, judges and stores a comment. A valid comment first spends one of its address's allowance
     * on this site; over the limit it is neither judged nor stored.
     *
     * @throws TooManyComments when the submission's address posts faster than the limits allow
     */
    public Outcome submit(Site site, CommentThread thread, Submission s) {
        Map<String, String> errors = new LinkedHashMap<>();
        String author = clean(s.author());
        String email = clean(s.email());
        String url = clean(s.authorUrl());
        String body = s.body() == null ? "" : CONTROL.matcher(s.body().replace("\r\n", "\n")).replaceAll("").strip();
        if (author.isEmpty()) errors.put("author", "Please enter your name.");
        else if (author.length() > 100) errors.put("author", "Your name can have at most 100 characters.");
        if (!email.isEmpty() && (email.length() > 254 || !EMAIL.matcher(email).matches()))
            errors.put("email", "This e-mail address does not look right (expected something like name@example.org).");
        if (!url.isEmpty()) {
            url = normaliseUrl(url);
            if (url == null) errors.put("url", "The website must be a web address such as https://example.org.");
        }
        if (body.isEmpty()) errors.put("body", "Please write a comment.");
        else if (body.length() > MAX_BODY)
            errors.put("body", "Comments can have at most 10,000 characters; yours has " + body.length() + ".");

        StoredComment parent = null;
        String parentRaw = clean(s.parentId());
        if (!parentRaw.isEmpty()) {
            parent = parseLong(parentRaw).flatMap(comments::byId)
                    .filter(p -> p.threadId() == thread.id() && p.status() == Status.APPROVED).orElse(null);
            if (parent == null) errors.put("parent", "The comment you are replying to is no longer available.");
        }
        if (!errors.isEmpty()) return Outcome.invalid(errors);
        // Only a comment that would be stored counts: fixing a typo costs the reader nothing, and a
        // flood is stopped before the spam filter spends any work on it.
        limiter.take(site.id(), s.ip()).ifPresent(wait -> {
            throw new TooManyComments(wait);
        });

        SiteSettings settings = site.settings();
        // Replies deeper than the site allows attach to the deepest allowed level.
        while (parent != null && parent.depth() + 1 >= settings.maxDepth())
            parent = parent.parentId() == null ? null : comments.byId(parent.parentId()).orElse(null);

        long now = clock.millis();
        double seconds = secondsToSubmit(s.formToken(), thread, now);
        String honeypot = s.honeypot() == null ? "" : s.honeypot();
        Comment input = Comment.builder().content(body).author(author).authorEmail(email).authorUrl(url)
                .userIp(nz(s.ip())).userAgent(nz(s.userAgent())).referrer(nz(s.referrer())).permalink(thread.url())
                .commentType(parent == null ? "comment" : "reply").honeypotValue(honeypot).secondsToSubmit(seconds)
                .build();

        List<Signal> reasons = new ArrayList<>();
        Verdict verdict = null;
        try {
            verdict = filter.judge(site.apiSiteId(), input);
        } catch (RuntimeException e) {
            // Never lose a comment because the filter failed: hold it for a person instead.
            LOG.warn("spam filter failed; holding the comment for moderation", e);
            reasons.add(new Signal("site:filter_unavailable", "the spam filter could not judge this comment", 0));
        }
        String emailHash = emailHash(email);
        Status status = decide(settings, site.id(), input, verdict, emailHash, now, reasons);
        if (verdict != null) reasons.addAll(verdict.signals());

        String html = Markdown.comment(body);
        for (int attempt = 1; ; attempt++) {
            long id = Ids.next();
            if (verdict != null) filter.storing(id);
            StoredComment stored = new StoredComment(id, thread.id(), site.id(), parent == null ? null : parent.id(),
                    parent == null ? id : parent.rootId(), parent == null ? 0 : parent.depth() + 1, status, status,
                    author, email, emailHash, url, body, html, nz(s.ip()), false, nz(s.userAgent()),
                    nz(s.referrer()), honeypot, seconds,
                    verdict == null ? "unknown" : verdict.label().name().toLowerCase(Locale.ROOT),
                    verdict == null ? 0.5 : verdict.score(), reasons, now, null);
            try {
                comments.insert(stored);
                return new Outcome(Map.of(), stored, ownerToken(id));
            } catch (RuntimeException e) {
                // Two nodes can draw the same id in the same millisecond (rare): draw again.
                if (attempt >= 3 || !Ids.isDuplicateKey(e)) throw e;
            }
        }
    }

    private Status decide(SiteSettings settings, long siteId, Comment c, Verdict v, String emailHash, long now,
                          List<Signal> reasons) {
        String text = c.content() + "\n" + c.author() + "\n" + c.authorEmail() + "\n" + c.authorUrl();
        String reject = settings.rejectWordIn(text);
        if (reject != null) {
            reasons.add(new Signal("site:reject_word", "contains \"" + reject + "\"", 0));
            return Status.TRASH;
        }
        if (!c.honeypotValue().isEmpty()) {
            reasons.add(new Signal("site:honeypot", "the hidden field that people leave empty was filled in", 0));
            return Status.SPAM;
        }
        if (v != null) {
            if (v.label() == Label.DISCARD || v.score() >= settings.spamThreshold()) {
                reasons.add(new Signal("site:spam_threshold", String.format(Locale.ROOT,
                        "spam score %.2f (this site sends %.2f and above to spam)", v.score(), settings.spamThreshold()), 0));
                return Status.SPAM;
            }
            if (v.label() == Label.SPAM || v.score() >= settings.holdThreshold()) {
                reasons.add(new Signal("site:hold_threshold", String.format(Locale.ROOT,
                        "spam score %.2f (this site holds %.2f and above)", v.score(), settings.holdThreshold()), 0));
            }
        } else {
            return Status.PENDING;
        }
        String hold = settings.holdWordIn(text);
        if (hold != null) reasons.add(new Signal("site:hold_word", "contains \"" + hold + "\"", 0));
        if (settings.holdLinksOver() >= 0) {
            long links = LINK.matcher(c.content()).results().count();
            if (links > settings.holdLinksOver())
                reasons.add(new Signal("site:too_many_links", links + " links (this site holds more than "
                        + settings.holdLinksOver() + ")", 0));
        }
        if (settings.holdUnknownEmail() && comments.approvedByEmail(siteId, emailHash) == 0)
            reasons.add(new Signal("site:unknown_email", emailHash.isEmpty()
                    ? "no e-mail address given" : "first comment from this e-mail address", 0));
        if (settings.holdNewCommenterDays() > 0) {
            long firstSeen = comments.firstSeen(siteId, emailHash).orElse(now);
            if (now - firstSeen < settings.holdNewCommenterDays() * 86_400_000L)
                reasons.add(new Signal("site:new_commenter", "first seen less than "
                        + settings.holdNewCommenterDays() + " days ago", 0));
        }
        return reasons.isEmpty() ? Status.APPROVED : Status.PENDING;
    }

    private double secondsToSubmit(String token, CommentThread thread, long now) {
        return signer.open(FORM, token).map(v -> v.split(":")).filter(p -> p.length == 2)
                .filter(p -> p[0].equals(pageKey(thread)))
                .flatMap(p -> parseLong(p[1]))
                .map(issued -> Math.max(0, now - issued) / 1000.0)
                .orElse(-1.0);
    }

    /** Binds a form token to its page (by URL, so it holds before the thread is first stored). */
    private String pageKey(CommentThread thread) {
        return signer.hash("page", thread.url()).substring(0, 16);
    }

    /** A website as typed ("example.org/me" is fine), or null when it is not an http(s) address. */
    static String normaliseUrl(String raw) {
        String u = raw.contains("://") ? raw : "https://" + raw;
        if (u.length() > 500) return null;
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return null;
            if (uri.getHost() == null || !uri.getHost().contains(".") && !uri.getHost().equals("localhost")) return null;
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Trimmed, one line, without control characters (PostgreSQL refuses NUL, and nobody needs them). */
    private static String clean(String s) {
        return s == null ? "" : CONTROL.matcher(s.replace('\n', ' ').replace('\r', ' ')).replaceAll("").strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
