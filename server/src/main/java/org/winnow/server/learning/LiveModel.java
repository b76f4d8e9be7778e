package org.winnow.server.learning;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.store.Corrections;
import org.winnow.store.Corrections.Correction;

/**
 * The model this node judges with: the base model plus the store's correction log, replayed in
 * {@code seq} order through {@link SpamEngine#learn}. Every node sharing a database replays the same
 * log, so every node converges on the same model.
 *
 * <p>{@link #sync()} applies whatever the log holds beyond the last seq this node applied. It runs
 * at start (the full replay), after this node appends a correction (so the next check here already
 * reflects it), and from a background poller (to pick up corrections other nodes appended). The
 * store guarantees that seqs have no gaps and become visible in order, so one cursor is enough.
 * Learning happens under one lock, in order; judging does not wait for it.
 */
public final class LiveModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);
    private static final int BATCH = 500;

    /** Learns one labelled example. */
    @FunctionalInterface
    public interface Learner {
        void learn(String site, Comment comment, boolean spam);
    }

    /** Judges one comment; {@code recordTraffic} false leaves the site's recent-traffic tracking alone. */
    @FunctionalInterface
    public interface Judge {
        Verdict judge(String site, Comment comment, boolean recordTraffic);
    }

    private final Learner learner;
    private final Judge judge;
    private final Corrections log;
    private final Function<Correction, Comment> decoder;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile long lastApplied; // written under lock
    private volatile java.util.function.Consumer<Correction> appliedListener;
    private long learned;              // guarded by lock
    private long skipped;              // guarded by lock

    private ScheduledExecutorService poller; // guarded by this
    private final Background.Throttle pollFailures = new Background.Throttle();

    /**
     * @param engine  the engine, already built from the base model
     * @param log     the store's correction log
     * @param decoder turns a correction into the comment to learn, or null to skip it (test traffic)
     */
    public static LiveModel of(SpamEngine engine, Corrections log, Function<Correction, Comment> decoder) {
        return new LiveModel(engine::learn, engine::judge, log, decoder);
    }

    LiveModel(Learner learner, Judge judge, Corrections log, Function<Correction, Comment> decoder) {
        this.learner = learner;
        this.judge = judge;
        this.log = log;
        this.decoder = decoder;
    }

    /** Judges with the current model; the comment joins the site's recent traffic. */
    public Verdict judge(String site, Comment comment) {
        return judge(site, comment, true);
    }

    /**
     * Judges with the current model. {@code recordTraffic} false for test traffic and re-checks, which
     * must not count towards bursts or near-copies of the site's real traffic.
     */
    public Verdict judge(String site, Comment comment, boolean recordTraffic) {
        return judge.judge(site, comment, recordTraffic);
    }

    /**
     * Applies, in {@code seq} order, every correction in the log this node has not applied yet.
     * When it returns, {@link #judge} reflects all of them.
     */
    public void sync() {
        lock.lock();
        try {
            while (true) {
                List<Correction> batch = log.after(lastApplied, BATCH);
                for (Correction c : batch) {
                    if (c.seq() <= lastApplied) continue; // defensive: never apply twice
                    apply(c);
                    lastApplied = c.seq();
                }
                if (batch.size() < BATCH) return;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies every correction up to and including {@code seq} (and any later ones already visible). */
    public void applyThrough(long seq) {
        if (lastApplied >= seq) return;
        sync();
        if (lastApplied < seq) {
            LOG.warn("correction {} is not visible in the log yet; the poller will apply it", seq);
        }
    }

    /** The highest seq applied on this node. */
    public long lastApplied() {
        return lastApplied;
    }

    /** Corrections learned so far (skipped ones, such as test traffic, not counted). */
    public long learnedCount() {
        lock.lock();
        try {
            return learned;
        } finally {
            lock.unlock();
        }
    }

    /** Corrections skipped so far: test traffic, unreadable entries, or the engine refusing them. */
    public long skippedCount() {
        lock.lock();
        try {
            return skipped;
        } finally {
            lock.unlock();
        }
    }

    /** Starts the background poller (once). */
    public synchronized void startPolling(Duration interval) {
        if (poller != null) return;
        ScheduledExecutorService s = Background.thread("winnow-learning-poller");
        long ms = Math.max(10, interval.toMillis());
        s.scheduleWithFixedDelay(this::pollOnce, ms, ms, TimeUnit.MILLISECONDS);
        poller = s;
    }

    /** Stops the poller, waiting briefly for a poll in progress. */
    @Override
    public synchronized void close() {
        Background.stop(poller, "learning poller", LOG);
        poller = null;
    }

    private void pollOnce() {
        try {
            sync();
        } catch (RuntimeException e) {
            if (pollFailures.due()) LOG.warn("cannot read the correction log (will keep trying): {}", e.toString());
        }
    }

    /**
     * Called (under the learning lock, so keep it cheap) after each correction is applied or skipped,
     * for metrics such as how long corrections take to reach this node. Set before polling starts.
     */
    public void onApplied(java.util.function.Consumer<Correction> listener) {
        this.appliedListener = java.util.Objects.requireNonNull(listener, "listener");
    }

    private void apply(Correction c) {
        try {
            learnOne(c);
        } finally {
            java.util.function.Consumer<Correction> l = appliedListener;
            if (l != null) {
                try {
                    l.accept(c);
                } catch (RuntimeException e) {
                    LOG.debug("correction listener failed", e);
                }
            }
        }
    }

    private void learnOne(Correction c) {
        Comment comment;
        try {
            comment = decoder.apply(c);
        } catch (RuntimeException e) {
            LOG.warn("correction {} cannot be read and is skipped: {}", c.seq(), e.getMessage());
            skipped++;
            return;
        }
        if (comment == null) {
            skipped++;
            return;
        }
        try {
            learner.learn(Long.toString(c.siteId()), comment, c.spam());
            learned++;
        } catch (RuntimeException e) {
            // One bad example must not stall the log: later corrections still get learned.
            LOG.error("the engine failed to learn correction {}; skipped", c.seq(), e);
            skipped++;
        }
    }
}
