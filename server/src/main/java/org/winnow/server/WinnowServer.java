package org.winnow.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.model.Model;
import org.winnow.engine.traffic.RecentTraffic;
import org.winnow.engine.traffic.TrafficSettings;
import org.winnow.server.akismet.AkismetApi;
import org.winnow.server.api.NativeApi;
import org.winnow.server.checks.CheckService;
import org.winnow.server.checks.CommentFields;
import org.winnow.server.checks.Limits;
import org.winnow.server.http.Failures;
import org.winnow.server.http.Replies;
import org.winnow.server.learning.LiveModel;
import org.winnow.server.metrics.ServerMetrics;
import org.winnow.store.Corrections;
import org.winnow.store.Corrections.Correction;
import org.winnow.store.Store;

/**
 * Winnow's HTTP server: the Akismet-compatible API, the native JSON API and health probes, over a
 * {@link Store} and a live model (the base model plus the store's correction log).
 *
 * <pre>{@code
 * Store store = Store.open("jdbc:sqlite:/var/lib/winnow/winnow.db", secret);
 * WinnowServer server = new WinnowServer(store, Model.read(in), ServerConfig.defaults().withPort(8080));
 * server.start();          // replays the correction log, then listens
 * ...
 * server.stop();           // the store stays open: the caller closes it
 * }</pre>
 */
