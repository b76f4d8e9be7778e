package org.winnow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.store.testing.TestPostgres;

/** An existing SQLite deployment: backed up online, copied to PostgreSQL, and served from there. */
class MigrateStoreIT {
    private static final String BLOG = "https://blog.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir Path dir;

    private HttpResponse<String> post(String base, String path, Map<String, String> form) throws Exception {
        return http.send(WinnowProcess.formPost(base + path, form).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String probeScore(String base, String key) throws Exception {
        String body = JSON.writeValueAsString(Map.of("site", BLOG, "content",
                "Cheap pills and replica watches, visit our shop today for the discount", "author", "Probe", "is_test", true));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/check"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("score").asText();
    }

    private static Map<String, String> comment(String key, String author, String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_key", key);
        f.put("blog", BLOG);
        f.put("user_ip", "198.51.100.23");
        f.put("comment_author", author);
        f.put("comment_author_email", author.toLowerCase() + "@example.org");
        f.put("comment_content", text);
        return f;
    }

    static List<List<String>> rows(Connection c, String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    // SQLite hands booleans back as 0/1, PostgreSQL as true/false.
                    row.add(v instanceof Boolean b ? (b ? "1" : "0") : v == null ? null : v.toString());
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void sqliteDeploymentMovesToPostgresWithKeysAndLearningIntact() throws Exception {
        Path data = dir.resolve("data");
        WinnowProcess.Result created = WinnowProcess.run("keys", "create", "--data", data.toString(), "--site", BLOG);
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.out().strip();
        Path backup = dir.resolve("backups/winnow-backup.db");

        String scoreOnSqlite;
        String platformComment = "The map in the second section helped a lot, thank you.";
        String mine; // the author's signed link to their (possibly held) comment
        String publicUrl = "http://comments.example.org"; // what readers see, the same before and after the move
        try (WinnowProcess old = WinnowProcess.serve("--data", data.toString(), "--port", "0", "--public-url", publicUrl)) {
            for (int i = 0; i < 40; i++) {
                var r = post(old.baseUrl, "/1.1/comment-check", comment(key, "Reader" + i, "A thoughtful remark number " + i + " about the article."));
                assertThat(r.body()).isIn("true", "false");
                if (i % 4 == 0) {
                    String guid = r.headers().firstValue("X-akismet-guid").orElseThrow();
                    assertThat(post(old.baseUrl, "/1.1/submit-spam", Map.of("api_key", key, "guid", guid)).body()).startsWith("Thanks");
                }
            }
            post(old.baseUrl, "/1.1/submit-spam", comment(key, "Seller", "Cheap pills and replica watches, visit our shop now"));
            scoreOnSqlite = probeScore(old.baseUrl, key);

            // A reader's comment on the platform's demo article.
            String page = get(old.baseUrl + "/a/winnowing");
            Matcher ts = Pattern.compile("name=\"ts\"[^>]*value=\"([^\"]*)\"").matcher(page);
            assertThat(ts.find()).isTrue();
            var posted = post(old.baseUrl, "/a/winnowing/comments", Map.of("author", "Ann Reader", "email", "", "url", "",
                    "body", platformComment, "parent", "", "ts", ts.group(1), "homepage", ""));
            assertThat(posted.statusCode()).isEqualTo(303);
            mine = posted.headers().firstValue("Location").orElseThrow().replaceAll("#.*", "").replaceAll("^https?://[^/]+", "");
            assertThat(mine).contains("mine=");

            // Online backup while the server runs; the copy below is made from it.
            WinnowProcess.Result b = WinnowProcess.run("backup", "--data", data.toString(), "--to", backup.toString());
            assertThat(b.exit()).as(b.err()).isZero();
            assertThat(b.err()).contains("integrity ok");
            assertThat(WinnowProcess.run("backup", "--data", data.toString(), "--to", backup.toString()).err())
                    .as("never overwrites").contains("already exists");
        }

        String pg = TestPostgres.newDatabase("winnow_it");
        String sqlite = "jdbc:sqlite:" + backup;
        WinnowProcess.Result migrated = WinnowProcess.run("migrate-store", "--from", sqlite, "--to", pg);
        assertThat(migrated.exit()).as(migrated.out() + migrated.err()).isZero();
        assertThat(migrated.err()).contains("100%").contains("Copied");
        assertThat(migrated.out()).contains("checks").contains("p_comment").doesNotContain("MISMATCH");

        try (Connection from = DriverManager.getConnection(sqlite); Connection to = DriverManager.getConnection(pg)) {
            for (String table : List.of("counters", "api_keys", "sites", "checks", "corrections", "settings", "p_site",
                    "p_article", "p_thread", "p_comment", "p_moderation", "p_admin", "p_session")) {
                assertThat(rows(to, "SELECT COUNT(*) FROM " + table)).as(table).isEqualTo(rows(from, "SELECT COUNT(*) FROM " + table));
            }
            assertThat(rows(to, "SELECT COUNT(*) FROM corrections").getFirst().getFirst()).isEqualTo("11");
            for (String sql : List.of("SELECT id, key_hash, hint, label, created_at, revoked_at FROM api_keys ORDER BY id",
                    "SELECT seq, site_id, guid, spam, source, comment, received_at, previous_verdict FROM corrections ORDER BY seq",
                    "SELECT guid, verdict, score, comment, is_test FROM checks ORDER BY guid",
                    "SELECT name, value FROM counters ORDER BY name",
                    "SELECT id, author, body_md, status, score FROM p_comment ORDER BY id")) {
                assertThat(rows(to, sql)).as(sql).isEqualTo(rows(from, sql));
            }
        }

        WinnowProcess.Result again = WinnowProcess.run("migrate-store", "--from", sqlite, "--to", pg);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("not empty").contains("Nothing was copied");
        WinnowProcess.Result replaced = WinnowProcess.run("migrate-store", "--from", sqlite, "--to", pg, "--overwrite", "--no-progress");
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        assertThat(replaced.err()).doesNotContain("%");
        try (Connection from = DriverManager.getConnection(sqlite); Connection to = DriverManager.getConnection(pg)) {
            assertThat(rows(to, "SELECT COUNT(*) FROM checks")).as("replaced, not doubled").isEqualTo(rows(from, "SELECT COUNT(*) FROM checks"));
        }

        // A node on PostgreSQL with the old secret: the old key works and the old corrections are learned.
        try (WinnowProcess node = WinnowProcess.serve("--db", pg, "--secret-file", data.resolve("secret").toString(),
                "--data", dir.resolve("node").toString(), "--port", "0", "--public-url", publicUrl)) {
            assertThat(post(node.baseUrl, "/1.1/verify-key", Map.of("key", key, "blog", BLOG)).body()).isEqualTo("valid");
            JsonNode ready = JSON.readTree(get(node.baseUrl + "/readyz"));
            assertThat(ready.get("store").asText()).isEqualTo("postgresql");
            assertThat(ready.get("corrections_applied").asLong()).isEqualTo(11);
            assertThat(probeScore(node.baseUrl, key)).as("same corrections, same model").isEqualTo(scoreOnSqlite);
            assertThat(get(node.baseUrl + mine)).as("the signed owner link still works").contains(platformComment);
        }
    }

    @Test
    void badArgumentsAreRefusedClearly() throws Exception {
        WinnowProcess.Result same = WinnowProcess.run("migrate-store", "--from", dir.resolve("a.db").toString(),
                "--to", "jdbc:sqlite:" + dir.resolve("a.db").toAbsolutePath());
        assertThat(same.exit()).isNotZero();
        assertThat(same.err()).contains("same database");
        WinnowProcess.Result missing = WinnowProcess.run("migrate-store", "--from", dir.resolve("nothing-here.db").toString(),
                "--to", dir.resolve("c.db").toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("no SQLite database at");
        assertThat(Files.exists(dir.resolve("nothing-here.db"))).as("the missing source is not created").isFalse();
        WinnowProcess.Result other = WinnowProcess.run("migrate-store", "--from", "jdbc:mysql://x/y", "--to", dir.resolve("b.db").toString());
        assertThat(other.exit()).isNotZero();
        assertThat(other.err()).contains("unsupported database URL");
        assertThat(Files.exists(dir.resolve("b.db"))).isFalse();
        WinnowProcess.Result pgBackup = WinnowProcess.run("backup", "--db", "jdbc:postgresql://127.0.0.1:1/none", "--to", dir.resolve("x.db").toString());
        assertThat(pgBackup.exit()).isNotZero();
        assertThat(pgBackup.err()).contains("pg_dump");
    }
}
