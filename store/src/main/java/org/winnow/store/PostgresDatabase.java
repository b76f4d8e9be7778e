package org.winnow.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import org.winnow.store.StoreException.Reason;

/**
 * PostgreSQL through a HikariCP pool; several Winnow nodes may share the database. Transactions run
 * at PostgreSQL's default READ COMMITTED; cross-node ordering relies on row locks (see
 * {@link Counters}). Commits are durable as far as the server's {@code synchronous_commit} allows
 * (on by default).
 */
final class PostgresDatabase implements Database {

    private final HikariDataSource pool;
    private final String where;
    private volatile boolean closed;

    private PostgresDatabase(HikariDataSource pool, String where) {
        this.pool = pool;
        this.where = where;
    }

    static PostgresDatabase open(String jdbcUrl) {
        String where = "PostgreSQL database " + redact(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("winnow-store");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(5_000); // fail requests (and ping) fast when the database is down
        config.setInitializationFailTimeout(5_000);
        config.addDataSourceProperty("ApplicationName", "winnow");
        config.addDataSourceProperty("reWriteBatchedInserts", "true"); // one multi-row INSERT per batch
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException(Reason.UNAVAILABLE, "Could not connect to the " + where + ": " + cause.getMessage(), e);
        } catch (RuntimeException e) {
            throw new StoreException(Reason.FAILED, "Could not open the " + where + ": " + e.getMessage(), e);
        }
        try {
            Migrations.apply(pool, where);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresDatabase(pool, where);
    }

    /** The URL without its password, for messages. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public <T> T read(String action, SqlWork<T> work) {
        if (closed) {
            throw SqlErrors.closed();
        }
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.wrap(action, e);
        }
    }

    @Override
    public <T> T write(String action, SqlWork<T> work) {
        if (closed) {
            throw SqlErrors.closed();
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Throwable t) {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    t.addSuppressed(e);
                }
                throw t;
            }
            // the pool restores auto-commit when the connection is returned
        } catch (SQLException e) {
            throw SqlErrors.wrap(action, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    @Override
    public String toString() {
        return where;
    }
}
