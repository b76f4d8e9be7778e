package org.winnow.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What {@code GET /metrics} shows, in the Prometheus text format: requests per route, checks by
 * verdict, corrections learned and how long they took to reach this node, and the JVM.
 *
 * <p>Routes are the matched route patterns ({@code /1.1/comment-check}, {@code /a/{slug}}), never
 * raw paths, so a scanner probing random URLs adds one {@code unmatched} series, not thousands.
 */
public final class ServerMetrics implements AutoCloseable {

    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> checkCounters = new ConcurrentHashMap<>();
    private final Timer correctionLag;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        correctionLag = Timer.builder("winnow.correction.lag")
                .description("From a correction being received (on any node) to this node learning it")
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30))
                .register(registry);
    }

    /** One HTTP request: the route pattern (or {@code unmatched}), method, status and time taken. */
    public void request(String method, String route, int status, double millis) {
        timer(method, route, status).record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /**
     * The request timers of one route and method, for a caller that knows its route up front: the
     * 200 series is looked up once, other statuses as {@link #request} does.
     */
    public RouteTimer routeTimer(String method, String route) {
        return new RouteTimer(method, route);
    }

    /** See {@link #routeTimer}. */
    public final class RouteTimer {
        private final String method;
        private final String route;
        private volatile Timer ok; // made on first use, so unused routes add no series

        private RouteTimer(String method, String route) {
            this.method = method;
            this.route = route;
        }

        public void record(int status, long nanos) {
            Timer t;
            if (status != 200) {
                t = timer(method, route, status);
            } else if ((t = ok) == null) {
                t = ok = timer(method, route, 200);
            }
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String method, String route, int status) {
        String key = method + ' ' + route + ' ' + status;
        Timer t = requestTimers.get(key);
        if (t == null) {
            t = requestTimers.computeIfAbsent(key, k -> Timer.builder("winnow.http.requests")
                    .description("HTTP requests by route, method and status")
                    .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry));
        }
        return t;
    }

    /** One recorded comment-check, by verdict ({@code ham}, {@code spam}, {@code discard}). */
    public void check(String verdict, boolean test) {
        String key = verdict + (test ? "/test" : "");
        Counter c = checkCounters.get(key);
        if (c == null) {
            c = checkCounters.computeIfAbsent(key, k -> Counter.builder("winnow.checks")
                    .description("Comment checks recorded, by verdict")
                    .tag("verdict", verdict).tag("test", Boolean.toString(test))
                    .register(registry));
        }
        c.increment();
    }

    /** A correction this node just learned (or skipped), received at {@code receivedAt} by some node. */
    public void correctionApplied(Instant receivedAt, Instant now) {
        Duration lag = Duration.between(receivedAt, now);
        // Node clocks can disagree a little; a negative lag is clock skew, not time travel.
        correctionLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** A monotonically growing count read from {@code source} at every scrape. */
    public <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).register(registry);
    }

    /** A value read from {@code source} at every scrape. */
    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    /** Everything, in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
