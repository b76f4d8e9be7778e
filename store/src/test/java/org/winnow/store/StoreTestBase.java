package org.winnow.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.winnow.store.Checks.Check;
import org.winnow.store.testing.TestPostgres;

/**
 * Base of the store tests: every subclass runs on SQLite and on PostgreSQL, each test on its own new
 * empty database. Stores opened through {@link #open()} are closed after the test.
 */
@OnBothDatabases
abstract class StoreTestBase {

    static final byte[] SECRET = "a test secret that is long enough".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Parameter
    String database;

    @TempDir
    Path tempDir;

    private String url;
    private final List<Store> opened = new ArrayList<>();

    /** This test's database (created on first call). */
    String url() {
        if (url == null) {
            url = database.equals("sqlite") ? "jdbc:sqlite:" + tempDir.resolve("data/winnow.db") : TestPostgres.newDatabase("winnow_test");
        }
        return url;
    }

    Store open() {
        return open(SECRET);
    }

    Store open(byte[] secret) {
        Store store = Store.open(url(), secret);
        opened.add(store);
        return store;
    }

    /** A plain JDBC connection to this test's database, to look at what is really stored. */
    Connection raw() throws SQLException {
        return DriverManager.getConnection(url());
    }

    long rows(String table) throws SQLException {
        try (Connection c = raw(); var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    static String guid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static Check check(long siteId, Instant at, String verdict) {
        return check(siteId, at, verdict, false);
    }

    static Check check(long siteId, Instant at, String verdict, boolean test) {
        return new Check(guid(), siteId, at, verdict, verdict.equals("ham") ? 0.1 : 0.9,
                "{\"signals\":[{\"name\":\"links\",\"weight\":0.4}]}",
                "{\"comment_content\":\"Buy cheap watches\",\"comment_author\":\"bob\"}", "mk-" + guid(), test);
    }

    /** A store with one key and its first site, for tests that need somewhere to record to. */
    record Fixture(Store store, ApiKeys.Created created) {
        long keyId() {
            return created.key().id();
        }

        long siteId() {
            return created.site().id();
        }
    }

    Fixture fixture() {
        Store store = open();
        return new Fixture(store, store.keys().create("https://blog.example.com", "fixture"));
    }
}
