package org.winnow.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.winnow.engine.Signal;
import org.winnow.server.checks.CheckService;
import org.winnow.server.checks.CommentFields;
import org.winnow.server.http.FormData;
import org.winnow.server.http.Replies;
import org.winnow.server.http.RequestBody;
import org.winnow.store.ApiKeys.ApiKey;
import org.winnow.store.Store;

/**
 * Winnow's own JSON API beside the Akismet one:
 *
 * <ul>
 *   <li>{@code POST /api/v1/check}: a comment as JSON, answered with the verdict and its signals;</li>
 *   <li>{@code POST /api/v1/feedback}: a correction ({@code guid} of an earlier check, or the
 *       comment's fields, plus {@code spam: true|false}), learned before the answer.</li>
 * </ul>
 *
 * The key travels as {@code Authorization: Bearer KEY} (or {@code api_key} in the body or query).
 * Errors are {@code {"error": "…"}} with 400, 401, 413 or 415.
 */
public final class NativeApi {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Store store;
    private final CheckService checks;
    private final long maxRequestBytes;

    public NativeApi(Store store, CheckService checks, long maxRequestBytes) {
        this.store = store;
        this.checks = checks;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/check", handler(this::check));
        routes.post("/api/v1/feedback", handler(this::feedback));
    }

    /** A request that passed the common checks: parsed JSON object and a verified key. */
    private record Call(Context ctx, JsonNode body, ApiKey key) {}

    @FunctionalInterface
    private interface Endpoint {
        void handle(Call call);
    }

    /** An error answer, thrown from deep inside a handler. */
    private static final class Failure extends RuntimeException {
        final int status;

        Failure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private Handler handler(Endpoint endpoint) {
        return ctx -> {
            try {
                endpoint.handle(prepare(ctx));
            } catch (Failure f) {
                if (f.status == 401) ctx.header("WWW-Authenticate", "Bearer");
                Replies.jsonError(ctx, f.status, f.getMessage());
            }
        };
    }

    private Call prepare(Context ctx) {
        byte[] raw;
        try {
            raw = RequestBody.read(ctx.req(), maxRequestBytes);
        } catch (RequestBody.TooLargeException e) {
            throw new Failure(413, "request body too large: the limit is " + e.limit() + " bytes");
        } catch (RequestBody.MalformedException e) {
            throw new Failure(400, "the request body could not be read");
        }
        JsonNode body = parseJson(ctx.header("Content-Type"), raw);
        String key = bearer(ctx.header("Authorization"));
        if (key == null) key = text(body, "api_key");
        if (key.isEmpty()) {
            key = FormData.parse(ctx.req().getQueryString(), new byte[0], null).value("api_key").strip();
        }
        if (key.isEmpty()) throw new Failure(401, "missing API key: send Authorization: Bearer KEY");
        Optional<ApiKey> k = key.length() > 128 ? Optional.empty() : store.keys().verify(key);
        if (k.isEmpty()) throw new Failure(401, "invalid API key");
        return new Call(ctx, body, k.get());
    }

    private static JsonNode parseJson(String contentType, byte[] raw) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        String mime = ct.contains(";") ? ct.substring(0, ct.indexOf(';')).strip() : ct;
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw new Failure(415, "send the body as application/json");
        }
        Charset cs = StandardCharsets.UTF_8;
        if (ct.contains("charset=")) {
            cs = FormData.charsetFromContentType(contentType);
            if (cs == null) throw new Failure(415, "unsupported charset in Content-Type");
        }
        JsonNode n;
        try {
            n = cs.equals(StandardCharsets.UTF_8) ? MAPPER.readTree(raw) : MAPPER.readTree(new String(raw, cs));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Failure(400, at == null ? "malformed JSON (too deep, too long or not JSON)"
                    : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } catch (Exception e) {
            throw new Failure(400, "malformed JSON");
        }
        if (n == null || !n.isObject()) throw new Failure(400, "the body must be a JSON object");
        return n;
    }

    private static String bearer(String authorization) {
        if (authorization == null) return null;
        String a = authorization.strip();
        if (a.length() > 7 && a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String k = a.substring(7).strip();
            return k.isEmpty() ? null : k;
        }
        return null;
    }

    // ---- endpoints -------------------------------------------------------------------------

