package org.winnow.store;

/**
 * A database operation failed. The message says what was being done and why it failed, in words a
 * person can act on; {@link #reason()} lets callers react (e.g. answer 409 for a duplicate, 503 when
 * the database is unavailable). Bad arguments are reported earlier, as {@link IllegalArgumentException}.
 */
public class StoreException extends RuntimeException {

    /** Why an operation failed, coarsely. */
    public enum Reason {
        /** A row with the same unique value (e.g. a check's guid) already exists. */
        DUPLICATE,
        /** The row refers to something that does not exist (e.g. an unknown site or key id). */
        MISSING_REFERENCE,
        /** The database rejected a value (too long, not allowed, missing). */
        INVALID_DATA,
        /** The database cannot be reached, is busy, or is out of resources; retrying later may work. */
        UNAVAILABLE,
        /** The store was closed. */
        CLOSED,
        /** Anything else (migration failure, I/O error, bug). */
        FAILED
    }

    private final Reason reason;

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public StoreException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
