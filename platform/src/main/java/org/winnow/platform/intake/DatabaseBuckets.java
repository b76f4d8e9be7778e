package org.winnow.platform.intake;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;

/**
 * Bucket4j's compare-and-swap storage on our own table {@code p_rate_bucket} (migration V102), so the
 * schema stays with the platform's migrations and the same SQL runs on SQLite and PostgreSQL. A write
 * succeeds only if the row still holds the bytes that were read; otherwise Bucket4j reads and retries.
 */
final class DatabaseBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {
    /** Kept a little past the moment a bucket is full again, so a clock a second apart never cuts it short. */
    private static final long SLACK_MILLIS = 1_000;
    private final Jdbi jdbi;
    private final TimeMeter time;

    DatabaseBuckets(Jdbi jdbi, ClientSideConfig config, TimeMeter time) {
        super(config);
        this.jdbi = jdbi;
        this.time = time;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return jdbi.withHandle(h -> h.createQuery("SELECT state FROM p_rate_bucket WHERE bucket_key = :key")
                        .bind("key", key).mapTo(byte[].class).findOne());
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                long nowNanos = time.currentTimeNanos();
                long expiresAt = nowNanos / 1_000_000 + newState.calculateFullRefillingTime(nowNanos) / 1_000_000
                        + SLACK_MILLIS;
                return jdbi.withHandle(h -> original == null
                        ? h.createUpdate("INSERT INTO p_rate_bucket (bucket_key, state, expires_at) VALUES (:key, :state, :exp)"
                                + " ON CONFLICT (bucket_key) DO NOTHING")
                                .bind("key", key).bind("state", updated).bind("exp", expiresAt).execute()
                        : h.createUpdate("UPDATE p_rate_bucket SET state = :state, expires_at = :exp"
                                + " WHERE bucket_key = :key AND state = :old")
                                .bind("key", key).bind("state", updated).bind("exp", expiresAt).bind("old", original)
                                .execute()) == 1;
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("JDBC has no asynchronous calls");
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    public void removeProxy(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM p_rate_bucket WHERE bucket_key = :key").bind("key", key).execute());
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("JDBC has no asynchronous calls");
    }

    /** Deletes every bucket that is full again by now. */
    int removeExpired() {
        long now = time.currentTimeNanos() / 1_000_000;
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM p_rate_bucket WHERE expires_at < :now")
                .bind("now", now).execute());
    }

    long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM p_rate_bucket").mapTo(Long.class).one());
    }
}
