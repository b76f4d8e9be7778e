package org.winnow.platform.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winnow.platform.CommentLimits;
import org.winnow.platform.security.Signer;

/**
 * Token buckets (Bucket4j) for comment posting, one per site and client address group: an IPv4
 * address, or the /64 network of an IPv6 address (one household or server usually holds a whole /64).
 * Buckets live in memory for a single node, or in the shared database when several nodes must agree.
 * Either way a bucket is forgotten once it would be full again, at most {@link #LONGEST_WINDOW} after
 * its last use, and only a keyed hash of site and address is used as its name.
 */
public final class CommentRateLimiter {
    /** The longest refill window: a bucket untouched this long is full, so dropping it changes nothing. */
    public static final Duration LONGEST_WINDOW = Duration.ofHours(1);
    /** At most this many buckets in memory (about 20 MB); under a wider attack the least used are dropped. */
    static final int MAX_IN_MEMORY = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(CommentRateLimiter.class);
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final Signer signer;
    private final Function<String, Bucket> buckets;
    private final Cache<String, Bucket> inMemory;
    private final DatabaseBuckets inDatabase;

    private CommentRateLimiter(Signer signer, Cache<String, Bucket> inMemory,
                               DatabaseBuckets inDatabase, Function<String, Bucket> buckets) {
        this.signer = signer;
        this.inMemory = inMemory;
        this.inDatabase = inDatabase;
        this.buckets = buckets;
    }

    /** Lets every comment through. */
    public static CommentRateLimiter off() {
        return new CommentRateLimiter(null, null, null, null);
    }

    /** Buckets in this process's memory: right for one node (SQLite). */
    public static CommentRateLimiter inMemory(CommentLimits limits, Signer signer, Clock clock) {
        if (!limits.enabled()) return off();
        TimeMeter time = timeOf(clock);
        BucketConfiguration config = configuration(limits);
        Cache<String, Bucket> cache = Caffeine.newBuilder()
                .maximumSize(MAX_IN_MEMORY)
                .expireAfterAccess(LONGEST_WINDOW)
                .ticker(time::currentTimeNanos)
                .scheduler(Scheduler.systemScheduler()) // forget promptly, not only on the next write
                .build();
        Function<String, Bucket> buckets = key -> cache.get(key, k -> {
            LocalBucketBuilder b = Bucket.builder().withCustomTimePrecision(time);
            for (var bandwidth : config.getBandwidths()) b.addLimit(bandwidth);
            return b.build();
        });
        return new CommentRateLimiter(signer, cache, null, buckets);
    }

    /**
     * Buckets in the database's {@code p_rate_bucket}, shared by every node on it (PostgreSQL behind a
     * load balancer). Updates are compare-and-swap, so two nodes never both spend the last token.
     */
    public static CommentRateLimiter inDatabase(Jdbi jdbi, CommentLimits limits, Signer signer, Clock clock) {
        if (!limits.enabled()) return off();
        TimeMeter time = timeOf(clock);
        BucketConfiguration config = configuration(limits);
        DatabaseBuckets db = new DatabaseBuckets(jdbi, ClientSideConfig.getDefault().withClientClock(time)
                .withMaxRetries(20), time);
        Function<String, Bucket> buckets = key -> db.builder().build(key, () -> config);
        return new CommentRateLimiter(signer, null, db, buckets);
    }

    /**
     * Spends one comment of this address's allowance on this site. Empty when the comment may go
     * ahead; otherwise how long until the next one may.
     */
    public Optional<Duration> take(long siteId, String address) {
        if (buckets == null) return Optional.empty();
        String key = signer.hash("comment-rate", siteId + "\n" + addressGroup(address)).substring(0, 32);
        ConsumptionProbe probe;
        try {
            probe = buckets.apply(key).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            // A limiter that cannot reach its database must not turn readers away as "too fast".
            LOG.warn("comment rate limit could not be checked; letting the comment through", e);
            return Optional.empty();
        }
        if (probe.isConsumed()) return Optional.empty();
        return Optional.of(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    /** Deletes the database's buckets that are full again; returns how many (0 in memory, where they expire by themselves). */
    public int removeExpired() {
        if (inMemory != null) sweepMemory();
        return inDatabase == null ? 0 : inDatabase.removeExpired();
    }

    /** How many buckets are held now (for tests). */
    long held() {
        if (inMemory != null) return sweepMemory();
        return inDatabase == null ? 0 : inDatabase.count();
    }

    /** Caffeine expires a large backlog a batch per clean-up: repeat until nothing more goes. */
    private long sweepMemory() {
        long before;
        long after = inMemory.estimatedSize();
        do {
            before = after;
            inMemory.cleanUp();
            after = inMemory.estimatedSize();
        } while (after < before);
        return after;
    }

    /**
     * The part of an address that names one client: the whole IPv4 address, or the first 64 bits of an
     * IPv6 one (IPv4-mapped IPv6 counts as IPv4). Never resolves names; anything that is not an IP
     * literal is its own group.
     */
    static String addressGroup(String address) {
        String s = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        var v4 = IPV4.matcher(s);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) if (Integer.parseInt(v4.group(i)) > 255) return "other:" + s;
            return "4:" + s.replaceAll("(^|\\.)0+(\\d)", "$1$2");
        }
        if (s.indexOf(':') >= 0) {
            String literal = s.startsWith("[") && s.contains("]") ? s.substring(1, s.indexOf(']')) : s;
            int zone = literal.indexOf('%');
            if (zone >= 0) literal = literal.substring(0, zone);
            try {
                // In brackets the JDK parses an IPv6 literal or fails: it never looks the name up.
                byte[] b = InetAddress.getByName("[" + literal + "]").getAddress();
                if (b.length == 4) return "4:" + InetAddress.getByAddress(b).getHostAddress();
                return "6:" + HexFormat.of().formatHex(b, 0, 8) + "::/64";
            } catch (UnknownHostException e) {
                // not an address: fall through
            }
        }
        return "other:" + (s.length() > 100 ? s.substring(0, 100) : s);
    }

    private static BucketConfiguration configuration(CommentLimits limits) {
        ConfigurationBuilder b = BucketConfiguration.builder();
        if (limits.perMinute() > 0)
            b.addLimit(l -> l.capacity(limits.perMinute()).refillGreedy(limits.perMinute(), Duration.ofMinutes(1)));
        if (limits.perHour() > 0)
            b.addLimit(l -> l.capacity(limits.perHour()).refillGreedy(limits.perHour(), LONGEST_WINDOW));
        return b.build();
    }

    /** The platform's clock as Bucket4j's time source, so tests can move time forward. */
    private static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true; // nodes sharing buckets compare timestamps: they must all use the wall clock
            }
        };
    }
}
