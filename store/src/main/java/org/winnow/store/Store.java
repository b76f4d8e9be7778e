package org.winnow.store;

/**
 * Everything Winnow keeps, behind one object: API keys and sites, recorded checks, and the log of
 * corrections the engine learns from. Opened on a SQLite file (default) or on PostgreSQL; the same
 * migrations run on both and bring the schema up to date on open.
 *
 * <p>Thread-safe. Close it on shutdown.
 */
public interface Store extends AutoCloseable {

    /**
     * Opens (creating if needed) the store at {@code url} and migrates it.
     *
     * @param url    {@code jdbc:sqlite:/path/winnow.db}, a plain file path (taken as SQLite), or
     *               {@code jdbc:postgresql://host:port/db?user=…&password=…}
     * @param secret server secret used to hash API keys (HMAC-SHA256); at least 16 bytes
     */
    static Store open(String url, byte[] secret) {
        throw new UnsupportedOperationException("not yet"); // store helper
    }

    ApiKeys keys();

    Checks checks();

    Corrections corrections();

    /**
     * Direct access for modules that keep tables of their own (the comment platform); their
     * migrations sit beside the store's on the classpath under {@code db/migration}, numbered from
     * V100, and run on open like the store's own.
     */
    org.jdbi.v3.core.Jdbi jdbi();

    /** True when the database answers a trivial query now (readiness probe). */
    boolean ping();

    /** "sqlite" or "postgresql". */
    String kind();

    @Override
    void close();
}
