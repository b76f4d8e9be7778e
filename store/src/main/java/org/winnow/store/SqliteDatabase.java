package org.winnow.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.winnow.store.StoreException.Reason;

/**
 * A SQLite file shared by one process. SQLite allows one writer at a time, so all writes go through
 * one connection guarded by a lock (no SQLITE_BUSY between our own threads), while reads use a small
 * pool of read-only connections that WAL mode lets run alongside the writer.
 *
 * <p>Durability: WAL with {@code synchronous=FULL}, so the WAL is fsynced at every commit and an
 * acknowledged write survives a process kill and an OS crash or power loss. NORMAL would only
 * survive a process kill; the extra fsync is paid once per batch by group commit, so FULL is cheap.
 */
final class SqliteDatabase implements Database {

    /** How long to wait for another process holding the write lock (e.g. an admin command). */
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int WRITER_CACHE_KIB = 64 * 1024;
    /** The writer checkpoints by itself only when the WAL passes this many pages (4 KiB each). */
    private static final int WRITER_BACKSTOP_PAGES = 20_000;
    private static final long CHECKPOINT_INTERVAL_NANOS = 100_000_000L;
    /** WAL length (pages) at which the checkpointer briefly holds the write lock to let the WAL restart. */
    private static final int RESTART_PAGES = 4_096;
    private static final int MAX_READERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final Path file;
    private final String jdbcUrl;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final Checkpointer checkpointer;
    private final Semaphore readPermits = new Semaphore(MAX_READERS);
    private final ConcurrentLinkedQueue<Connection> idleReaders = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    private SqliteDatabase(Path file) throws SQLException {
        this.file = file;
        this.jdbcUrl = "jdbc:sqlite:" + file;
        this.writer = config(false).createConnection(jdbcUrl);
        boolean background = !Boolean.getBoolean("winnow.sqlite.writerCheckpoints");
        try (Statement s = writer.createStatement()) {
            // With the checkpointer thread, the writer checkpoints only as a backstop (WAL over ~80 MB).
            s.execute("PRAGMA wal_autocheckpoint = " + (background ? WRITER_BACKSTOP_PAGES : 1000));
        }
        this.checkpointer = background ? new Checkpointer() : null;
    }

    /**
     * Copies committed WAL pages back into the database file on its own connection and thread, so
     * the writer's commits (which callers wait on) never pay for a checkpoint. PASSIVE checkpoints
     * take no lock that writers need; with synchronous=FULL each one fsyncs the database file before
     * the WAL may be reused, so durability is unchanged. Checkpointing less often than SQLite's
     * default (every 1,000 pages) also writes each hot index page once per pass instead of once per
     * 1,000 WAL pages.
     */
    private final class Checkpointer implements Runnable {
        private final Thread thread;
        private volatile boolean stop;

        Checkpointer() {
            thread = Thread.ofPlatform().name("winnow-sqlite-checkpointer").daemon(true).start(this);
        }

        @Override
        public void run() {
            Connection c = null;
            try {
                while (!stop) {
                    try {
                        // The reader settings (synchronous=FULL, small cache), but not query_only.
                        if (c == null) c = config(true).createConnection(jdbcUrl);
                        // Copy what is committed without blocking anyone. Under steady load the writer
                        // keeps appending, so the WAL would never be fully copied and never restart;
                        // once it is long, copy the last few pages while holding our write lock (the
                        // writer waits only for those), and the next commit starts the WAL afresh.
                        int log = checkpoint(c);
                        if (log >= RESTART_PAGES && !stop) {
                            writeLock.lock();
                            try {
                                if (!closed) checkpoint(c);
                            } finally {
                                writeLock.unlock();
                            }
                        }
                    } catch (SQLException e) {
                        // Busy or I/O trouble: the writer's backstop still bounds the WAL; try again later.
                        if (c != null) closeQuietly(c);
                        c = null;
                    }
                    LockSupport.parkNanos(CHECKPOINT_INTERVAL_NANOS);
                }
            } finally {
                if (c != null) closeQuietly(c);
            }
        }

