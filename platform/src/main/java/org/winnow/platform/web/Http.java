package org.winnow.platform.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Request and response helpers shared by the platform's routes. */
final class Http {
    private static final Logger LOG = LoggerFactory.getLogger(Http.class);

    private Http() {}

    /**
     * Wraps a handler so that every failure becomes a clear page (or JSON) with the right status,
     * without touching the exception handlers of the app the routes are mounted in.
     */
    static Handler safe(Views views, Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (HttpError e) {
                fail(ctx, views, e.status(), e.getMessage());
            } catch (io.javalin.http.HttpResponseException e) {
                fail(ctx, views, e.getStatus(), e.getMessage());
            } catch (Exception e) {
                LOG.error("platform request failed: {} {}", ctx.method(), ctx.path(), e);
                fail(ctx, views, 500, "Something went wrong on our side. Please try again in a moment.");
            }
        };
    }

    static void fail(Context ctx, Views views, int status, String message) {
        ctx.status(status);
        if (wantsJson(ctx)) ctx.json(Map.of("ok", false, "message", message));
        else ctx.html(views.render("reader/error.jte", Map.of("status", status, "message", message)));
    }

    static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json");
    }

    /** True when the reader reached us over https (directly, or via a trusted proxy). */
    static boolean secure(Context ctx, boolean trustProxy) {
        if (ctx.req().isSecure()) return true;
        return trustProxy && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    /**
     * The reader's address. Behind our own reverse proxy ({@code trustProxy}) that is the entry the
     * proxy appended last to {@code X-Forwarded-For} (the peer it saw), never the first, which any
     * client can write itself: the stored IP, the spam filter's IP signals and the rate limit all use it.
     */
    static String clientIp(Context ctx, boolean trustProxy) {
        if (trustProxy) {
            String last = null;
            for (String header : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")))
                for (String hop : header.split(","))
                    if (!hop.isBlank()) last = hop.strip();
            if (last != null) return last;
        }
        return ctx.req().getRemoteAddr();
    }

    /** Sets a cookie with the attributes we always want; {@code maxAge} in seconds, 0 deletes it. */
    static void cookie(Context ctx, String name, String value, String path, long maxAge, boolean secure) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
                .append("; Max-Age=").append(maxAge).append("; HttpOnly; SameSite=Lax");
        if (secure) c.append("; Secure");
        ctx.res().addHeader("Set-Cookie", c.toString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Sends a whole body in one write with its length known, straight to the servlet's stream: Jetty
     * then sends head and body together instead of copying the body through Javalin in small chunks.
     */
    static void writeWhole(Context ctx, String contentType, byte[] body) throws java.io.IOException {
        ctx.contentType(contentType);
        ctx.res().setContentLength(body.length);
        if (!"HEAD".equals(ctx.method().name())) ctx.res().getOutputStream().write(body);
    }

    /** Headers for pages we render: no framing by others, no referrer leaking private links, no sniffing. */
    static void pageHeaders(Context ctx, boolean framable) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'"
                + (framable ? "" : "; frame-ancestors 'none'"));
        if (!framable) ctx.header("X-Frame-Options", "DENY");
    }
}
