package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.winnow.store.ApiKeys.Created;
import org.winnow.store.Checks.Check;
import org.winnow.store.Corrections.Correction;

class DurabilityTest extends StoreTestBase {

    @Test
    void everythingWrittenIsThereAfterReopening() {
        Created kept;
        Created revoked;
        Check check;
        Correction correction;
        ApiKeys.Site second;
        try (Store store = open()) {
            kept = store.keys().create("https://kept.example", "kept");
            revoked = store.keys().create("https://revoked.example", "revoked");
            store.keys().revoke(revoked.plaintext());
            second = store.keys().site(kept.key().id(), "https://second.example");
            check = ChecksTest.record(store, check(second.id(), Instant.now(), "spam"));
            correction = store.corrections().append(ChecksTest.correction(second.id(), check.guid(), false, "spam", Instant.now()));
            store.settings().put("model.version", "42");
        }
        try (Store store = open()) {
            assertThat(store.keys().verify(kept.plaintext())).contains(kept.key());
            assertThat(store.keys().verify(revoked.plaintext())).isEmpty();
            assertThat(store.keys().sites(kept.key().id())).containsExactly(kept.site(), second);
            assertThat(store.checks().byGuid(check.guid())).contains(check);
            assertThat(store.corrections().after(0, 10)).containsExactly(correction);
            assertThat(store.settings().all()).isEqualTo(Map.of("model.version", "42"));
            // counters carry on where they were
            assertThat(store.corrections().append(correction).seq()).isEqualTo(2);
        }
    }

    /**
     * A child JVM writes as fast as it can and is killed (SIGKILL) mid-stream: everything it was told
     * is stored must be there afterwards, and the database must open cleanly.
     */
    @Test
    void acknowledgedWritesSurviveKillingTheProcess() throws Exception {
        long siteId;
        try (Store store = open()) {
            siteId = store.keys().create("https://a.example", "").site().id();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CrashWriter.class.getName(), url(),
                HexFormat.of().formatHex(SECRET), Long.toString(siteId))
                .redirectError(tempDir.resolve("child.err").toFile())
                .start();
        List<String> checks = new ArrayList<>();
        List<Long> corrections = new ArrayList<>();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child was killed; whatever it printed before is in the queue
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // a hang guard, not a timing
        try {
            while ((checks.size() < 300 || corrections.size() < 10) && System.nanoTime() < deadline
                    && (child.isAlive() || !lines.isEmpty())) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    parse(line, checks, corrections);
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
            child.waitFor(30, TimeUnit.SECONDS);
        }
        // Lines printed before the kill were acknowledged too.
        for (String line; (line = lines.poll(1, TimeUnit.SECONDS)) != null; ) {
            parse(line, checks, corrections);
        }
        assertThat(checks).as(() -> "child stderr: " + readQuietly(tempDir.resolve("child.err")))
                .hasSizeGreaterThanOrEqualTo(300);

        try (Store store = open()) {
            for (String guid : checks) {
                assertThat(store.checks().byGuid(guid)).as(guid).isPresent();
            }
            List<Long> seqs = store.corrections().after(0, Corrections.MAX_LIMIT).stream().map(Correction::seq).toList();
            assertThat(seqs).containsAll(corrections);
            // still usable: the next seq follows the last stored one
            long next = store.corrections().append(new Correction(0, siteId, null, true, "import", "{}", Instant.now(), null)).seq();
            assertThat(next).isEqualTo(seqs.size() + 1);
        }
    }

    private static void parse(String line, List<String> checks, List<Long> corrections) {
        if (line.matches("check [0-9a-f]{32}")) {
            checks.add(line.substring(6));
        } else if (line.matches("correction [0-9]+")) {
            corrections.add(Long.parseLong(line.substring(11)));
        }
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