        /** One PASSIVE checkpoint; returns the WAL's length in pages before it. */
        private static int checkpoint(Connection c) throws SQLException {
            try (Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                return rs.next() ? rs.getInt(2) : 0;
            }
        }

        void close() {
            stop = true;
            LockSupport.unpark(thread);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Opens (creating) the file, migrates it and returns it ready for use. */
    static SqliteDatabase open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new StoreException(Reason.FAILED,
                    "Could not create the directory for the SQLite database " + absolute + ": " + e, e);
        }
        SQLiteDataSource migrationSource = new SQLiteDataSource(config(false));
        migrationSource.setUrl("jdbc:sqlite:" + absolute);
        Migrations.apply(migrationSource, "SQLite database " + absolute);
        try {
            return new SqliteDatabase(absolute);
        } catch (SQLException e) {
            throw SqlErrors.wrap("open the SQLite database " + absolute, e);
        }
    }

    private static SQLiteConfig config(boolean reader) {
        SQLiteConfig config = new SQLiteConfig();
        if (!reader) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL); // persistent; set by the writer only
            // Inserts into the random-keyed indexes (guid, match key) touch pages all over the file;
            // a bigger cache than the 2 MiB default keeps them in memory for the one writer.
            config.setCacheSize(-WRITER_CACHE_KIB);
        }
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // A write transaction takes the write lock when it starts, never half-way (which could fail
        // with SQLITE_BUSY without waiting if another process wrote in between).
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    @Override
    public String kind() {
        return "sqlite";
    }

    Path file() {
        return file;
    }

    @Override
    public <T> T read(String action, SqlWork<T> work) {
        if (closed) {
            throw SqlErrors.closed();
        }
        Connection connection = borrowReader(action);
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.wrap(action, e);
        } finally {
            returnReader(connection);
        }
    }

    @Override
    public <T> T write(String action, SqlWork<T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("nested write transaction while trying to " + action);
        }
        writeLock.lock();
        try {
            if (closed) {
                throw SqlErrors.closed();
            }
            return inTransaction(work);
        } catch (SQLException e) {
            throw SqlErrors.wrap(action, e);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try {
            writer.setAutoCommit(false); // the driver runs BEGIN IMMEDIATE
            T result = work.run(writer);
            writer.commit();
            return result;
        } catch (Throwable t) {
            try {
                writer.rollback();
            } catch (SQLException e) {
                t.addSuppressed(e); // e.g. BEGIN itself failed: there is nothing to roll back
            }
            throw t;
        } finally {
            // Always back to auto-commit, even when BEGIN failed: the driver flips its flag before
            // running BEGIN, and a stale "in a transaction" flag would make the next write skip BEGIN.
            try {
                writer.setAutoCommit(true);
            } catch (SQLException ignored) {
                // "no transaction is active": the flag is reset all the same
            }
        }
    }

    private Connection borrowReader(String action) {
        try {
            readPermits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.UNAVAILABLE, "Interrupted while waiting to " + action, e);
        }
        Connection connection = idleReaders.poll();
        if (connection != null) {
            return connection;
        }
        try {
            connection = config(true).createConnection(jdbcUrl);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA query_only = ON"); // reads must never take the write lock
            }
            return connection;
        } catch (SQLException e) {
            readPermits.release();
            throw SqlErrors.wrap("open a read connection to " + file + " to " + action, e);
        }
    }

    private void returnReader(Connection connection) {
        if (closed) {
            closeQuietly(connection);
        } else {
            idleReaders.offer(connection);
            if (closed && idleReaders.remove(connection)) {
                closeQuietly(connection); // close() ran meanwhile and may have missed it
            }
        }
        readPermits.release();
    }

    @Override
    public void close() {
        if (checkpointer != null) checkpointer.close();
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
        for (Connection c; (c = idleReaders.poll()) != null; ) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a SQLite handle only fails on misuse; nothing to do at shutdown
        }
    }
}
