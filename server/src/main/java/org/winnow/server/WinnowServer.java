package org.winnow.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
import org.winnow.server.learning.TrafficFeed;
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
    /** How far back a starting node reads recorded checks to rebuild its recent traffic (the profiles learn from them too). */
    private static final Duration TRAFFIC_HISTORY = Duration.ofHours(24);
    /** Most checks (and as many platform comments) a starting node replays: the newest. */
    private static final int TRAFFIC_START_LIMIT = 20_000;
    /** Most checks of other nodes one poll reads. */
    private static final int TRAFFIC_POLL_LIMIT = 10_000;
    /** How far before the previous poll each poll reads again, for batches that committed late. */
    private static final Duration TRAFFIC_LOOK_BACK = Duration.ofSeconds(2);
    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    static {
        // Jetty sizes its queue padding by whether object references are compressed, and asks the
        // platform MBean server, which registers every platform MBean (down to parsing JFR's settings
        // files) on first use: about a tenth of a second of a start on two cores, for a hint. Heaps
        // under 32 GB use compressed references (4 bytes; 16 in a 64-byte cache line).
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, Runtime.getRuntime().maxMemory() < (32L << 30) ? "16" : "8");
        }
    }

    private final Store store;
    /** The engine each {@link #start()} begins from: a fresh one from the base model, or the one a caller built. */
    private final Supplier<SpamEngine> engines;
    private final ServerConfig config;
    private final Clock clock;

    private final List<Consumer<JavalinConfig>> extraRoutes = new ArrayList<>();
    private final List<TrafficFeed.Source> trafficSources = new ArrayList<>();
    private Javalin app;
    private LiveModel model;
    private TrafficFeed feed;
    private Limits limits;
    private ServerMetrics metrics;

    public WinnowServer(Store store, Model baseModel, ServerConfig config) {
        this(store, baseModel, config, Clock.systemUTC());
    }

    /**
     * A server whose live model starts from {@code engine}, built by the caller (the app builds it
     * while the store opens; a server's engine is {@code SpamEngine.create(model, RecentTraffic.withDefaults())}).
     * The server owns it from here: starting teaches it the store's corrections, so such a server
     * starts once.
     */
    public WinnowServer(Store store, SpamEngine engine, ServerConfig config) {
        this(store, startsOnce(Objects.requireNonNull(engine, "engine")), config, Clock.systemUTC());
    }

    WinnowServer(Store store, Model baseModel, ServerConfig config, Clock clock) {
        this(store, fresh(Objects.requireNonNull(baseModel, "baseModel"), clock), config, clock);
    }

    private WinnowServer(Store store, Supplier<SpamEngine> engines, ServerConfig config, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.engines = engines;
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Recent-traffic signals (bursts, near-copies, foreign script and language) on this server's clock. */
    private static Supplier<SpamEngine> fresh(Model baseModel, Clock clock) {
        return () -> SpamEngine.create(baseModel, new RecentTraffic(TrafficSettings.defaults(), clock));
    }

    private static Supplier<SpamEngine> startsOnce(SpamEngine engine) {
        AtomicReference<SpamEngine> unused = new AtomicReference<>(engine);
        return () -> {
            SpamEngine e = unused.getAndSet(null);
            if (e == null) {
                throw new IllegalStateException("this server was given a built engine, which learned the store's"
                        + " corrections when it first started: make a new server to start again");
            }
            return e;
        };
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

    /**
     * Adds comments that another module judged through {@link #judge} and keeps in its own tables (the
     * comment platform's), so that they rebuild this node's recent traffic when it starts and reach the
     * other nodes' (the recorded checks are read anyway). Its ids must not look like check guids. Call
     * before {@link #start()}.
     */
    public synchronized WinnowServer withTrafficSource(TrafficFeed.Source source) {
        if (app != null) throw new IllegalStateException("already started");
        trafficSources.add(Objects.requireNonNull(source, "source"));
        return this;
    }

    /**
     * The comment this node just judged through {@link #judge} will be stored under {@code id} (the id
     * its {@linkplain #withTrafficSource traffic source} gives it): it is in this node's recent traffic
     * already and is not replayed.
     */
    public void judgedHere(String id) {
        TrafficFeed f;
        synchronized (this) {
            f = feed;
        }
        if (f != null) f.judgedHere(id);
    }

    /** Judges a comment with the live model, for modules that keep their own record of it. */
    public Verdict judge(long siteId, Comment comment) {
        return started().judge(Long.toString(siteId), comment);
    }

    /**
     * Files a moderator's decision exactly as a submit-spam / submit-ham: appended to the
     * correction log (so every node learns it) and learned here before this returns.
     *
     * @param subject what the decision is about (the platform's {@code "comment:<id>"}), so that
     *                {@link #forget} can erase the copy it keeps; null for none
     */
    public void correct(long siteId, String subject, Comment comment, boolean spam, String source) {
        LiveModel live = started();
        CommentFields fields = CommentFields.fromComment(comment, limits);
        Correction appended = store.corrections().append(new Correction(0, siteId, null, spam, source,
                fields.toStoredJson(false, Corrections.MAX_COMMENT_CHARS), clock.instant(), null), subject);
        live.applyThrough(appended.seq());
    }

    /**
     * Erases the copies of a comment's fields that {@link #correct} put in the correction log under
     * {@code subject}, when its author asks for the comment to be erased. The model forgets it when the
     * nodes next start (they replay the log without it); returns how many copies were erased.
     */
    public int forget(long siteId, String subject) {
        return store.corrections().erase(siteId, subject);
    }

    /** The decisions {@link #correct} keeps under {@code subject}, oldest first (for the comment's author to see). */
    public List<Correction> decisions(long siteId, String subject) {
        return store.corrections().about(siteId, subject);
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
        SpamEngine engine = engines.get();
        LiveModel live = LiveModel.of(engine, store.corrections(), c -> CheckService.learnable(c, limits));
        // The recent traffic is rebuilt from the recorded checks when the node starts, and on PostgreSQL
        // it follows the checks the other nodes record (a SQLite file has one node: nothing to follow).
        List<TrafficFeed.Source> sources = new ArrayList<>(trafficSources);
        sources.addFirst(CheckService.trafficSource(store, limits));
        TrafficFeed feed = new TrafficFeed(engine::recordJudged, sources, clock,
                TRAFFIC_HISTORY, TRAFFIC_START_LIMIT, TRAFFIC_POLL_LIMIT, TRAFFIC_LOOK_BACK);
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
            // one read at start; then, when other nodes may share the database, keep following it
            boolean follow = config.shareTraffic() && !store.kind().equals("sqlite");
            feed.start(follow ? config.pollInterval() : null);
            metrics.counter("winnow.traffic.replayed", "Comments judged by other nodes, or before this node started,"
                    + " replayed into this node's recent-traffic signals", feed, TrafficFeed::replayedCount);
            CheckService checks = new CheckService(store, live, limits, clock, metrics, feed);
            AkismetApi akismet = new AkismetApi(store, checks, config.maxRequestBytes(), clock);
            NativeApi api = new NativeApi(store, checks, config.maxRequestBytes());
            this.limits = limits;
            Javalin created = Javalin.create(cfg -> configure(cfg, akismet, api, live, metrics));
            created.start(config.host(), config.port());
            this.model = live;
            this.feed = feed;
            this.app = created;
            this.metrics = metrics;
            LOG.info("listening on {}:{}", config.host(), created.port());
            return this;
        } catch (RuntimeException e) {
            feed.close();
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
        if (feed != null) {
            feed.close();
            feed = null;
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
