package org.winnow.server.akismet;

import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.winnow.server.checks.CheckService;
import org.winnow.server.checks.CommentFields;
import org.winnow.server.checks.Text;
import org.winnow.server.http.Failures;
import org.winnow.server.http.FormData;
import org.winnow.server.http.Replies;
import org.winnow.server.http.RequestBody;
import org.winnow.engine.Label;
import org.winnow.server.metrics.ServerMetrics;
import org.winnow.store.ApiKeys.ApiKey;
import org.winnow.store.Checks.SiteMonth;
import org.winnow.store.Store;

/**
 * The Akismet REST API, wire-compatible with unmodified clients: {@code /1.1/…} and {@code /1.2/…}
 * on any Host, GET and POST alike, exact text bodies, HTTP 200 for every protocol outcome.
 * See server/README.md for the full list of endpoints and the choices made where Akismet's
 * behaviour is unknown.
 */
public final class AkismetApi {

    static final String THANKS = "Thanks for making the web a better place.";
    private static final int MAX_KEY_CHARS = 128;

    private final Store store;
    private final CheckService checks;
    private final long maxRequestBytes;
    private final Clock clock;

    public AkismetApi(Store store, CheckService checks, long maxRequestBytes, Clock clock) {
        this.store = store;
        this.checks = checks;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
    }

    /** What a handler gets: the decoded fields and the two headers keys can travel in. */
    record Request(FormData form, String host, String authorization) {}

    /** An endpoint: most answer at once; comment-check answers once its check is recorded. */
    interface Endpoint extends Function<Request, CompletableFuture<Answer>> {}

    private static Endpoint now(Function<Request, Answer> f) {
        return r -> CompletableFuture.completedFuture(f.apply(r));
    }

    /** Every Akismet path ({@code /1.1/comment-check}, {@code /deactivate}…) with its endpoint. */
    Map<String, Endpoint> routes() {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("verify-key", now(this::verifyKey));
        endpoints.put("comment-check", this::commentCheck);
        endpoints.put("submit-spam", now(r -> submit(r, true)));
        endpoints.put("submit-ham", now(r -> submit(r, false)));
        endpoints.put("key-sites", now(this::keySites));
        endpoints.put("usage-limit", now(this::usageLimit));
        endpoints.put("get-subscription", now(this::getSubscription));
        endpoints.put("get-stats", now(this::getStats));
        endpoints.put("get-key-stats", now(this::getStats));
        endpoints.put("token", now(this::token));
        endpoints.put("deactivate", now(this::deactivate));
        endpoints.put("test", now(r -> Answer.text("connected")));
        endpoints.put("compatible-plugins", now(r -> Answer.json("[]")));
        endpoints.put("verify-wpcom-key", now(
                r -> Answer.invalid("Jetpack and WordPress.com connections are not supported by this server")));
        Map<String, Endpoint> routes = new LinkedHashMap<>();
        for (Map.Entry<String, Endpoint> e : endpoints.entrySet()) {
            for (String version : List.of("/1.1/", "/1.2/")) routes.put(version + e.getKey(), e.getValue());
        }
        routes.put("/deactivate", endpoints.get("deactivate")); // Akismet.Net posts here without a version
        return routes;
    }

    /**
     * Declares every Akismet route, for GET and POST, on Javalin. {@link #fastPath} answers the exact
     * paths before Javalin sees them; these routes serve what it passes on (e.g. a trailing slash).
     */
    public void register(JavalinDefaultRoutingApi routes) {
        for (Map.Entry<String, Endpoint> e : routes().entrySet()) {
            Handler h = handler(e.getValue());
            routes.get(e.getKey(), h);
            routes.post(e.getKey(), h);
        }
    }

    /** A Jetty handler answering the Akismet paths itself, in front of {@code next} (see {@link AkismetHandler}). */
    public org.eclipse.jetty.server.Handler.Wrapper fastPath(ServerMetrics metrics) {
        return new AkismetHandler(routes(), maxRequestBytes, metrics);
    }

