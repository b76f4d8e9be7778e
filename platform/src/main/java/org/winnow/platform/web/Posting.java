package org.winnow.platform.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;
import org.winnow.platform.intake.Outcome;
import org.winnow.platform.intake.Submission;
import org.winnow.platform.intake.TooManyComments;

/** The comment form's server side, shared by article pages and the embed widget. */
final class Posting {
    static final String REMEMBER_COOKIE = "wn_author";
    /** The honeypot's field name: plausible enough that form-filling bots fill it. */
    static final String HONEYPOT = "homepage";
    private final Web web;

    Posting(Web web) {
        this.web = web;
    }

    Submission submission(Context ctx) {
        return new Submission(ctx.formParam("author"), ctx.formParam("email"), ctx.formParam("url"),
                ctx.formParam("body"), ctx.formParam("parent"), ctx.formParam(HONEYPOT), ctx.formParam("ts"),
                Http.clientIp(ctx, web.trustProxy()), ctx.header("User-Agent"), ctx.header("Referer"));
    }

    /** @throws TooManyComments when this reader's address posts faster than the site's limits allow */
    private Outcome submit(Site site, CommentThread thread, Context ctx) {
        return web.intake().submit(site, thread, submission(ctx));
    }

    /**
     * {@link #submit}; over the comment limit, answers 429 with {@code Retry-After} instead and returns
     * null: JSON for scripts, else the page {@code formPage} renders from the form error that says how
     * long to wait (the form keeps everything the reader typed).
     */
    Outcome submitWithinLimit(Site site, CommentThread thread, Context ctx, Consumer<Map<String, String>> formPage) {
        try {
            return submit(site, thread, ctx);
        } catch (TooManyComments e) {
            ctx.status(429);
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            if (Http.wantsJson(ctx)) ctx.json(tooManyJson(e));
            else formPage.accept(Map.of("rate", e.getMessage()));
            return null;
        }
    }

    /** Same shape as {@link #errorsJson}, no field to blame, and the wait in seconds for scripts. */
    private static Map<String, Object> tooManyJson(TooManyComments e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("message", e.getMessage());
        m.put("errors", Map.of());
        m.put("retryAfter", e.retryAfterSeconds());
        return m;
    }

    /** A fresh form, prefilled from the remember-me cookie when the reader agreed to it. */
    FormState blankForm(Context ctx, CommentThread thread, Long parentId, String parentAuthor, String cancelUrl) {
        String[] remembered = remembered(ctx);
        return new FormState(remembered[0], remembered[1], remembered[2], "", remembered[0].length() > 0, Map.of(),
                web.intake().formToken(thread), parentId, parentAuthor, cancelUrl);
    }

    /** The form as posted, with errors, to show again. */
    FormState failedForm(Context ctx, CommentThread thread, Map<String, String> errors) {
        Long parent = null;
        try {
            String p = ctx.formParam("parent");
            if (p != null && !p.isBlank()) parent = Long.parseLong(p.strip());
        } catch (NumberFormatException ignored) {
            // shown as an error already
        }
        String parentAuthor = parent == null ? null
                : web.comments().byId(parent).filter(c -> c.status() == Status.APPROVED).map(StoredComment::author).orElse(null);
        return new FormState(nz(ctx.formParam("author")), nz(ctx.formParam("email")), nz(ctx.formParam("url")),
                nz(ctx.formParam("body")), ctx.formParam("remember") != null, errors,
                ctx.formParam("ts") != null ? ctx.formParam("ts") : web.intake().formToken(thread),
                parentAuthor == null ? null : parent, parentAuthor, null);
    }

    /** Sets or clears the remember-me cookie, exactly as the reader chose on this post. */
    void rememberChoice(Context ctx, StoredComment c) {
        boolean secure = Http.secure(ctx, web.trustProxy());
        if (ctx.formParam("remember") != null) {
            String v = String.join("\n", c.author(), c.email(), c.authorUrl());
            Http.cookie(ctx, REMEMBER_COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(
                    v.getBytes(StandardCharsets.UTF_8)), "/", 365L * 86400, secure);
        } else if (ctx.cookie(REMEMBER_COOKIE) != null) {
            Http.cookie(ctx, REMEMBER_COOKIE, "", "/", 0, secure);
        }
    }

    /** True when the reader's remember-me cookie prefills the form (so their page is their own). */
    boolean remembers(Context ctx) {
        if (ctx.cookie(REMEMBER_COOKIE) == null) return false;
        for (String v : remembered(ctx)) if (!v.isEmpty()) return true;
        return false;
    }

    private static String[] remembered(Context ctx) {
        String raw = ctx.cookie(REMEMBER_COOKIE);
        String[] out = {"", "", ""};
        if (raw == null) return out;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < Math.min(3, parts.length); i++) out[i] = parts[i].length() > 500 ? "" : parts[i];
        } catch (IllegalArgumentException ignored) {
            // a mangled cookie is simply ignored
        }
        return out;
    }

    /** The JSON answer to a posted comment when JavaScript posted it. */
    Map<String, Object> json(Outcome o, String nodeHtml, long count, String manageUrl, String nextFormToken) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        StoredComment c = o.comment();
        m.put("id", c.id());
        m.put("status", c.status() == Status.APPROVED ? "approved" : "held");
        m.put("message", c.status() == Status.APPROVED ? "Thank you, your comment is published."
                : "Thank you. Your comment is awaiting moderation; only you can see it for now.");
        m.put("parentId", c.parentId());
        m.put("html", nodeHtml);
        m.put("count", count);
        m.put("mine", o.ownerToken());
        m.put("manageUrl", manageUrl);
        m.put("formToken", nextFormToken);
        return m;
    }

    static Map<String, Object> errorsJson(Map<String, String> errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("message", "Please check the highlighted fields.");
        m.put("errors", errors);
        return m;
    }

    String nodeHtml(StoredComment c, String replyUrl) {
        CommentNode node = new CommentNode(c, List.of(), c.status() != Status.APPROVED, replyUrl);
        return web.views().render("reader/node.jte", Map.of("node", node));
    }

    String manageUrl(String ownerToken) {
        return web.publicUrl() + "/my/" + ownerToken;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
