package org.winnow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.winnow.store.Checks.Check;

/**
 * Group commit for checks. Callers put their check on a queue and wait; one writer thread takes
 * everything queued (up to {@link #MAX_BATCH}), inserts it in one transaction and then releases each
 * caller. One commit (one fsync) thus serves many checks, and a caller is released only after its
 * check is durable. No delay is added: while one batch commits, the next one collects.
 *
 * <p>If a batch fails, it is retried in smaller parts, so one bad check (e.g. a duplicate guid) fails
 * only its own caller.
 */
final class CheckWriter implements AutoCloseable {

    static final int MAX_BATCH = 1_000;
    static final String INSERT = "INSERT INTO checks (guid, site_id, checked_at, verdict, score, explanation,"
            + " comment, match_key, is_test) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private record Pending(Check check, CompletableFuture<Void> done) {}

    /** Queued by {@link #close()} behind everything already waiting. */
    private static final Pending STOP = new Pending(null, null);

    private final Database db;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    /**
     * Releases the callers of a committed batch, on its own thread: what callers chain onto their
     * future (the server writes its HTTP answer there) then never delays the next commit, and the
     * hand-over costs one wake-up per batch, not one per check.
     */
    private final ExecutorService completer = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("winnow-check-acks").daemon(true).unstarted(r));
    private volatile boolean closed;

    CheckWriter(Database db) {
        this.db = db;
        this.thread = Thread.ofPlatform().name("winnow-check-writer").daemon(true).start(this::run);
    }

    /** Writes a (validated) check and returns once it is committed; rethrows its failure. */
    void write(Check check) {
        try {
            submit(check).join();
        } catch (CompletionException e) {
            // Rethrow on the caller's thread so its stack trace shows where the check came from.
            if (e.getCause() instanceof StoreException se) {
                throw new StoreException(se.reason(), se.getMessage(), se);
            }
            throw new StoreException(StoreException.Reason.FAILED,
                    "Could not record check " + check.guid() + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Queues a (validated) check for the next batch; the future completes (on the completer thread)
     * once the batch is committed, or fails with a {@link StoreException}.
     */
    CompletableFuture<Void> submit(Check check) {
        Pending pending = new Pending(check, new CompletableFuture<>());
        if (closed) {
            return CompletableFuture.failedFuture(SqlErrors.closed());
        }
        queue.add(pending);
        // close() may have run between the check above and add(): if the writer thread has not
        // taken our check, take it back; if it has, it will finish it.
        if (closed && queue.remove(pending)) {
            return CompletableFuture.failedFuture(SqlErrors.closed());
        }
        return pending.done();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (true) {
            Pending first;
            try {
                first = stopping ? queue.poll() : queue.take();
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread; close() uses STOP
            }
            if (first == null) {
                return; // stopping and everything queued before close() is done
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            if (batch.remove(STOP)) {
                stopping = true;
            }
            if (!batch.isEmpty()) {
                flush(batch);
            }
            batch = new ArrayList<>(MAX_BATCH); // the committed one is still being released
        }
    }

    /**
     * Commits the batch; if that fails, splits it in halves and retries each, down to single checks,
     * so one bad check among a thousand costs about twenty transactions, not a thousand.
     */
    private void flush(List<Pending> batch) {
        String action = batch.size() == 1
                ? "record check " + batch.getFirst().check().guid()
                : "record " + batch.size() + " checks";
        try {
            db.write(action, c -> insert(c, batch));
        } catch (Throwable failure) {
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(failure instanceof StoreException ? failure
                        : new StoreException(StoreException.Reason.FAILED, "Could not record check "
                                + batch.getFirst().check().guid() + ": " + failure, failure));
            } else {
                int half = batch.size() / 2;
                flush(batch.subList(0, half));
                flush(batch.subList(half, batch.size()));
            }
            return;
        }
        completer.execute(() -> batch.forEach(p -> p.done().complete(null)));
    }

    private static Void insert(Connection c, List<Pending> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Pending p : batch) {
                Check k = p.check();
                Sql.bind(ps, k.guid(), k.siteId(), k.at().toEpochMilli(), k.verdict(), k.score(),
                        k.explanation(), k.comment(), k.matchKey(), k.test());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return null;
    }

    /** Commits everything already queued, then stops the writer thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish closing: callers are waiting on their commits
            }
        }
        completer.shutdown(); // runs what is queued: the last batches' callers are released
        while (!completer.isTerminated()) {
            try {
                completer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