    private void check(Call call) {
        CommentFields fields = fields(call.body());
        if (fields.blog().isEmpty()) throw new Failure(400, "missing field: site (the site's URL)");
        long siteId = site(call.key(), fields.blog());
        boolean test = bool(call.body(), "is_test", "test").orElse(false);
        CheckService.Outcome o = checks.check(CheckService.newGuid(), siteId, fields, test);
        List<Map<String, Object>> signals = new ArrayList<>();
        for (Signal s : o.verdict().signals()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("detail", s.detail());
            m.put("weight", finite(s.weight()));
            signals.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("guid", o.guid());
        out.put("verdict", o.verdictName());
        out.put("spam", o.label().isSpam());
        out.put("score", finite(o.verdict().score()));
        out.put("test", test);
        out.put("signals", signals);
        Replies.json(call.ctx(), 200, out);
    }

    private void feedback(Call call) {
        Optional<Boolean> spam = bool(call.body(), "spam");
        if (spam.isEmpty()) throw new Failure(400, "missing field: spam (true or false)");
        CommentFields fields = fields(call.body());
        Long siteId = fields.blog().isEmpty() ? null : site(call.key(), fields.blog());
        String guid = text(call.body(), "guid");
        boolean test = bool(call.body(), "is_test", "test").orElse(false);
        CheckService.Feedback f;
        try {
            f = checks.correct(call.key().id(), siteId, guid.isEmpty() ? null : guid, fields, spam.get(), test,
                    "feedback");
        } catch (CheckService.NoSiteException e) {
            throw new Failure(400, "no check with that guid: send site (and the comment's fields) instead");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("learned", f.learned());
        out.put("matched", f.matchedBy().name().toLowerCase(Locale.ROOT));
        out.put("guid", f.check() == null ? null : f.check().guid());
        out.put("seq", f.correction() == null ? null : f.correction().seq());
        Replies.json(call.ctx(), 200, out);
    }

    private long site(ApiKey key, String blog) {
        try {
            return store.keys().site(key.id(), blog).id();
        } catch (IllegalArgumentException e) {
            throw new Failure(400, "site is not a usable URL");
        }
    }

    private CommentFields fields(JsonNode b) {
        CommentFields.Builder f = CommentFields.builder()
                .blog(text(b, "site", "blog"))
                .content(text(b, "content", "comment_content"))
                .author(text(b, "author", "comment_author"))
                .authorEmail(text(b, "author_email", "comment_author_email"))
                .authorUrl(text(b, "author_url", "comment_author_url"))
                .userIp(text(b, "user_ip"))
                .userAgent(text(b, "user_agent"))
                .referrer(text(b, "referrer"))
                .permalink(text(b, "permalink"))
                .postId(text(b, "post_id", "comment_post_ID"))
                .commentType(text(b, "comment_type", "type"))
                .userRole(text(b, "user_role"))
                .blogLang(text(b, "blog_lang", "languages"))
                .honeypotValue(text(b, "honeypot", "honeypot_value"))
                .commentDateGmt(text(b, "comment_date_gmt", "date"))
                .context(list(b, "comment_context", "context"));
        JsonNode s = b.get("seconds_to_submit");
        if (s != null && s.isNumber()) f.secondsToSubmit(s.asDouble());
        return f.build(checks.limits());
    }

    /** The first of {@code names} holding a scalar, as text; {@code ""} when none does. */
    private static String text(JsonNode b, String... names) {
        for (String n : names) {
            JsonNode v = b.get(n);
            if (v != null && v.isValueNode() && !v.isNull()) return v.asText();
        }
        return "";
    }

    private static List<String> list(JsonNode b, String... names) {
        for (String n : names) {
            JsonNode v = b.get(n);
            if (v == null) continue;
            List<String> out = new ArrayList<>();
            if (v.isArray()) v.forEach(x -> { if (x.isValueNode() && !x.isNull()) out.add(x.asText()); });
            else if (v.isValueNode() && !v.isNull()) out.add(v.asText());
            return out;
        }
        return List.of();
    }

    /** A boolean field: JSON true/false, or the strings/numbers 1/0/true/false. */
    private static Optional<Boolean> bool(JsonNode b, String... names) {
        for (String n : names) {
            JsonNode v = b.get(n);
            if (v == null || v.isNull()) continue;
            if (v.isBoolean()) return Optional.of(v.booleanValue());
            String t = v.asText().strip().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("1")) return Optional.of(true);
            if (t.equals("false") || t.equals("0")) return Optional.of(false);
            throw new Failure(400, "field " + n + " must be true or false");
        }
        return Optional.empty();
    }

    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0.0;
    }
}
