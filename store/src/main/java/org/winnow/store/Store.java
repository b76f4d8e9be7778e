package org.winnow.store;

/**
 * Everything Winnow keeps, behind one object: API keys and sites, recorded checks, and the log of
 * corrections the engine learns from. Opened on a SQLite file (default) or on PostgreSQL; the same
 * migrations run on both and bring the schema up to date on open.
 *
 * <p>Thread-safe. Close it on shutdown. Times are stored to the millisecond and months are UTC months.
 * Invalid arguments throw {@link IllegalArgumentException}; database failures throw {@link StoreException}.
 */
public interface Store extends AutoCloseable {

    /**
     * Opens (creating if needed) the store at {@code url} and migrates it.
     *
     * @param url    {@code jdbc:sqlite:/path/winnow.db}, a plain file path (taken as SQLite), or
     *               {@code jdbc:postgresql://host:port/db?user=…&password=…}
     * @param secret server secret used to hash API keys (HMAC-SHA256); at least 16 bytes
     * @throws IllegalArgumentException if the url or secret is unusable
     * @throws StoreException           if the database cannot be opened or migrated
     */
    static Store open(String url, byte[] secret) {
        return SqlStore.open(url, secret);
    }

    ApiKeys keys();

    Checks checks();

    Corrections corrections();

    /** Named values shared by all nodes. (Default only so that test doubles written before it existed compile.) */
    default Settings settings() {
        throw new UnsupportedOperationException("this Store has no settings");
    }

    /** True when the database answers a trivial query now (readiness probe). */
    boolean ping();

    /** "sqlite" or "postgresql". */
    String kind();

    /** Waits for pending check writes to commit, then closes the database. Idempotent. */
    @Override
    void close();
}
