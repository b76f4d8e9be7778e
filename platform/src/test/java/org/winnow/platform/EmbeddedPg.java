package org.winnow.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** A real PostgreSQL (zonky embedded binaries) shared by the test run; each caller gets its own empty database. */
final class EmbeddedPg {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static EmbeddedPostgres pg;

    private EmbeddedPg() {}

    /** The JDBC URL (user and all) of a database that did not exist before. */
    static String freshDatabase() {
        EmbeddedPostgres server = server();
        String db = "platform_test_" + COUNT.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + db, e);
        }
        return server.getJdbcUrl("postgres", db);
    }

    private static synchronized EmbeddedPostgres server() {
        if (pg == null) {
            try {
                pg = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = pg;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // exiting anyway; its directory is temporary
                }
            }));
        }
        return pg;
    }
}
