package org.winnow.server.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.traffic.ManualClock;

/**
 * The feed's bookkeeping on a list standing in for the database (the real tables and nodes are in
 * {@code SharedTrafficTest}): what each poll reads, that nothing is replayed twice or replayed after
 * being judged here, and that the ids it remembers stay bounded.
 */
class TrafficFeedTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    /** What the "database" holds, in the order rows became visible. */
    private final List<TrafficFeed.Judged> rows = new CopyOnWriteArrayList<>();
    private final List<String> replayed = new CopyOnWriteArrayList<>();
    private final List<Instant> readFrom = new ArrayList<>();

    private final TrafficFeed.Source source = (from, limit, known) -> {
        readFrom.add(from);
        List<TrafficFeed.Judged> newest = rows.stream().filter(j -> !j.at().isBefore(from))
                .sorted(Comparator.comparing(TrafficFeed.Judged::at).reversed()).limit(limit).toList();
        return newest.stream().filter(j -> !known.test(j.id()))
                .sorted(Comparator.comparing(TrafficFeed.Judged::at)).toList();
    };

    private TrafficFeed feed(int startLimit) {
        return new TrafficFeed((site, comment, at, logOdds) -> replayed.add(comment.content()), List.of(source), clock,
                Duration.ofHours(24), startLimit, 1_000, Duration.ofSeconds(2));
    }

    /** A row recorded by some node at {@code at}. */
    private void row(String id, Instant at) {
        rows.add(new TrafficFeed.Judged(id, "1", at, Comment.ofText(id), -3));
    }

    @Test
    void theFirstReadReplaysTheNewestOfTheHistoryThenEachPollWhatIsNew() {
        row("too-old", clock.instant().minus(Duration.ofHours(25)));
        for (int i = 0; i < 5; i++) row("before-" + i, clock.instant().minus(Duration.ofHours(5 - i)));
        TrafficFeed feed = feed(3);
        assertThat(feed.poll()).isEqualTo(3);
        assertThat(replayed).containsExactly("before-2", "before-3", "before-4");
        assertThat(readFrom.getLast()).isEqualTo(clock.instant().minus(Duration.ofHours(24)));

        Instant firstPoll = clock.instant();
        clock.advance(Duration.ofMillis(500));
        row("other-node-1", clock.instant());
        // a row whose batch committed late: its time is before the last poll, within the look-back
        row("late", firstPoll.minusMillis(1_500));
        feed.judgedHere("mine");
        row("mine", clock.instant());
        assertThat(feed.poll()).isEqualTo(2);
        assertThat(readFrom.getLast()).isEqualTo(firstPoll.minusSeconds(2));
        assertThat(replayed).endsWith("late", "other-node-1").doesNotContain("mine");
        // polling again replays nothing twice
        clock.advance(Duration.ofMillis(500));
        assertThat(feed.poll()).isZero();
        assertThat(feed.replayedCount()).isEqualTo(5);
    }

    @Test
    void theIdsItRemembersStayBoundedUnderSteadyTraffic() {
        TrafficFeed feed = feed(20_000);
        feed.poll();
        for (int second = 0; second < 120; second++) {
            for (int i = 0; i < 100; i++) {
                String id = "s" + second + "-" + i;
                if (i % 2 == 0) feed.judgedHere(id);
                row(id, clock.instant());
            }
            clock.advance(Duration.ofSeconds(1));
            feed.poll();
        }
        assertThat(feed.replayedCount()).isEqualTo(6_000); // the other node's half, once each
        // the last look-back (2 s), one interval (1 s) and the margin (5 s): about 800 ids, not 12,000
        assertThat(feed.remembered()).isBetween(100, 1_000);
    }

    @Test
    void aFeedThatReadsOnlyAtStartForgetsItsIdsAfterward() throws Exception {
        row("before", clock.instant().minusSeconds(60));
        TrafficFeed feed = feed(100);
        feed.start(null);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (feed.replayedCount() < 1 && System.nanoTime() < deadline) Thread.sleep(10);
        feed.close();
        assertThat(replayed).containsExactly("before");
        for (int i = 0; i < 100; i++) feed.judgedHere("mine-" + i);
        assertThat(feed.remembered()).isZero();
    }
}
