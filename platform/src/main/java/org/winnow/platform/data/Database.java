package org.winnow.platform.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.winnow.store.Store;

/**
 * Connections to the database the store opened (and migrated, platform tables included). Prefers the
 * store's own {@code jdbi()} when it offers one; otherwise connects to the same URL itself.
 */
public final class Database {
    private Database() {}

    /** The store's own Jdbi, if this store version exposes {@code Jdbi jdbi()}. */
    public static Optional<Jdbi> fromStore(Store store) {
        try {
            Method m = store.getClass().getMethod("jdbi");
            m.setAccessible(true);
            return m.invoke(store) instanceof Jdbi j ? Optional.of(j) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A connection source of our own for the store's URL (same forms {@code Store.open} accepts). */
    public static Connected connect(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(url);
            hc.setMaximumPoolSize(8);
            hc.setPoolName("winnow-platform");
            HikariDataSource ds = new HikariDataSource(hc);
            return new Connected(Jdbi.create(ds), ds);
        }
        String file = url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()) : url;
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000); // the store's writer may hold the lock briefly
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + Path.of(file).toAbsolutePath().normalize());
        // Opening a SQLite connection per query serialises on a lock inside the driver: pool them.
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(ds);
        hc.setMaximumPoolSize(4);
        hc.setPoolName("winnow-platform-sqlite");
        HikariDataSource pooled = new HikariDataSource(hc);
        return new Connected(Jdbi.create(pooled), pooled);
    }

    /** A Jdbi and whatever must be closed with it. */
    public record Connected(Jdbi jdbi, Closeable resource) implements Closeable {
        @Override
        public void close() {
            try {
                if (resource != null) resource.close();
            } catch (java.io.IOException ignored) {
                // closing a pool: nothing useful to do
            }
        }
    }
}
