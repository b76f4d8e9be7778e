package org.winnow.server.learning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winnow.engine.Comment;

/**
 * Keeps this node's record of recent traffic (bursts from one network, waves of near-copies, the
 * script and language each site's readers write in) in step with the database, which every node
 * records its checks to. The record itself lives in memory, in the engine; this feeds it:
 * <ul>
 *   <li>when the node starts, with the judged comments of the last {@code history} (the newest
 *       {@code startLimit} of them), so a restart, or a node that replaces one that died, knows what
 *       the node before it knew;</li>
 *   <li>while it runs, when other nodes share the database, with the comments they judged, so a
 *       burst spread over the nodes by a round-robin balancer shows whole on each of them.</li>
 * </ul>
 * Comments this node judged itself are recorded when it judges them ({@link #judgedHere}) and are not
 * replayed. Each poll reads from {@code lookBack} before the previous one, because a row becomes
 * visible when its batch commits, a little after the time it carries (clocks of the nodes are
 * assumed within {@code lookBack} of each other, as NTP keeps them); rows seen before cost only
 * their id there. A row committed later than that is not replayed (its traffic is missed, nothing
 * else). The ids remembered are those of the last {@code lookBack} plus one interval and a few
 * seconds. Replay happens on the feed's own thread; judging never waits for it.
 */
public final class TrafficFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficFeed.class);

    /**
     * Comments judged somewhere: of the newest {@code limit} at or after {@code from}, those whose id
     * {@code known} does not accept, oldest first.
     */
    @FunctionalInterface
    public interface Source {
        List<Judged> since(Instant from, int limit, Predicate<String> known);
    }

    /**
     * One comment judged on some node.
     *
     * @param id      unique among all the sources' comments (a source whose ids could clash with another's prefixes them)
     * @param site    the site key the engine judged it for
     * @param logOdds the log-odds it was judged with
     */
    public record Judged(String id, String site, Instant at, Comment comment, double logOdds) {}

    /** The log-odds of a recorded score in [0, 1] (clamped away from 0 and 1, which a score may be). */
    public static double logOdds(double score) {
        double p = Math.min(1 - 1e-12, Math.max(1e-12, score));
        return Math.log(p / (1 - p));
    }

    /** Adds a comment judged elsewhere to this node's recent traffic (the engine's {@code recordJudged}). */
    @FunctionalInterface
    public interface Recorder {
        void record(String site, Comment comment, long judgedAt, double logOdds);
    }

    private final Recorder recorder;
    private final List<Source> sources;
    private final Clock clock;
    private final Duration history;
    private final int startLimit;
    private final int pollLimit;
    private final long lookBackMillis;
    private static final long FORGET_MARGIN_MILLIS = 5_000;
    /** Ids judged here or replayed, with their time; forgotten once no poll can read them again. */
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    private long lastPoll;                // this node's time at the last poll; guarded by this
    private boolean started;              // guarded by this
    /** False once a feed that reads only at start has read: nothing more to tell apart. */
    private volatile boolean tracking = true;
    private long replayed;                // guarded by this
    private ScheduledExecutorService poller; // guarded by this
    private final Background.Throttle pollFailures = new Background.Throttle();

    /**
     * @param history    how far back the first read looks (the longest window of the traffic signals)
     * @param startLimit most comments the first read replays (the newest)
     * @param pollLimit  most comments one poll reads
     * @param lookBack   how far before the previous poll each poll reads again
     */
    public TrafficFeed(Recorder recorder, List<Source> sources, Clock clock, Duration history, int startLimit,
                       int pollLimit, Duration lookBack) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.sources = List.copyOf(sources);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = Objects.requireNonNull(history, "history");
        if (startLimit < 1 || pollLimit < 1) throw new IllegalArgumentException("limits must be at least 1");
        this.startLimit = startLimit;
        this.pollLimit = pollLimit;
        this.lookBackMillis = lookBack.toMillis();
    }

    /** This node judged {@code id} and recorded its traffic itself: never replay it. Call before it is stored. */
    public void judgedHere(String id) {
        if (tracking) known.put(id, clock.millis());
    }

    /**
     * Reads and replays what is new: on the first call the last {@code history}, then what other nodes
     * recorded since the previous call (looking {@code lookBack} further back). Returns how many
     * comments were replayed.
     */
    public synchronized int poll() {
        long now = clock.millis();
        long from = started ? lastPoll - lookBackMillis : now - history.toMillis();
        int limit = started ? pollLimit : startLimit;
        Predicate<String> seen = known::containsKey;
        List<Judged> batch = new ArrayList<>();
        for (Source source : sources) batch.addAll(source.since(Instant.ofEpochMilli(from), limit, seen));
        if (sources.size() > 1) batch.sort(Comparator.comparing(Judged::at)); // each source's are in order already
        started = true;
        lastPoll = now;
        int n = 0;
        for (Judged j : batch) {
            long at = j.at().toEpochMilli();
            if (known.putIfAbsent(j.id(), at) != null) continue; // judged here while this poll read
            try {
                recorder.record(j.site(), j.comment(), at, j.logOdds());
                n++;
            } catch (RuntimeException e) {
                LOG.warn("cannot replay comment {} into the recent traffic; skipped: {}", j.id(), e.toString());
            }
        }
        // The next poll reads from now - lookBack: what is older cannot come back. (Own comments are
        // known from just before their row's time; the margin covers that.)
        long forget = now - lookBackMillis - FORGET_MARGIN_MILLIS;
        known.values().removeIf(t -> t < forget);
        replayed += n;
        return n;
    }

    /** Ids remembered now (tests of the bound). */
    int remembered() {
        return known.size();
    }

    /** Comments replayed so far. */
    public synchronized long replayedCount() {
        return replayed;
    }

    /**
     * Runs the first read at once, on the feed's thread; then, when {@code interval} is not null, polls
     * for other nodes' comments at that interval.
     */
    public synchronized void start(Duration interval) {
        if (poller != null) return;
        ScheduledExecutorService s = Background.thread("winnow-traffic-feed");
        s.execute(() -> {
            long t0 = System.nanoTime();
            try {
                LOG.info("recent traffic rebuilt from {} comments judged in the last {} h, in {} ms", poll(),
                        history.toHours(), (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("cannot read recent checks to rebuild the recent traffic: {}", e.toString());
            }
            if (interval == null) {
                tracking = false; // no more polls: stop remembering ids
                known.clear();
            }
        });
        if (interval != null) {
            long ms = Math.max(10, interval.toMillis());
            s.scheduleWithFixedDelay(this::pollOnce, ms, ms, TimeUnit.MILLISECONDS);
        }
        poller = s;
    }

    /** Stops the feed, waiting briefly for a read in progress. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = poller;
            poller = null;
        }
        Background.stop(s, "traffic feed", LOG);
    }

    private void pollOnce() {
        try {
            int n = poll();
            if (n > 0) LOG.debug("replayed {} comments judged elsewhere into the recent traffic", n);
        } catch (RuntimeException e) {
            if (pollFailures.due()) {
                LOG.warn("cannot read recent checks for the traffic signals (will keep trying): {}", e.toString());
            }
        }
    }
}
