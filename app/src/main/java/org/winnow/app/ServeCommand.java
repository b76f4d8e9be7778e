package org.winnow.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.traffic.RecentTraffic;
import org.winnow.platform.CommentLimits;
import org.winnow.platform.Platform;
import org.winnow.platform.PlatformConfig;
import org.winnow.platform.SpamFilter;
import org.winnow.server.ServerConfig;
import org.winnow.server.WinnowServer;
import org.winnow.server.learning.TrafficFeed;
import org.winnow.store.Store;
import org.winnow.training.DefaultModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winnow serve}: opens the store, loads the model and serves until stopped. */
@Command(name = "serve", description = "Run the server: the Akismet-compatible API, the JSON API and the comment pages.")
final class ServeCommand implements Callable<Integer> {

    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL readers use to reach this server, for links in pages, feeds and the widget (default: http://localhost:PORT).")
    String publicUrl;

    @Option(names = "--trust-proxy", defaultValue = "false",
            description = "Take the client's address and scheme from X-Forwarded-For / X-Forwarded-Proto (only behind your own reverse proxy).")
    boolean trustProxy;

    @Option(names = "--max-request-bytes", defaultValue = "1048576", description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(names = "--comments-per-minute", defaultValue = "5",
            description = "Comments one client address may post to one site in a burst, refilled over a minute (default: ${DEFAULT-VALUE}; 0: no such limit).")
    int commentsPerMinute;

    @Option(names = "--comments-per-hour", defaultValue = "30",
            description = "Comments one client address may post to one site per hour (default: ${DEFAULT-VALUE}; 0: no such limit).")
    int commentsPerHour;

    @Option(names = "--share-traffic", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "On PostgreSQL, replay the comments other nodes judge into this node's recent-traffic signals"
                    + " (bursts, near-copies), so they count every node's traffic (default: on; --no-share-traffic: each node counts its own).")
    boolean shareTraffic;

    @Option(names = "--aot-training",
            description = "Start on a scratch folder, answer a first visitor's requests, then stop: the run to record"
                    + " a start-up cache from (java -XX:AOTCacheOutput=FILE -jar winnow.jar serve --aot-training; the launcher does it).")
    boolean aotTraining;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** A started server and what it holds open. */
    record Running(Store store, Platform platform, WinnowServer server, String base) {
        void stop() {
            server.stop();
            platform.close();
            store.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (aotTraining) return AotTraining.run(this);
        Running running = start(spec.commandLine().getOut());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            stopped.countDown();
        }, "winnow-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Opens the store, loads the model, starts listening and prints where. Work that does not wait for
     * other work runs beside it: the model is read and the engine's tables built while the store opens
     * and migrates, and the platform (first-start demo content, setup link) is made while the server
     * replays corrections and starts Jetty, which waits for it only to mount its routes
     * (docs/performance.md has the figures).
     */
    Running start(PrintWriter out) {
        CommentLimits limits;
        try {
            limits = new CommentLimits(commentsPerMinute, commentsPerHour);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long t0 = System.nanoTime();
        int listenPort = port == 0 ? freePort() : port;
        String siteUrl = publicUrl != null ? Sites.checkUrl(publicUrl).replaceAll("/+$", "") : "http://localhost:" + listenPort;

        CompletableFuture<SpamEngine> engine = CompletableFuture.supplyAsync(
                () -> SpamEngine.create(DefaultModel.load(), RecentTraffic.withDefaults()), ServeCommand::startThread);
        Store s = store.open();
        CompletableFuture<Platform> platform = null;
        WinnowServer server = null;
        try {
            // The first key comes before the platform, which files its demo site under it.
            String firstKey = ensureFirstKey(s, siteUrl);
            ServerConfig config = ServerConfig.defaults().withHost(host).withPort(listenPort).withMaxRequestBytes(maxRequestBytes)
                    .withShareTraffic(shareTraffic);
            WinnowServer created = new WinnowServer(s, joined(engine), config);
            PlatformConfig platformConfig = new PlatformConfig(store.secret(), siteUrl, trustProxy, Clock.systemUTC(), limits);
            CompletableFuture<Platform> made = CompletableFuture.supplyAsync(
                    () -> Platform.create(s, store.databaseUrl(), new ServerFilter(created), platformConfig), ServeCommand::startThread);
            platform = made;
            // comments posted on the platform's pages share the recent-traffic signals with the API's checks
            server = created.withRoutes(cfg -> Platform.register(cfg, joined(made)))
                    .withTrafficSource(platformComments(made))
                    .start();
            Platform ready = joined(made);

            String base = "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + server.port();
            if (firstKey != null) out.println(firstKey);
            ready.setupLink().ifPresent(link -> out.println("  First admin: open " + link
                    + "   (or run: winnow admin create --user NAME)"));
            out.println("  Demo article: " + siteUrl + "/   Moderation: " + siteUrl + "/admin   JSON API: " + base + "/api/v1/check");
            out.printf("Winnow is listening on %s (store: %s, started in %d ms)%n", base, s.kind(),
                    (System.nanoTime() - t0) / 1_000_000);
            out.flush();
            return new Running(s, ready, server, base);
        } catch (RuntimeException e) {
            if (server != null) server.stop();
            if (platform != null) {
                // made or failed, it is done with the store before the store closes
                try {
                    joined(platform).close();
                } catch (RuntimeException ignored) {
                    // its own failure, if any, is e or came second
                }
            }
            s.close();
            throw e;
        }
    }

    /** Start-up work beside the main thread: a daemon thread per task, so a failed start never waits on one. */
    private static void startThread(Runnable task) {
        Thread.ofPlatform().name("winnow-start").daemon().start(task);
    }

    /** The value of finished or running start-up work; its failure as it was thrown, not wrapped. */
    private static <T> T joined(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** On the very first start, makes a site and key so the API can be called right away. */
    private static String ensureFirstKey(Store s, String siteUrl) {
        // createFirst is atomic: nodes racing on an empty database make exactly one key between them.
        return s.keys().createFirst(siteUrl, "first key, made by winnow serve")
                .map(c -> "  API key for " + c.site().url() + ": " + c.plaintext()
                        + "   (stored hashed; shown only now — make more with: winnow keys create --site URL)")
                .orElse(null);
    }

    /** The comments the platform judged, as the server's traffic feed reads them. */
    private static TrafficFeed.Source platformComments(CompletableFuture<Platform> platform) {
        return (from, limit, known) -> joined(platform).judgedSince(from, limit, id -> known.test(ServerFilter.trafficId(id)))
                .stream()
                .map(j -> new TrafficFeed.Judged(ServerFilter.trafficId(j.id()), Long.toString(j.apiSiteId()),
                        Instant.ofEpochMilli(j.at()), j.comment(), TrafficFeed.logOdds(j.score())))
                .toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port: " + e.getMessage(), e);
        }
    }

    /** The platform judges and learns through the server's live model, like the Akismet API. */
    record ServerFilter(WinnowServer server) implements SpamFilter {
        @Override
        public Verdict judge(long siteId, Comment comment) {
            return server.judge(siteId, comment);
        }

        @Override
        public void correct(long siteId, long commentId, Comment comment, boolean spam, String source) {
            server.correct(siteId, trafficId(commentId), comment, spam, source);
        }

        @Override
        public void forget(long siteId, long commentId) {
            server.forget(siteId, trafficId(commentId));
        }

        @Override
        public List<Decision> decisions(long siteId, long commentId) {
            return server.decisions(siteId, trafficId(commentId)).stream()
                    .map(c -> new Decision(c.spam(), c.source(), c.at())).toList();
        }

        @Override
        public void storing(long commentId) {
            server.judgedHere(trafficId(commentId));
        }

        /** A platform comment's id among the server's traffic ids (check guids are 32 hex digits). */
        static String trafficId(long commentId) {
            return "comment:" + commentId;
        }
    }
}
