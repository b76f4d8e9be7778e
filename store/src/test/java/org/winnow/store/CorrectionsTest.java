package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.winnow.store.Corrections.Correction;

class CorrectionsTest extends StoreTestBase {

    @Test
    void appendAssignsIncreasingSeqAndAfterPagesInOrder() {
        Fixture f = fixture();
        Corrections log = f.store().corrections();
        List<Correction> appended = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Instant at = Instant.parse("2024-05-01T12:00:00.123456Z").plusSeconds(i);
            Correction c = new Correction(-7, f.siteId(), i % 2 == 0 ? guid() : null, i % 3 == 0, "moderator",
                    "{\"n\":" + i + "}", at, i % 2 == 0 ? "ham" : null);
            Correction stored = log.append(c);
            assertThat(stored.seq()).isEqualTo(i + 1);
            assertThat(stored.at()).isEqualTo(Instant.ofEpochMilli(at.toEpochMilli()));
            appended.add(stored);
        }
        assertThat(log.count()).isEqualTo(25);
        assertThat(log.after(0, 10)).isEqualTo(appended.subList(0, 10));
        assertThat(log.after(10, 10)).isEqualTo(appended.subList(10, 20));
        assertThat(log.after(20, 10)).isEqualTo(appended.subList(20, 25));
        assertThat(log.after(25, 10)).isEmpty();
        assertThat(log.after(-1, Corrections.MAX_LIMIT)).isEqualTo(appended);
        assertThatThrownBy(() -> log.after(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.after(0, Corrections.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void erasingASubjectBlanksItsCorrectionsAndNothingElse() {
        Fixture f = fixture();
        long otherSite = f.store().keys().create("https://other.example", "other").site().id();
        Corrections log = f.store().corrections();
        Instant at = Instant.parse("2024-05-01T12:00:00Z");
        Correction about42 = log.append(new Correction(0, f.siteId(), null, true, "moderator", "{\"author\":\"Ann\"}", at, null), "comment:42");
        Correction unnamed = log.append(new Correction(0, f.siteId(), null, true, "submit-spam", "{\"n\":1}", at, null));
        Correction about43 = log.append(new Correction(0, f.siteId(), null, false, "moderator", "{\"n\":2}", at, null), "comment:43");
        Correction again42 = log.append(new Correction(0, f.siteId(), null, false, "moderator", "{\"author\":\"Ann\"}", at, null), "comment:42");
        Correction elsewhere = log.append(new Correction(0, otherSite, null, true, "moderator", "{\"n\":3}", at, null), "comment:42");

        assertThat(log.about(f.siteId(), "comment:42")).containsExactly(about42, again42);
        assertThat(log.about(otherSite, "comment:42")).containsExactly(elsewhere);
        assertThat(log.about(f.siteId(), "comment:404")).isEmpty();
        assertThat(log.erase(f.siteId(), "comment:42")).isEqualTo(2);
        assertThat(log.about(f.siteId(), "comment:42")).isEmpty(); // erased: about nothing any more
        assertThat(log.about(f.siteId(), "comment:43")).containsExactly(about43);
        List<Correction> after = log.after(0, 10);
        assertThat(after).hasSize(5);
        // seq, label, source and time stay; only the fields go
        assertThat(after.get(0)).isEqualTo(new Correction(about42.seq(), f.siteId(), null, true, "moderator",
                Corrections.ERASED_COMMENT, about42.at(), null));
        assertThat(after.get(3).comment()).isEqualTo(Corrections.ERASED_COMMENT);
        assertThat(after.get(3).spam()).isFalse();
        assertThat(after.get(1)).isEqualTo(unnamed);
        assertThat(after.get(2)).isEqualTo(about43);
        assertThat(after.get(4)).isEqualTo(elsewhere); // another site's comment 42 is another comment
        assertThat(log.count()).isEqualTo(5);
        assertThat(again42.seq()).isEqualTo(4);
        // erased corrections are about nothing any more
        assertThat(log.erase(f.siteId(), "comment:42")).isZero();
        assertThat(log.erase(f.siteId(), "comment:404")).isZero();
    }

    @Test
    void aSubjectMustBeShortAndNotBlank() {
        Fixture f = fixture();
        Corrections log = f.store().corrections();
        Correction c = new Correction(0, f.siteId(), null, true, "moderator", "{}", Instant.now(), null);
        assertThatThrownBy(() -> log.append(c, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(c, "x".repeat(Corrections.MAX_SUBJECT_CHARS + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.erase(f.siteId(), "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.about(f.siteId(), " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.count()).isZero();
        assertThat(log.append(c, "x".repeat(Corrections.MAX_SUBJECT_CHARS)).seq()).isEqualTo(1);
    }

    /**
     * Two nodes append concurrently while a third tails the log with after(lastSeen): the tail must
     * see every correction exactly once, in seq order, and the seqs must have no gaps.
     */
    @Test
    void concurrentAppendsOnTwoNodesAreSeenInOrderWithoutGaps() throws Exception {
        Fixture f = fixture();
        Store node2 = open();
        Store reader = open();
        int writers = 6;
        int perWriter = 40;
        int total = writers * perWriter;
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> seen = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers + 1)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Store node = w % 2 == 0 ? f.store() : node2;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        node.corrections().append(new Correction(0, f.siteId(), null, true, "submit-spam", "{}",
                                Instant.now(), null));
                    }
                    return null;
                }));
            }
            Future<?> tail = pool.submit(() -> {
                start.await();
                long last = 0;
                while (true) {
                    // Read the flag before the batch: an empty batch read after every writer had
                    // finished means nothing more can come; the other order races with the last commit.
                    boolean writersDone = !writing.get();
                    List<Correction> batch = reader.corrections().after(last, 7);
                    for (Correction c : batch) {
                        seen.add(c.seq());
                        last = c.seq();
                    }
                    if (seen.size() >= total && writersDone) break;
                    if (batch.isEmpty() && writersDone) {
                        break; // everything is committed and nothing more comes: anything missing is lost
                    }
                }
                return null;
            });
            for (Future<?> future : futures) {
                future.get();
            }
            writing.set(false);
            tail.get();
        }
        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(reader.corrections().count()).isEqualTo(total);
    }

    @Test
    void aRejectedAppendLeavesNoGap() throws Exception {
        Fixture f = fixture();
        Corrections log = f.store().corrections();
        log.append(new Correction(0, f.siteId(), null, true, "import", "{}", Instant.now(), null));
        assertThatThrownBy(() -> log.append(new Correction(0, f.siteId() + 50, null, true, "import", "{}", Instant.now(), null)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.MISSING_REFERENCE));
        assertThat(log.append(new Correction(0, f.siteId(), null, false, "import", "{}", Instant.now(), null)).seq())
                .isEqualTo(2);
        assertThat(rows("corrections")).isEqualTo(2);
    }

    @Test
    void aPreviousVerdictNeedsTheCheck() {
        Fixture f = fixture();
        assertThatThrownBy(() -> f.store().corrections().append(
                new Correction(0, f.siteId(), null, true, "submit-spam", "{}", Instant.now(), "ham")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guid");
        assertThatThrownBy(() -> f.store().corrections().append(
                new Correction(0, f.siteId(), guid(), true, "submit-spam", "{}", Instant.now(), "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousVerdict");
        assertThat(f.store().corrections().count()).isZero();
    }
}
