package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.winnow.store.Checks.Check;

/** Checks recorded by many threads at once are batched; each acknowledged check must be there. */
class GroupCommitTest extends StoreTestBase {

    @Test
    void everyAcknowledgedCheckFromManyWritersIsStored() throws Exception {
        Fixture f = fixture();
        int threads = 32;
        int perThread = 100;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CyclicBarrier start = new CyclicBarrier(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Check c = check(f.siteId(), Instant.now(), i % 3 == 0 ? "spam" : "ham");
                        f.store().checks().record(c);
                        acknowledged.add(c.guid());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        f.store().close();

        assertThat(acknowledged).hasSize(threads * perThread);
        assertThat(rows("checks")).isEqualTo(threads * perThread);
        Store reopened = open();
        for (String guid : acknowledged) {
            assertThat(reopened.checks().byGuid(guid)).as(guid).isPresent();
        }
    }

    @Test
    void recordAsyncCompletesOnceDurableAndFailsOnlyTheBadCheck() throws Exception {
        Fixture f = fixture();
        List<Check> good = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Check c = check(f.siteId(), Instant.now(), i % 2 == 0 ? "spam" : "ham");
            good.add(c);
            done.add(f.store().checks().recordAsync(c));
        }
        // the same guid again, queued among the good ones: only its own future fails
        java.util.concurrent.CompletableFuture<Void> duplicate = f.store().checks().recordAsync(good.get(7));
        for (int i = 0; i < 500; i++) {
            done.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(f.store().checks().byGuid(good.get(i).guid())).isPresent(); // visible once completed
        }
        assertThat(duplicate).failsWithin(java.time.Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.DUPLICATE));
        // bad input is refused before anything is queued
        Check bad = new Check("not-a-guid", f.siteId(), Instant.now(), "ham", 0.1, "{}", "{}", "mk", false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.store().checks().recordAsync(bad))
                .isInstanceOf(IllegalArgumentException.class);
        f.store().close();
        assertThat(f.store().checks().recordAsync(check(f.siteId(), Instant.now(), "ham")))
                .failsWithin(java.time.Duration.ofSeconds(5));
        assertThat(rows("checks")).isEqualTo(500);
    }

    @Test
    void aBadCheckInABusyBatchFailsOnlyItsOwnCaller() throws Exception {
        Fixture f = fixture();
        List<Check> existing = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            existing.add(ChecksTest.record(f.store(), check(f.siteId(), Instant.now(), "ham")));
        }
        int threads = 24;
        int perThread = 40;
        Set<String> good = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicatesRefused = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        boolean bad = thread % 4 == 0 && i % 4 == 0;
                        Check c = bad
                                ? new Check(existing.get(i % existing.size()).guid(), f.siteId(), Instant.now(), "spam",
                                        1, "{}", "{}", "dup", false)
                                : check(f.siteId(), Instant.now(), "ham");
                        try {
                            f.store().checks().record(c);
                            if (bad) {
                                unexpected.incrementAndGet();
                            } else {
                                good.add(c.guid());
                            }
                        } catch (StoreException e) {
                            if (bad && e.reason() == StoreException.Reason.DUPLICATE) {
                                duplicatesRefused.incrementAndGet();
                            } else {
                                unexpected.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(unexpected).hasValue(0);
        assertThat(duplicatesRefused).hasValue(6 * 10);
        assertThat(rows("checks")).isEqualTo(10 + good.size());
        for (String guid : good) {
            assertThat(f.store().checks().byGuid(guid)).isPresent();
        }
        for (Check original : existing) {
            assertThat(f.store().checks().byGuid(original.guid())).contains(original); // not overwritten
        }
    }

    @Test
    void closingWhileWritersAreBusyLosesNoAcknowledgedCheck() throws Exception {
        Fixture f = fixture();
        int threads = 16;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        AtomicInteger unexpected = new AtomicInteger();
        CountDownLatch someWritten = new CountDownLatch(200);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    while (true) {
                        Check c = check(f.siteId(), Instant.now(), "ham");
                        try {
                            f.store().checks().record(c);
                            acknowledged.add(c.guid());
                            someWritten.countDown();
                        } catch (StoreException e) {
                            if (e.reason() != StoreException.Reason.CLOSED) {
                                unexpected.incrementAndGet();
                            }
                            refused.add(c.guid());
                            return;
                        }
                    }
                });
            }
            someWritten.await();
            f.store().close();
        }
        assertThat(unexpected).hasValue(0);
        assertThat(refused).hasSize(threads);
        Store reopened = open();
        for (String guid : acknowledged) {
            assertThat(reopened.checks().byGuid(guid)).as(guid).isPresent();
        }
        for (String guid : refused) {
            assertThat(reopened.checks().byGuid(guid)).as(guid).isEmpty();
        }
        assertThat(rows("checks")).isEqualTo(acknowledged.size());
    }
}
