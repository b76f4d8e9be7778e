package org.winnow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winnow.platform.Harness.fields;
import static org.winnow.platform.Harness.inputValue;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.platform.data.Admins;
import org.winnow.platform.data.Database;
import org.winnow.platform.security.Signer;
import org.winnow.store.Store;
import org.winnow.store.testing.TestPostgres;

/**
 * The one-time link that creates the first admin lives in the database: it works on every node, survives
 * a restart of the node that printed it, works once, and expires.
 */
class SetupLinkTest {
    static final String PASSWORD = "a long enough password";
    @TempDir
    Path dir;

    /** A node: its own store, platform and port, all with the same public URL. */
    record Node(String base, Javalin app, Platform platform, Store store) implements AutoCloseable {
        static Node start(String dbUrl, String publicUrl, int port) {
            Store s = Store.open(dbUrl, Harness.SECRET);
            Platform p = Platform.create(s, dbUrl, new EngineFilter(), new PlatformConfig(Harness.SECRET, publicUrl, false,
                    Clock.systemUTC()));
            Javalin j = Javalin.create(config -> Platform.register(config, p)).start("127.0.0.1", port);
            return new Node("http://127.0.0.1:" + port, j, p, s);
        }

        @Override
        public void close() {
            app.stop();
            platform.close();
            store.close();
        }
    }

    String databaseFor(TestInfo info) {
        return this instanceof Harness.OnPostgres ? TestPostgres.newDatabase("setup_test")
                : "jdbc:sqlite:" + dir.resolve("winnow.db");
    }

    static String path(String link) {
        return link.substring(link.indexOf("/admin/setup/"));
    }

    static HttpResponse<String> complete(String base, String path, String user) {
        var c = Harness.client();
        HttpResponse<String> page = c.get(base + path);
        if (page.statusCode() != 200) return page;
        return c.post(base + path, fields("_csrf", inputValue(page.body(), "_csrf"), "username", user,
                "password", PASSWORD, "password2", PASSWORD));
    }

    @Test
    void theLinkWorksOnEveryNodeAfterARestartAndOnlyOnce(TestInfo info) throws IOException {
        String db = databaseFor(info);
        int portA = Harness.freePort();
        String publicUrl = "http://127.0.0.1:" + portA;
        Node a = Node.start(db, publicUrl, portA);
        try (Node b = Node.start(db, publicUrl, Harness.freePort()); Database.Connected conn = Database.connect(db)) {
            String link = a.platform().setupLink().orElseThrow();
            String token = link.substring(link.lastIndexOf('/') + 1);
            List<String> stored = conn.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM p_setup_token")
                    .mapTo(String.class).list());
            assertThat(stored).as("only hashes are stored").contains(Signer.sha256(token)).doesNotContain(token);

            // Printed by A, opened on B; and after A restarts, on A again.
            assertThat(Harness.client().get(b.base() + path(link)).statusCode()).isEqualTo(200);
            a.close();
            a = Node.start(db, publicUrl, portA);
            assertThat(Harness.client().get(a.base() + path(link)).statusCode()).isEqualTo(200);
            String otherLink = a.platform().setupLink().orElseThrow(); // the restart printed a new one as well
            assertThat(otherLink).isNotEqualTo(link);
            assertThat(Harness.client().get(b.base() + "/admin/setup/" + Signer.random(24)).statusCode()).isEqualTo(404);

            // Two nodes race with the same link: exactly one creates an admin.
            String baseA = a.base();
            var first = CompletableFuture.supplyAsync(() -> complete(baseA, path(link), "first"));
            var second = CompletableFuture.supplyAsync(() -> complete(b.base(), path(link), "second"));
            List<Integer> statuses = List.of(first.join().statusCode(), second.join().statusCode());
            assertThat(statuses).containsOnlyOnce(303);
            assertThat(new Admins(conn.jdbi()).count()).isEqualTo(1);

            // Used: it, and every other link, is gone on every node.
            for (String base : List.of(baseA, b.base())) {
                assertThat(complete(base, path(link), "third").statusCode()).isEqualTo(404);
                assertThat(complete(base, path(otherLink), "fourth").statusCode()).isEqualTo(404);
            }
            assertThat(a.platform().setupLink()).isEmpty();
            assertThat(b.platform().setupLink()).isEmpty();
            assertThat(new Admins(conn.jdbi()).count()).isEqualTo(1);
            String winner = statuses.get(0) == 303 ? "first" : "second";
            assertThat(Harness.client().login(b.base(), winner, PASSWORD)).isNotBlank();
        } finally {
            a.close();
        }
    }

    @Test
    void aLinkExpiresAndTheCommandLineAdminEndsSetup(TestInfo info) throws IOException {
        String db = databaseFor(info);
        int port = Harness.freePort();
        try (Node a = Node.start(db, "http://127.0.0.1:" + port, port); Database.Connected conn = Database.connect(db)) {
            Admins admins = new Admins(conn.jdbi());
            String link = a.platform().setupLink().orElseThrow();
            String hash = Signer.sha256(link.substring(link.lastIndexOf('/') + 1));
            long now = System.currentTimeMillis();
            long validity = Platform.SETUP_LINK_VALIDITY.toMillis();
            assertThat(admins.setupTokenValid(hash, now + validity - Duration.ofMinutes(1).toMillis())).isTrue();
            assertThat(admins.setupTokenValid(hash, now + validity + Duration.ofMinutes(1).toMillis())).isFalse();
            assertThat(admins.createFirstAdmin(hash, "late", "not-stored", now + validity + 60_000)).isFalse();
            assertThat(admins.count()).isZero();

            // `winnow admin create` in another process: the printed link stops working at once.
            try (Store s = Store.open(db, Harness.SECRET);
                 Platform cli = Platform.create(s, db, new EngineFilter(), PlatformConfig.of(Harness.SECRET, "http://127.0.0.1:" + port))) {
                cli.createAdmin("operator", PASSWORD);
            }
            assertThat(Harness.client().get(a.base() + path(link)).statusCode()).isEqualTo(404);
            assertThat(a.platform().setupLink()).isEmpty();
            assertThat(admins.setupTokenValid(hash, now)).isFalse();
            long left = conn.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM p_setup_token").mapTo(Long.class).one());
            assertThat(left).isZero();
        }
    }
}
