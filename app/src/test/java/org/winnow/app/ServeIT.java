package org.winnow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as the README runs it: keys, serve, learn, crash, restart. */
class ServeIT {
    private static final String BLOG = "https://blog.example.com";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir Path data;

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String base, String path, Map<String, String> form) throws Exception {
        return http.send(WinnowProcess.formPost(base + path, form).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> comment(String key, String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_key", key);
        f.put("blog", BLOG);
        f.put("user_ip", "198.51.100.23");
        f.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        f.put("comment_type", "comment");
        f.put("comment_author", "Dana");
        f.put("comment_author_email", "dana@example.org");
        f.put("comment_content", text);
        return f;
    }

    @Test
    void keysServeLearnCrashAndRestart() throws Exception {
        WinnowProcess.Result created = WinnowProcess.run("keys", "create", "--data", data.toString(), "--site", BLOG);
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.out().strip();
        assertThat(key).matches("[0-9a-f]{12}");
        assertThat(created.err()).contains("cannot be shown again");

        String text = "Lovely photos of the allotment, thank you for posting the seed list as well.";
        String nearCopy = "Lovely photos of the allotment, thank you for posting the seed list as well!!";
        try (WinnowProcess server = WinnowProcess.serve("--data", data.toString(), "--port", "0")) {
            assertThat(server.output()).noneMatch(l -> l.contains("API key for"));
            var valid = post(server.baseUrl, "/1.1/verify-key", Map.of("key", key, "blog", BLOG));
            assertThat(valid.body()).isEqualTo("valid");
            var first = post(server.baseUrl, "/1.1/comment-check", comment(key, text));
            assertThat(first.body()).isEqualTo("false");
            assertThat(first.headers().firstValue("X-akismet-guid")).hasValueSatisfying(g -> assertThat(g).matches("[0-9a-f]{32}"));

            var thanks = post(server.baseUrl, "/1.1/submit-spam", comment(key, text));
            assertThat(thanks.body()).isEqualTo("Thanks for making the web a better place.");
            assertThat(post(server.baseUrl, "/1.1/comment-check", comment(key, nearCopy)).body()).isEqualTo("true");
            server.kill(); // no clean shutdown: what was acknowledged must already be on disk
        }

        try (WinnowProcess again = WinnowProcess.serve("--data", data.toString(), "--port", "0")) {
            assertThat(post(again.baseUrl, "/1.1/comment-check", comment(key, nearCopy)).body())
                    .as("the correction survives a crash and a restart").isEqualTo("true");
            assertThat(post(again.baseUrl, "/1.1/verify-key", Map.of("key", "0badbadbad00", "blog", BLOG)).body()).isEqualTo("invalid");
        }

        WinnowProcess.Result listed = WinnowProcess.run("keys", "list", "--data", data.toString());
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(key.substring(0, 4) + "…").contains("active").contains("site " + BLOG).doesNotContain(key);
        WinnowProcess.Result revoked = WinnowProcess.run("keys", "revoke", "--data", data.toString(), key);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(WinnowProcess.run("keys", "revoke", "--data", data.toString(), key).exit()).isEqualTo(1);
        try (WinnowProcess after = WinnowProcess.serve("--data", data.toString(), "--port", "0")) {
            assertThat(post(after.baseUrl, "/1.1/verify-key", Map.of("key", key, "blog", BLOG)).body()).isEqualTo("invalid");
        }
    }

    @Test
    void firstStartMakesAKeyThatWorksAtOnce() throws Exception {
        try (WinnowProcess server = WinnowProcess.serve("--data", data.toString(), "--port", "0")) {
            String line = server.output().stream().filter(l -> l.contains("API key for")).findFirst().orElseThrow();
            String key = line.replaceAll(".*API key for \\S+: ([0-9a-f]{12}).*", "$1");
            assertThat(key).matches("[0-9a-f]{12}");
            String site = line.replaceAll(".*API key for (\\S+):.*", "$1");
            assertThat(site).isEqualTo(server.baseUrl.replace("127.0.0.1", "localhost"));
            assertThat(post(server.baseUrl, "/1.1/verify-key", Map.of("key", key, "blog", site)).body()).isEqualTo("valid");
            assertThat(server.output()).anyMatch(l -> l.contains("/admin/setup/"));
            var home = get(server.baseUrl + "/");
            assertThat(home.statusCode()).isEqualTo(200);
            String articlePath = home.body().replaceAll("(?s).*?href=\"(/a/[^\"]+)\".*", "$1");
            assertThat(articlePath).startsWith("/a/");
            var article = get(server.baseUrl + articlePath);
            assertThat(article.statusCode()).isEqualTo(200);
            assertThat(article.body()).contains("Leave a comment").contains("Learn how your comment data is processed");
            var health = get(server.baseUrl + "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    /** Posts a comment through the article's form (no JavaScript), from {@code ip} as our proxy saw it. */
    private void postComment(String base, String article, String ip, String author, String text) throws Exception {
        var page = http.send(HttpRequest.newBuilder(URI.create(base + article)).header("X-Forwarded-For", ip).build(),
                HttpResponse.BodyHandlers.ofString());
        String ts = page.body().replaceAll("(?s).*?name=\"ts\" value=\"([^\"]+)\".*", "$1");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("author", author);
        form.put("email", "");
        form.put("url", "");
        form.put("body", text);
        form.put("parent", "");
        form.put("ts", ts);
        form.put("homepage", "");
        var r = http.send(WinnowProcess.formPost(base + article + "/comments", form).header("X-Forwarded-For", ip).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    }

    private double replayed(String base) throws Exception {
        String metrics = get(base + "/metrics").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^winnow_traffic_replayed_total ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void commentsPostedBeforeACrashStillCountTowardsABurstAfterIt() throws Exception {
        String article = "/a/winnowing";
        String[] texts = {
                "The part about the fanning mill was new to me, thanks.",
                "My grandfather had one of those sieves in the barn.",
                "Is there a photo of the basket somewhere? I would love to see it.",
                "Lovely piece, it made me think about how old the problem is."};
        try (WinnowProcess server = WinnowProcess.serve("--data", data.toString(), "--port", "0", "--trust-proxy")) {
            for (int i = 0; i < texts.length; i++) postComment(server.baseUrl, article, "198.51.100." + (i + 1), "Reader " + i, texts[i]);
            server.kill();
        }
        try (WinnowProcess again = WinnowProcess.serve("--data", data.toString(), "--port", "0", "--trust-proxy")) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (replayed(again.baseUrl) < texts.length && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(replayed(again.baseUrl)).as("the four comments, read back when the node started").isEqualTo(texts.length);
            postComment(again.baseUrl, article, "198.51.100.9", "Reader 9", "The diagram of the threshing floor helped a lot.");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("winnow.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT reasons FROM p_comment WHERE author = 'Reader 9'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the fifth comment from one network in ten minutes, across the crash").contains("ip_burst");
        }
    }

    /**
     * The run the launcher records its start-up cache from: it answers each kind of request on a
     * scratch folder of its own and exits cleanly, leaving the data folder it was given untouched and
     * no scratch folder behind; on JDK 25+ the recording JVM writes the cache.
     */
    @Test
    void theStartUpCacheRunServesOnAScratchFolderAndStops(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("winnow.aot");
        boolean aot = Runtime.version().feature() >= 25;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        if (aot) cmd.add("-XX:AOTCacheOutput=" + cache);
        cmd.addAll(List.of("-jar", WinnowProcess.jar().toString(), "serve", "--aot-training", "--data", data.toString()));
        Set<Path> scratchBefore = scratchFolders();

        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("model ready"); // it really started a server
        assertThat(data).isEmptyDirectory();
        assertThat(scratchFolders()).isEqualTo(scratchBefore);
        if (aot) assertThat(Files.size(cache)).as("cache size").isGreaterThan(10_000_000L);
    }

    private static Set<Path> scratchFolders() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(f -> f.getFileName().toString().startsWith("winnow-aot-")).collect(Collectors.toSet());
        }
    }

    /**
     * A start that fails late (the port is taken, found only when Jetty binds, after the store was
     * migrated and the platform made its demo content beside the server) says why, exits, and leaves
     * the data as a later start expects it: one demo article, the first key kept, no second one made.
     */
    @Test
    void aStartThatFailsOnATakenPortSaysSoAndLeavesTheDataUsable() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            WinnowProcess.Result failed = WinnowProcess.run("serve", "--data", data.toString(),
                    "--port", Integer.toString(taken.getLocalPort()));
            assertThat(failed.exit()).as(failed.out() + failed.err()).isNotZero();
            assertThat(failed.err()).contains("winnow: ").containsIgnoringCase("port").doesNotContain("CompletionException");
            assertThat(failed.out()).doesNotContain("listening on");
        }
        try (WinnowProcess server = WinnowProcess.serve("--data", data.toString(), "--port", "0")) {
            assertThat(server.output()).noneMatch(l -> l.contains("API key for")); // the first start's key is kept
            HttpResponse<String> home = get(server.baseUrl + "/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body().split("href=\"/a/", -1)).as("links to articles: the one demo article").hasSize(2);
        }
    }

    /**
     * The launcher keeps one copy of SQLite's native library per build (SqliteLibrary) and hands it to
     * sqlite-jdbc by name: the copy is the jar's library for this machine, and a server given it opens
     * SQLite without copying the library to the temporary folder, as it does without it.
     */
    @Test
    void aServerGivenTheCopiedSqliteLibraryMakesNoCopyOfItsOwn(@TempDir Path dir) throws Exception {
        Path libs = dir.resolve("sqlite-native");
        Process copy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", WinnowProcess.jar().toString(), "org.winnow.app.SqliteLibrary", libs.toString()).start();
        String name = new String(copy.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(copy.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(copy.exitValue()).isZero();
        assertThat(name).contains("sqlitejdbc");
        try (var jar = new java.util.jar.JarFile(WinnowProcess.jar().toFile())) {
            String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath().substring(1) + "/" + name;
            assertThat(Files.readAllBytes(libs.resolve(name)))
                    .isEqualTo(jar.getInputStream(jar.getEntry(resource)).readAllBytes());
        }
        try (Stream<Path> left = Files.list(libs)) {
            assertThat(left).containsExactly(libs.resolve(name)); // no half-written part left behind
        }

        Path withCopy = Files.createDirectory(dir.resolve("tmp-with-copy"));
        try (WinnowProcess server = WinnowProcess.serve(List.of("-Djava.io.tmpdir=" + withCopy,
                "-Dorg.sqlite.lib.path=" + libs, "-Dorg.sqlite.lib.name=" + name),
                "--data", data.resolve("a").toString(), "--port", "0")) {
            assertThat(get(server.baseUrl + "/").statusCode()).isEqualTo(200);
            assertThat(sqliteFiles(withCopy)).isEmpty();
        }
        Path without = Files.createDirectory(dir.resolve("tmp-without"));
        try (WinnowProcess server = WinnowProcess.serve(List.of("-Djava.io.tmpdir=" + without),
                "--data", data.resolve("b").toString(), "--port", "0")) {
            assertThat(get(server.baseUrl + "/").statusCode()).isEqualTo(200);
            assertThat(sqliteFiles(without)).isNotEmpty(); // what the copy saves: sqlite-jdbc's own copy
        }
    }

    private static List<Path> sqliteFiles(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().contains("sqlite")).toList();
        }
    }

    @Test
    void badCommandLinesSayWhatIsWrong() throws Exception {
        WinnowProcess.Result badSite = WinnowProcess.run("keys", "create", "--data", data.toString(), "--site", "blog.example.com");
        assertThat(badSite.exit()).isNotZero();
        assertThat(badSite.err()).contains("site must be a full http:// or https:// URL");
        WinnowProcess.Result badPort = WinnowProcess.run("serve", "--data", data.toString(), "--port", "eighty");
        assertThat(badPort.exit()).isNotZero();
        assertThat(badPort.err()).contains("--port");
        WinnowProcess.Result unknown = WinnowProcess.run("frobnicate");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("frobnicate");
    }
}