public final class WinnowServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WinnowServer.class);

    private final Store store;
    private final Model baseModel;
    private final ServerConfig config;
    private final Clock clock;

    private final List<Consumer<JavalinConfig>> extraRoutes = new ArrayList<>();
    private Javalin app;
    private LiveModel model;
    private Limits limits;
    private ServerMetrics metrics;

    public WinnowServer(Store store, Model baseModel, ServerConfig config) {
        this(store, baseModel, config, Clock.systemUTC());
    }

    WinnowServer(Store store, Model baseModel, ServerConfig config, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.baseModel = Objects.requireNonNull(baseModel, "baseModel");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds routes of another module (the comment pages, the admin) to this server's HTTP config.
     * Call before {@link #start()}.
     */
    public synchronized WinnowServer withRoutes(Consumer<JavalinConfig> routes) {
        if (app != null) throw new IllegalStateException("already started");
        extraRoutes.add(Objects.requireNonNull(routes, "routes"));
        return this;
    }

    /** Judges a comment with the live model, for modules that keep their own record of it. */
    public Verdict judge(long siteId, Comment comment) {
        return started().judge(Long.toString(siteId), comment);
    }

    /**
     * Files a moderator's decision exactly as a submit-spam / submit-ham: appended to the
     * correction log (so every node learns it) and learned here before this returns.
     */
    public void correct(long siteId, Comment comment, boolean spam, String source) {
        LiveModel live = started();
        CommentFields fields = CommentFields.fromComment(comment, limits);
        Correction appended = store.corrections().append(new Correction(0, siteId, null, spam, source,
                fields.toStoredJson(false, Corrections.MAX_COMMENT_CHARS), clock.instant(), null));
        live.applyThrough(appended.seq());
    }

    private synchronized LiveModel started() {
        if (model == null) throw new IllegalStateException("not started");
        return model;
    }

    /**
     * Builds the live model (base model + every correction in the store, in order), starts the
     * poller that picks up other nodes' corrections, and starts listening. Returns this server.
     */
    public synchronized WinnowServer start() {
        if (app != null) throw new IllegalStateException("already started");
        Limits limits = new Limits(config.maxContentChars(), config.maxFieldChars(), Limits.defaults().maxListItems());
        long t0 = System.nanoTime();
        // Recent-traffic signals (bursts, near-copies, foreign script) on this server's clock. Each node
        // tracks the traffic it sees itself: behind a load balancer a burst shows on each node in part.
        RecentTraffic traffic = new RecentTraffic(TrafficSettings.defaults(), clock);
        LiveModel live = LiveModel.of(SpamEngine.create(baseModel, traffic), store.corrections(),
                c -> CheckService.learnable(c, limits));
        ServerMetrics metrics = new ServerMetrics();
        try {
            live.onApplied(c -> metrics.correctionApplied(c.at(), clock.instant()));
            live.sync();
            LOG.info("model ready: {} corrections learned in {} ms", live.learnedCount(),
                    (System.nanoTime() - t0) / 1_000_000);
            live.startPolling(config.pollInterval());
            metrics.counter("winnow.corrections.learned", "Corrections learned by this node's model", live,
                    LiveModel::learnedCount);
            metrics.counter("winnow.corrections.skipped", "Corrections skipped (test traffic, unreadable)", live,
                    LiveModel::skippedCount);
            metrics.gauge("winnow.corrections.applied.seq", "Highest correction log seq applied on this node", live,
                    LiveModel::lastApplied);
            CheckService checks = new CheckService(store, live, limits, clock, metrics);
            AkismetApi akismet = new AkismetApi(store, checks, config.maxRequestBytes(), clock);
            NativeApi api = new NativeApi(store, checks, config.maxRequestBytes());
            this.limits = limits;
            Javalin created = Javalin.create(cfg -> configure(cfg, akismet, api, live, metrics));
            created.start(config.host(), config.port());
            this.model = live;
            this.app = created;
            this.metrics = metrics;
            LOG.info("listening on {}:{}", config.host(), created.port());
            return this;
        } catch (RuntimeException e) {
            metrics.close();
            live.close();
            throw e;
        }
    }

    /** The port it listens on (the real one when the config said 0). */
    public synchronized int port() {
        if (app == null) throw new IllegalStateException("not started");
        return app.port();
    }

    /** Stops listening and the poller. The store is left open (its owner closes it). */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
        if (model != null) {
            model.close();
            model = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void configure(JavalinConfig cfg, AkismetApi akismet, NativeApi api, LiveModel live, ServerMetrics metrics) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        // Exact bytes with an explicit Content-Length: never compress, never chunk.
        cfg.http.compressionStrategy = CompressionStrategy.NONE;
        cfg.http.maxRequestSize = config.maxRequestBytes();
        cfg.http.prefer405over404 = true; // a known path with the wrong method says so
        cfg.jetty.modifyServer(server -> {
            // The Akismet endpoints are answered in front of Javalin (AkismetHandler says why);
            // Javalin puts its servlet context inside this wrapper.
            server.setHandler(akismet.fastPath(metrics));
            // Requests Jetty rejects before routing (unparseable URI, oversized headers): a short
            // plain-text page, never a stack trace.
            ErrorHandler errors = new ErrorHandler();
            errors.setShowStacks(false);
            errors.setShowCauses(false);
            errors.setShowMessageInTitle(false);
            errors.setDefaultResponseMimeType("text/plain");
            server.setErrorHandler(errors);
        });
        cfg.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setRequestHeaderSize(16 * 1024);
        });

        akismet.register(cfg.routes);
        api.register(cfg.routes);
        for (Consumer<JavalinConfig> extra : extraRoutes) extra.accept(cfg);
        cfg.routes.get("/healthz", ctx -> Replies.json(ctx, 200, Map.of("status", "ok")));
        cfg.routes.get("/readyz", ctx -> ready(ctx, live));
        cfg.routes.get("/metrics", ctx -> {
            byte[] body = metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8")
                    .header("Content-Length", Integer.toString(body.length)).result(body);
        });
        cfg.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms));

        cfg.routes.exception(Exception.class, (e, ctx) -> {
            Failures f = Failures.of(e, ctx.method().name(), ctx.path());
            answerError(ctx, f.status(), f.message());
        });
        cfg.routes.error(404, ctx -> {
            if (!Replies.written(ctx)) answerError(ctx, 404, "Not found.");
        });
        cfg.routes.error(405, ctx -> {
            if (!Replies.written(ctx)) answerError(ctx, 405, "Method not allowed.");
        });
        cfg.routes.error(500, ctx -> {
            if (!Replies.written(ctx)) answerError(ctx, 500, "Internal server error.");
        });
    }

    /** The matched route pattern, so that metrics have one series per route, not per URL. */
    private static String routeOf(Context ctx) {
        if (ctx.statusCode() == 404) return "unmatched";
        try {
            io.javalin.router.Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? "unmatched" : e.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** Plain text, or {@code {"error": …}} under {@code /api/}. */
    private static void answerError(Context ctx, int status, String message) {
        if (ctx.path().startsWith("/api/")) {
            String m = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
            Replies.jsonError(ctx, status, m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1));
        } else {
            Replies.text(ctx, status, message);
        }
    }

    private void ready(Context ctx, LiveModel live) {
        boolean up;
        try {
            up = store.ping();
        } catch (RuntimeException e) {
            up = false;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", up ? "ready" : "unavailable");
        out.put("store", store.kind());
        out.put("corrections_applied", live.lastApplied());
        Replies.json(ctx, up ? 200 : 503, out);
    }
}
