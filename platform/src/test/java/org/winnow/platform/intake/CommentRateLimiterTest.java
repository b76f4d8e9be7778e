package org.winnow.platform.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.winnow.engine.traffic.ManualClock;
import org.winnow.platform.CommentLimits;
import org.winnow.platform.data.Database;
import org.winnow.platform.security.Signer;
import org.winnow.store.Store;
import org.winnow.store.testing.TestPostgres;

/** The limiter itself: address groups, bounded memory, and buckets shared through PostgreSQL. */
class CommentRateLimiterTest {
    static final byte[] SECRET = "limiter-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    final Signer signer = new Signer(SECRET);

    @Test
    void addressGroupsAreWholeIpv4AddressesAndIpv6Slash64Networks() {
        assertThat(CommentRateLimiter.addressGroup("203.0.113.7")).isEqualTo("4:203.0.113.7");
        assertThat(CommentRateLimiter.addressGroup(" 203.000.113.07 ")).isEqualTo("4:203.0.113.7");
        assertThat(CommentRateLimiter.addressGroup("::ffff:203.0.113.7")).isEqualTo("4:203.0.113.7");
        assertThat(CommentRateLimiter.addressGroup("2001:db8:1:2::1"))
                .isEqualTo(CommentRateLimiter.addressGroup("[2001:DB8:1:2:ffff:eeee:dddd:cccc]"))
                .isEqualTo(CommentRateLimiter.addressGroup("fe80::1%eth0").replace("fe80000000000000", "20010db800010002"))
                .isEqualTo("6:20010db800010002::/64");
        assertThat(CommentRateLimiter.addressGroup("2001:db8:1:3::1")).isEqualTo("6:20010db800010003::/64");
        // Not addresses: each is its own group, and no name is ever looked up.
        assertThat(CommentRateLimiter.addressGroup("999.1.1.1")).isEqualTo("other:999.1.1.1");
        assertThat(CommentRateLimiter.addressGroup("comments.example.org")).isEqualTo("other:comments.example.org");
        assertThat(CommentRateLimiter.addressGroup("not:an:address")).isEqualTo("other:not:an:address");
        assertThat(CommentRateLimiter.addressGroup(null)).isEqualTo("other:");
    }

    @Test
    void limitsAreKeptPerSite() {
        CommentRateLimiter limiter = CommentRateLimiter.inMemory(new CommentLimits(1, 0), signer,
                new ManualClock(Instant.now()));
        assertThat(limiter.take(1, "203.0.113.7")).isEmpty();
        assertThat(limiter.take(1, "203.0.113.7")).contains(Duration.ofMinutes(1));
        assertThat(limiter.take(2, "203.0.113.7")).as("another site").isEmpty();
    }

    @Test
    void offLetsEverythingThrough() {
        CommentRateLimiter limiter = CommentRateLimiter.inMemory(CommentLimits.OFF, signer, new ManualClock(Instant.now()));
        for (int i = 0; i < 100; i++) assertThat(limiter.take(1, "203.0.113.7")).isEmpty();
    }

    @Test
    void memoryIsBoundedAndIdleBucketsAreForgotten() {
        ManualClock clock = new ManualClock(Instant.now());
        CommentRateLimiter limiter = CommentRateLimiter.inMemory(CommentLimits.DEFAULTS, signer, clock);
        int addresses = CommentRateLimiter.MAX_IN_MEMORY + 5_000;
        for (int i = 0; i < addresses; i++) limiter.take(1, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        assertThat(limiter.held()).isLessThanOrEqualTo(CommentRateLimiter.MAX_IN_MEMORY);

        clock.advance(CommentRateLimiter.LONGEST_WINDOW.plusSeconds(1));
        assertThat(limiter.held()).isZero();
    }

    @Test
    void twoNodesSharingPostgresqlNeverSpendMoreThanTheBucketHolds() throws Exception {
        String url = TestPostgres.newDatabase("platform_limiter");
        try (Store store = Store.open(url, SECRET); Database.Connected one = Database.connect(url);
             Database.Connected two = Database.connect(url)) {
            ManualClock clock = new ManualClock(Instant.now());
            CommentLimits limits = new CommentLimits(10, 0);
            List<CommentRateLimiter> nodes = List.of(CommentRateLimiter.inDatabase(one.jdbi(), limits, signer, clock),
                    CommentRateLimiter.inDatabase(two.jdbi(), limits, signer, clock));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Boolean>> tries = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    CommentRateLimiter node = nodes.get(i % 2);
                    Callable<Boolean> take = () -> node.take(7, "203.0.113.99").isEmpty();
                    tries.add(pool.submit(take));
                }
                int allowed = 0;
                for (Future<Boolean> f : tries) if (f.get()) allowed++;
                assertThat(allowed).isEqualTo(10);
            } finally {
                pool.shutdownNow();
            }
            Optional<Duration> wait = nodes.get(1).take(7, "203.0.113.99");
            assertThat(wait).contains(Duration.ofSeconds(6));
            assertThat(nodes.get(0).held()).isEqualTo(1);

            // Nothing is deleted while the bucket is still refilling; once full, the row goes.
            assertThat(nodes.get(0).removeExpired()).isZero();
            clock.advance(Duration.ofMinutes(1).plusSeconds(2));
            assertThat(nodes.get(0).removeExpired()).isEqualTo(1);
            assertThat(nodes.get(1).held()).isZero();
            assertThat(nodes.get(1).take(7, "203.0.113.99")).as("a fresh bucket after cleanup").isEmpty();
        }
    }
}
