package org.winnow.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.winnow.store.ApiKeys;
import org.winnow.store.Checks;
import org.winnow.store.Store;

/**
 * The durable write path alone: many threads calling {@code Checks.record} (each returns only once its
 * check is committed) on a fresh SQLite file, or on PostgreSQL when given a {@code jdbc:postgresql:}
 * URL. Not JMH: this measures a disk, so it reports checks per second and the latency of one record.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.winnow.bench.StoreWriteBench [threads=64] [seconds=10] [url]</pre>
 */
public final class StoreWriteBench {

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = null;
        String url;
        if (args.length > 2) {
            url = args[2];
        } else {
            dir = Files.createTempDirectory("winnow-storebench");
            url = dir.resolve("winnow.db").toString();
        }
        byte[] secret = "bench-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        try (Store store = Store.open(url, secret)) {
            ApiKeys.Created key = store.keys().create("http://bench.example.org", "bench");
            long site = key.site().id();
            // 1 s of warm-up (JIT, page cache), then the measured run.
            run(store, site, threads, 1, false);
            run(store, site, threads, seconds, true);
            if (dir != null) {
                Path wal = dir.resolve("winnow.db-wal");
                System.out.printf("STORE_FILES db_mb=%.1f wal_mb=%.1f%n", Files.size(dir.resolve("winnow.db")) / 1e6,
                        Files.exists(wal) ? Files.size(wal) / 1e6 : 0.0);
            }
        } finally {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void run(Store store, long site, int threads, int seconds, boolean report) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong total = new AtomicLong();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        CountDownLatch done = new CountDownLatch(threads);
        String explanation = "{\"label\":\"ham\",\"score\":0.08,\"log_odds\":-2.4,\"signals\":["
                + "{\"name\":\"token: thanks\",\"detail\":\"thanks\",\"weight\":-0.9},"
                + "{\"name\":\"link: domain\",\"detail\":\"wikipedia.org\",\"weight\":-0.4},"
                + "{\"name\":\"shape: length\",\"detail\":\"length~7\",\"weight\":-0.2}]}";
        for (int t = 0; t < threads; t++) {
            int id = t;
            latencies[t] = new long[1 << 16];
            Thread.ofPlatform().start(() -> {
                SplittableRandom r = new SplittableRandom(id);
                HexFormat hex = HexFormat.of();
                byte[] b = new byte[32];
                try {
                    while (!stop.get()) {
                        r.nextBytes(b);
                        String comment = "{\"comment_content\":\"" + "lorem ipsum ".repeat(20 + r.nextInt(60))
                                + "\",\"comment_author\":\"reader" + r.nextInt(5000) + "\",\"user_ip\":\"198.51.100.7\"}";
                        long t0 = System.nanoTime();
                        store.checks().record(new Checks.Check(Checks.newGuid(), site, Instant.now(), "ham", 0.08,
                                explanation, comment, hex.formatHex(b), false));
                        long dt = System.nanoTime() - t0;
                        if (counts[id] == latencies[id].length) latencies[id] = Arrays.copyOf(latencies[id], counts[id] * 2);
                        latencies[id][counts[id]++] = dt;
                        total.incrementAndGet();
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!report) return;
        long[] all = new long[(int) total.get()];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all, 0, k);
        System.out.printf("STORE_WRITE kind=%s threads=%d seconds=%.1f checks=%d checks_per_s=%.0f p50_ms=%.2f p99_ms=%.2f%n",
                store.kind(), threads, elapsed, k, k / elapsed, all[k / 2] / 1e6, all[(int) (k * 0.99)] / 1e6);
    }
}
