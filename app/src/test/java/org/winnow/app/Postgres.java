package org.winnow.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** A real PostgreSQL server (zonky's embedded binaries, no Docker) for the packaged-jar tests. */
final class Postgres {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {}

    /** A JDBC URL, user included, of a new empty database the jar can be pointed at with {@code --db}. */
    static String newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "winnow_it_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // A few more connections than the default: three nodes each have two pools.
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // exiting; its data directory is temporary
                }
            }));
        }
        return server;
    }
}
