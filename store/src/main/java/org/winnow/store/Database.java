package org.winnow.store;

/**
 * Lends connections to one database and owns the transaction around each piece of work, so the
 * repositories never deal with connection sharing (which differs between SQLite and PostgreSQL).
 * {@code action} names what the work does, for error messages ("record checks").
 */
interface Database extends AutoCloseable {

    /** "sqlite" or "postgresql". */
    String kind();

    /** Runs read-only work in auto-commit mode. */
    <T> T read(String action, SqlWork<T> work);

    /**
     * Runs work in one transaction: committed (durably) when the work returns, rolled back when it
     * throws. Must not be nested.
     */
    <T> T write(String action, SqlWork<T> work);

    @Override
    void close();
}
