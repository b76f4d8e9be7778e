package org.winnow.server.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.Label;
import org.winnow.engine.Verdict;
import org.winnow.store.Corrections;
import org.winnow.store.Corrections.Correction;

class LiveModelTest {

    /** An in-memory log with the store's contract: increasing seqs from 1, visible in order. */
    static class MemoryLog implements Corrections {
        final List<Correction> entries = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger reads = new AtomicInteger();

        Correction add(String text, boolean spam) {
            Correction c = new Correction(entries.size() + 1, 1, null, spam, "test", text, Instant.now(), null);
            entries.add(c);
            return c;
        }

        @Override
        public Correction append(Correction c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Correction append(Correction c, String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Correction> about(long siteId, String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int erase(long siteId, String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Correction> after(long afterSeq, int limit) {
            reads.incrementAndGet();
            synchronized (entries) {
                return entries.stream().filter(c -> c.seq() > afterSeq).limit(limit).toList();
            }
        }

        @Override
        public long count() {
            return entries.size();
        }
    }

    record Learned(String site, String text, boolean spam) {}

    private final MemoryLog log = new MemoryLog();
    private final List<Learned> learned = Collections.synchronizedList(new ArrayList<>());

    private LiveModel model() {
        return new LiveModel((site, c, spam) -> {
            if (c.content().equals("engine-chokes")) throw new IllegalStateException("boom");
            learned.add(new Learned(site, c.content(), spam));
        }, (site, c, record) -> new Verdict(Label.HAM, 0.1, -2, List.of()), log,
                c -> c.comment().startsWith("test:") ? null : Comment.ofText(c.comment()));
    }

    @Test
    void replaysTheWholeLogInSeqOrderAcrossBatches() {
        for (int i = 0; i < 1234; i++) log.add("c" + i, i % 3 == 0);
        LiveModel m = model();
        m.sync();
        assertThat(learned).hasSize(1234);
        for (int i = 0; i < 1234; i++) {
            assertThat(learned.get(i)).isEqualTo(new Learned("1", "c" + i, i % 3 == 0));
        }
        assertThat(m.lastApplied()).isEqualTo(1234);
        assertThat(m.learnedCount()).isEqualTo(1234);
    }

    @Test
    void appliesOnlyWhatIsNewAndNeverTwice() {
        log.add("a", true);
        LiveModel m = model();
        m.sync();
        log.add("b", false);
        log.add("c", true);
        m.applyThrough(2);
        assertThat(learned).extracting(Learned::text).containsExactly("a", "b", "c");
        int reads = log.reads.get();
        m.applyThrough(3); // already applied: no read at all
        m.sync();
        assertThat(log.reads.get()).isEqualTo(reads + 1);
        assertThat(learned).hasSize(3);
    }

    @Test
    void skipsTestTrafficAndEntriesTheEngineRejectsButKeepsGoing() {
        log.add("first", true);
        log.add("test:not learned", true);
        log.add("engine-chokes", true);
        log.add("last", false);
        LiveModel m = model();
        m.sync();
        assertThat(learned).extracting(Learned::text).containsExactly("first", "last");
        assertThat(m.lastApplied()).isEqualTo(4);
        assertThat(m.skippedCount()).isEqualTo(2);
    }

    @Test
    void thePollerPicksUpWhatOtherNodesAppend() throws InterruptedException {
        LiveModel m = model();
        m.sync();
        m.startPolling(Duration.ofMillis(20));
        try {
            log.add("from another node", true);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (m.lastApplied() < 1 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(learned).extracting(Learned::text).containsExactly("from another node");
        } finally {
            m.close();
        }
    }

    @Test
    void aFailingLogDoesNotKillThePoller() throws InterruptedException {
        AtomicInteger failures = new AtomicInteger();
        Corrections flaky = new MemoryLog() { // reads the test's log, after failing three times
            @Override
            public List<Correction> after(long afterSeq, int limit) {
                if (failures.incrementAndGet() <= 3) throw new IllegalStateException("database down");
                return log.after(afterSeq, limit);
            }

            @Override
            public long count() {
                return log.count();
            }
        };
        log.add("eventually", true);
        LiveModel m = new LiveModel((site, c, spam) -> learned.add(new Learned(site, c.content(), spam)),
                (site, c, record) -> null, flaky, c -> Comment.ofText(c.comment()));
        m.startPolling(Duration.ofMillis(10));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (m.lastApplied() < 1 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(learned).extracting(Learned::text).containsExactly("eventually");
        } finally {
            m.close();
        }
    }
}