    private Handler handler(Endpoint endpoint) {
        return ctx -> {
            byte[] body;
            try {
                body = RequestBody.read(ctx.req(), maxRequestBytes);
            } catch (RequestBody.TooLargeException e) {
                Replies.text(ctx, 413, "Request body too large: the limit is " + e.limit() + " bytes.");
                return;
            } catch (RequestBody.MalformedException e) {
                Replies.text(ctx, 400, "Malformed request body.");
                return;
            }
            FormData form = FormData.parse(ctx.req().getQueryString(), body, ctx.header("Content-Type"));
            Answer a;
            try {
                a = endpoint.apply(new Request(form, ctx.header("Host"), ctx.header("Authorization"))).join();
            } catch (CompletionException e) {
                // the store's own exception, so that the error handlers map it (503 when unavailable)
                if (Failures.unwrap(e) instanceof RuntimeException r) throw r;
                throw e;
            }
            Replies.write(ctx, a.status(), a.contentType(), a.body(), a.headers());
        };
    }

    // ---- keys ------------------------------------------------------------------------------

    /** A verified key, or the answer to give when there is none. */
    private record KeyCheck(ApiKey key, String plaintext, Answer error) {}

    private KeyCheck key(Request r, boolean keyFieldFirst) {
        String candidate = KeySources.find(r.form(), r.host(), r.authorization(), keyFieldFirst);
        if (candidate == null || candidate.isEmpty()) {
            return new KeyCheck(null, null,
                    Answer.invalid(keyFieldFirst ? "Empty \"key\" value" : "Empty \"api_key\" value"));
        }
        Optional<ApiKey> k = candidate.length() > MAX_KEY_CHARS ? Optional.empty() : store.keys().verify(candidate);
        if (k.isEmpty()) return new KeyCheck(null, null, Answer.invalid("Invalid API key"));
        return new KeyCheck(k.get(), candidate, null);
    }

