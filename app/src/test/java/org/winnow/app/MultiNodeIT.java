package org.winnow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.store.testing.TestPostgres;
import java.sql.DriverManager;

/**
 * Three real {@code winnow serve} processes (the packaged jar) on one real PostgreSQL, sharing a
 * secret file: traffic and corrections go to all of them over HTTP, one is killed with SIGKILL in the
 * middle and restarted, and afterwards nothing acknowledged is missing and every node judges alike.
 */
class MultiNodeIT {
    private static final String BLOG = "https://news.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir Path dir;

    /** Acknowledged means: a 200 answer with the protocol's body. Anything else (refused, reset) is not. */
    private HttpResponse<String> post(String base, String path, Map<String, String> form) throws IOException, InterruptedException {
        return http.send(WinnowProcess.formPost(base + path, form).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String base, String path) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Signals of the recent-traffic record, which each node keeps for itself. */
    private static final Set<String> TRAFFIC_SIGNALS = Set.of("ip_burst", "link_burst", "recent_copies", "script_mismatch",
            "language_mismatch");

    private JsonNode nativeCheck(String base, String key, String content) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("site", BLOG, "content", content, "author", "Probe Person",
                "author_email", "probe@example.org", "user_ip", "198.51.100.77", "is_test", true));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/check"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Map<String, String> comment(String key, String author, String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_key", key);
        f.put("blog", BLOG);
        f.put("user_ip", "203.0.113." + (Math.abs(author.hashCode()) % 250 + 1));
        f.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        f.put("permalink", BLOG + "/2026/11/city-budget");
        f.put("comment_type", "comment");
        f.put("comment_author", author);
        f.put("comment_author_email", author.toLowerCase().replace(' ', '.') + "@example.org");
        f.put("comment_content", text);
        return f;
    }

    private static final String[] SPAM = {
            "Cheap replica watches and discount pills, order now at our online shop, free shipping worldwide",
            "Earn money fast from home with this crypto casino bonus, click the link and claim your reward today",
            "Best prices on designer handbags and sunglasses, limited offer, visit our store for the discount code"};
    private static final String[] HAM = {
            "The council should publish the full budget tables, the summary leaves out the transport figures.",
            "I went to the meeting last night and the turnout was much larger than the article suggests.",
            "Thanks for covering this, the paragraph about school funding finally explained the delay to me."};

    @Test
    void threeNodesShareEverythingAndSurviveAKill() throws Exception {
        String db = TestPostgres.newDatabase("winnow_it");
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
        WinnowProcess.Result created = WinnowProcess.run("keys", "create", "--db", db, "--secret-file", secret.toString(),
                "--data", dir.resolve("cli").toString(), "--site", BLOG);
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.out().strip();

        // All three start at once on the same empty platform tables: migrations and demo content race.
        List<Future<WinnowProcess>> starting = new ArrayList<>();
        ExecutorService starter = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            Path data = dir.resolve("node" + i);
            starting.add(starter.submit(() -> WinnowProcess.serve("--db", db, "--secret-file", secret.toString(),
                    "--data", data.toString(), "--port", "0")));
        }
        WinnowProcess[] nodes = new WinnowProcess[3];
        for (int i = 0; i < 3; i++) nodes[i] = starting.get(i).get(120, TimeUnit.SECONDS);
        starter.shutdown();
        AtomicReferenceArray<String> bases = new AtomicReferenceArray<>(3);
        for (int i = 0; i < 3; i++) bases.set(i, nodes[i].baseUrl);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(post(bases.get(i), "/1.1/verify-key", Map.of("key", key, "blog", BLOG)).body()).isEqualTo("valid");
            }
            adminSessionWorksOnEveryNode(db, secret, bases);

            String probe = "Discount designer watches and casino bonus pills, visit our online shop now for free shipping";
            double before = nativeCheck(bases.get(0), key, probe).get("score").asDouble();

            // Propagation: a correction on node 0 reaches node 2 through the shared log.
            HttpResponse<String> fed = http.send(HttpRequest.newBuilder(URI.create(bases.get(0) + "/api/v1/feedback"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("site", BLOG, "spam", true,
                            "content", SPAM[0], "author", "Seller")))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fed.statusCode()).as(fed.body()).isEqualTo(200);
            long seq = JSON.readTree(fed.body()).get("seq").asLong();
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
            while (getJson(bases.get(2), "/readyz").get("corrections_applied").asLong() < seq && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(getJson(bases.get(2), "/readyz").get("corrections_applied").asLong()).isGreaterThanOrEqualTo(seq);
            System.out.printf("[multinode] correction seq %d from node 0 applied on node 2 after %d ms%n", seq,
                    (System.nanoTime() - t0) / 1_000_000);

            // Load on all three: checks everywhere, corrections sent (by guid) to a node other than the checker.
            Set<String> ackedChecks = ConcurrentHashMap.newKeySet();
            Set<String> ackedCorrections = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService workers = Executors.newFixedThreadPool(6);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                int worker = w;
                running.add(workers.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        int node = (worker + n) % 3;
                        boolean spam = n % 2 == 0;
                        String text = (spam ? SPAM : HAM)[n % 3] + " (" + worker + "-" + n + ")";
                        try {
                            HttpResponse<String> r = post(bases.get(node), "/1.1/comment-check",
                                    comment(key, spam ? "Seller " + worker : "Reader " + worker, text));
                            String guid = r.headers().firstValue("X-akismet-guid").orElse("");
                            if (r.statusCode() != 200 || !(r.body().equals("true") || r.body().equals("false"))) {
                                refused.incrementAndGet();
                                continue;
                            }
                            ackedChecks.add(guid);
                            if (n % 5 == 0) {
                                Map<String, String> f = new LinkedHashMap<>(Map.of("api_key", key, "guid", guid));
                                HttpResponse<String> s = post(bases.get((node + 1) % 3), spam ? "/1.1/submit-spam" : "/1.1/submit-ham", f);
                                if (s.statusCode() == 200 && s.body().startsWith("Thanks")) ackedCorrections.add(guid);
                                else refused.incrementAndGet();
                            }
                        } catch (IOException e) {
                            refused.incrementAndGet(); // the killed node: not acknowledged, so not owed
                        }
                    }
                    return null;
                }));
            }
            waitUntil(() -> ackedChecks.size() >= 300);
            nodes[1].kill(); // SIGKILL while requests to it are in flight
            int atKill = ackedChecks.size();
            waitUntil(() -> ackedChecks.size() >= atKill + 300);
            nodes[1] = WinnowProcess.serve("--db", db, "--secret-file", secret.toString(),
                    "--data", dir.resolve("node1").toString(), "--port", "0");
            bases.set(1, nodes[1].baseUrl);
            int atRestart = ackedChecks.size();
            waitUntil(() -> ackedChecks.size() >= atRestart + 300 && ackedCorrections.size() >= 150);
            stop.set(true);
            for (Future<?> f : running) f.get(60, TimeUnit.SECONDS);
            workers.shutdown();
            System.out.printf("[multinode] %d checks and %d corrections acknowledged, %d requests not acknowledged%n",
                    ackedChecks.size(), ackedCorrections.size(), refused.get());

            // Nothing acknowledged is lost.
            Set<String> storedChecks = new HashSet<>();
            Set<String> correctedGuids = new HashSet<>();
            long maxSeq;
            try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT guid FROM checks")) {
                    while (rs.next()) storedChecks.add(rs.getString(1));
                }
                try (ResultSet rs = s.executeQuery("SELECT guid FROM corrections WHERE guid IS NOT NULL")) {
                    while (rs.next()) correctedGuids.add(rs.getString(1));
                }
                try (ResultSet rs = s.executeQuery("SELECT MAX(seq), COUNT(*) FROM corrections")) {
                    rs.next();
                    maxSeq = rs.getLong(1);
                    assertThat(rs.getLong(2)).as("gap-free log").isEqualTo(maxSeq);
                }
            }
            assertThat(storedChecks).containsAll(ackedChecks);
            assertThat(correctedGuids).containsAll(ackedCorrections);

            // Every node has applied the whole log, and judges the same comment the same way.
            for (int i = 0; i < 3; i++) {
                int node = i;
                waitUntil(() -> getJson(bases.get(node), "/readyz").get("corrections_applied").asLong() >= maxSeq);
            }
            // The model's signals (words, phrases, shape...) with their exact weights must agree. The recent-traffic
            // signals may not: each node keeps its own record of recent comments (docs/operations.md), so, for
            // one, its site's language profile can hold different words when the probe is judged.
            List<String> scores = new ArrayList<>();
            List<List<String>> modelSignals = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode judged = nativeCheck(bases.get(i), key, probe);
                scores.add(judged.get("score").asText());
                List<String> own = new ArrayList<>();
                for (JsonNode signal : judged.get("signals")) {
                    if (TRAFFIC_SIGNALS.contains(signal.get("name").asText())) continue;
                    own.add(signal.get("name").asText() + " " + signal.get("detail").asText() + " " + signal.get("weight").asText());
                }
                modelSignals.add(own);
                System.out.printf("[multinode] probe on node %d: %s%n", i, judged.get("signals"));
            }
            System.out.printf("[multinode] probe score before %.6f, after on the three nodes %s%n", before, scores);
            // a traffic signal on one node can push that node's weakest model signal out of the list of ten
            int common = modelSignals.stream().mapToInt(List::size).min().orElseThrow();
            assertThat(common).as("model signals to compare").isGreaterThanOrEqualTo(5);
            for (List<String> own : modelSignals) {
                assertThat(own.subList(0, common)).as("same model on every node").isEqualTo(modelSignals.getFirst().subList(0, common));
            }
            assertThat(Double.parseDouble(scores.getFirst())).as("the corrections were learned").isNotEqualTo(before);

            // Metrics on every node; the restarted one learned the log on start.
            for (int i = 0; i < 3; i++) {
                String metrics = http.send(HttpRequest.newBuilder(URI.create(bases.get(i) + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("winnow_checks_total").contains("winnow_corrections_applied_seq " + maxSeq + ".0");
            }
        } finally {
            for (WinnowProcess n : nodes) if (n != null) n.close();
        }
    }

    /** Logs in on node 0; the session (in PostgreSQL) and its CSRF token are accepted by node 2. */
    private void adminSessionWorksOnEveryNode(String db, Path secret, AtomicReferenceArray<String> bases) throws Exception {
        WinnowProcess.Result admin = WinnowProcess.run("admin", "create", "--db", db, "--secret-file", secret.toString(),
                "--data", dir.resolve("cli").toString(), "--user", "editor", "--password=" + "a long enough passphrase");
        assertThat(admin.exit()).as(admin.err()).isZero();
        // One cookie jar for all nodes: cookies ignore the port, as they would behind one host name.
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String loginPage = browser.send(HttpRequest.newBuilder(URI.create(bases.get(0) + "/admin/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"").matcher(loginPage);
        assertThat(csrf.find()).isTrue();
        // The pre-login CSRF token is signed, so the login form from node 0 may be posted to node 1.
        String form = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
                + "&next=%2Fadmin%2Fqueue&username=editor&password=" + URLEncoder.encode("a long enough passphrase", StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(bases.get(1) + "/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        HttpResponse<String> queue = browser.send(HttpRequest.newBuilder(URI.create(bases.get(2) + "/admin/queue")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(queue.statusCode()).as("the session made on node 1 is known to node 2").isEqualTo(200);
        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create(bases.get(2) + "/admin/queue")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).as("without the session cookie").isNotEqualTo(200);
    }

    interface Condition {
        boolean met() throws Exception;
    }

    /** Waits for a condition of the system (not for a time): fails only if it never comes within 3 minutes. */
    private static void waitUntil(Condition c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!c.met()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 3 minutes");
            Thread.sleep(20);
        }
    }
}
