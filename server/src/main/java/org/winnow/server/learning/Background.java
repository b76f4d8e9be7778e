package org.winnow.server.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** The one daemon thread each poller runs on, how it stops, and how often it may complain. */
final class Background {

    private Background() {}

    /** A scheduler on one daemon thread called {@code name}. */
    static ScheduledExecutorService thread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops {@code s} (null: nothing to stop), waiting up to 5 s for a task in progress. */
    static void stop(ScheduledExecutorService s, String what, Logger log) {
        if (s == null) return;
        s.shutdownNow();
        try {
            if (!s.awaitTermination(5, TimeUnit.SECONDS)) log.warn("the {} did not stop in 5 s", what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Says whether a repeated failure should be logged again: at most once a minute. */
    static final class Throttle {
        private volatile Instant last = Instant.EPOCH;

        boolean due() {
            Instant now = Instant.now();
            if (Duration.between(last, now).compareTo(Duration.ofMinutes(1)) < 0) return false;
            last = now;
            return true;
        }
    }
}