    /** The site row for the request's {@code blog}, or null when the URL is unusable. */
    private Long site(long keyId, String blog) {
        try {
            return store.keys().site(keyId, blog).id();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final Answer BAD_BLOG = Answer.invalid("We were unable to parse your blog URI");
    private static final Answer MISSING_BLOG = Answer.error("Missing required field: blog.", "Empty \"blog\" value");

    // ---- endpoints -------------------------------------------------------------------------

    private Answer verifyKey(Request r) {
        KeyCheck k = key(r, true);
        return k.error() != null ? k.error() : Answer.text("valid");
    }

    private CompletableFuture<Answer> commentCheck(Request r) {
        String guid = CheckService.newGuid();
        return commentCheck(r, guid).thenApply(a -> a.withHeader(Answer.GUID, guid));
    }

    /** Judged on the calling thread; completes when the check is recorded (on a store thread). */
    private CompletableFuture<Answer> commentCheck(Request r, String guid) {
        KeyCheck k = key(r, false);
        if (k.error() != null) return CompletableFuture.completedFuture(k.error());
        CommentFields fields = AkismetFields.from(r.form(), clock.instant(), checks.limits());
        if (fields.blog().isEmpty()) return CompletableFuture.completedFuture(MISSING_BLOG);
        if (fields.userIp().isEmpty()) {
            return CompletableFuture.completedFuture(
                    Answer.error("Missing required field: user_ip.", "Empty \"user_ip\" value"));
        }
        Long siteId = site(k.key().id(), fields.blog());
        if (siteId == null) return CompletableFuture.completedFuture(BAD_BLOG);
        return checks.checkAsync(guid, siteId, fields, r.form().flag("is_test")).thenApply(o -> {
            Answer a = o.label().isSpam() ? SPAM : HAM;
            if (o.label() == Label.DISCARD && !o.trigger()) a = a.withHeader(Answer.PRO_TIP, "discard");
            return a;
        });
    }

    private static final Answer SPAM = Answer.text("true");
    private static final Answer HAM = Answer.text("false");

    private Answer submit(Request r, boolean spam) {
        KeyCheck k = key(r, false);
        if (k.error() != null) return k.error();
        CommentFields fields = AkismetFields.from(r.form(), clock.instant(), checks.limits());
        Long siteId = null;
        if (!fields.blog().isEmpty()) {
            siteId = site(k.key().id(), fields.blog());
            if (siteId == null) return BAD_BLOG;
        }
        try {
            checks.correct(k.key().id(), siteId, r.form().get("guid"), fields, spam, r.form().flag("is_test"),
                    spam ? "submit-spam" : "submit-ham");
        } catch (CheckService.NoSiteException e) {
            return MISSING_BLOG;
        }
        return Answer.text(THANKS);
    }

    private Answer keySites(Request r) {
        KeyCheck k = key(r, false);
        if (k.error() != null) return k.error();
        FormData f = r.form();
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        String m = f.get("month");
        if (m != null && !m.isBlank()) {
            try {
                month = YearMonth.parse(m.strip());
            } catch (DateTimeParseException ignored) {
                // not YYYY-MM: the current month, as when it is missing
            }
        }
        String order = f.value("order").strip().toLowerCase(Locale.ROOT);
        AkismetStats.SitesQuery q = new AkismetStats.SitesQuery(month, Text.clean(f.value("filter"), 256).strip(),
                order, intParam(f, "limit", 500, 1, 100_000), intParam(f, "offset", 0, 0, Integer.MAX_VALUE));
        List<SiteMonth> rows = store.checks().monthly(k.key().id(), month);
        if (f.value("format").strip().equalsIgnoreCase("csv")) {
            return new Answer(200, Replies.CSV, AkismetStats.keySitesCsv(rows, q, k.plaintext()), Map.of());
        }
        return Answer.json(AkismetStats.keySitesJson(rows, q));
    }

    private static int intParam(FormData f, String name, int dflt, int min, int max) {
        String v = f.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            long n = Long.parseLong(v.strip());
            return n < min ? dflt : (int) Math.min(n, max);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private Answer usageLimit(Request r) {
        KeyCheck k = key(r, false);
        if (k.error() != null) return k.error();
        long usage = store.checks().callsInMonth(k.key().id(), YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        return Answer.json(AkismetStats.usageLimitJson(usage, r.form().flag("extended")));
    }

    private Answer getSubscription(Request r) {
        KeyCheck k = key(r, true);
        if (k.error() != null) return k.error();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account_id", k.key().id());
        out.put("account_type", "self-hosted");
        out.put("account_name", "Winnow");
        out.put("status", "active");
        out.put("next_billing_date", false);
        out.put("limit_reached", false);
        return Answer.json(Replies.toJson(out));
    }

    private Answer getStats(Request r) {
        KeyCheck k = key(r, false);
        if (k.error() != null) return k.error();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        YearMonth created = k.key().createdAt() == null ? null
                : YearMonth.from(k.key().createdAt().atZone(ZoneOffset.UTC));
        TreeMap<YearMonth, List<SiteMonth>> months = new TreeMap<>();
        for (YearMonth m : AkismetStats.monthsFor(r.form().get("from"), YearMonth.from(today), created, today)) {
            months.put(m, store.checks().monthly(k.key().id(), m));
        }
        return Answer.json(AkismetStats.statsJson(months));
    }

    private Answer token(Request r) {
        KeyCheck k = key(r, false);
        if (k.error() != null) return k.error();
        return Answer.text(CheckService.newGuid());
    }

    private Answer deactivate(Request r) {
        KeyCheck k = key(r, true);
        if (k.error() != null) return k.error();
        return Answer.text("deactivated");
    }
}
