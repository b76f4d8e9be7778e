package org.winnow.store;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.sqlite.SQLiteException;
import org.winnow.store.StoreException.Reason;

/** Turns driver exceptions into {@link StoreException}s that say what went wrong in plain words. */
final class SqlErrors {

    private SqlErrors() {}

    private static final int MAX_DETAIL_CHARS = 300;

    static StoreException wrap(String action, SQLException e) {
        // A failed batch's own message quotes the whole statement with its values (comment text and
        // all); the server's actual complaint is the next exception.
        SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null
                ? e.getNextException() : e;
        Reason reason = reasonOf(cause);
        String message = "Could not " + action + ": " + explain(reason) + " (" + detail(cause.getMessage()) + ")";
        return new StoreException(reason, message, e);
    }

    static Reason reasonOf(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return sqliteReason(sqlite.getResultCode().name(), String.valueOf(e.getMessage()));
        }
        if (e instanceof SQLTransientConnectionException) {
            return Reason.UNAVAILABLE; // HikariCP: no connection within the timeout
        }
        String state = e.getSQLState();
        if (state == null) {
            return Reason.FAILED;
        }
        return switch (state) {
            case "23505" -> Reason.DUPLICATE;
            case "23503" -> Reason.MISSING_REFERENCE;
            case "23502", "23514", "22001", "22003", "22021", "22P02", "22P05" -> Reason.INVALID_DATA;
            case "57P01", "57P02", "57P03", "53100", "53200", "53300" -> Reason.UNAVAILABLE;
            default -> state.startsWith("08") ? Reason.UNAVAILABLE : Reason.FAILED;
        };
    }

    private static Reason sqliteReason(String code, String message) {
        if (code.startsWith("SQLITE_CONSTRAINT")) {
            String m = code + " " + message.toUpperCase(Locale.ROOT);
            if (m.contains("UNIQUE") || m.contains("PRIMARYKEY") || m.contains("PRIMARY KEY")) {
                return Reason.DUPLICATE;
            }
            if (m.contains("FOREIGN")) {
                return Reason.MISSING_REFERENCE;
            }
            return Reason.INVALID_DATA;
        }
        if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || code.startsWith("SQLITE_FULL")) {
            return Reason.UNAVAILABLE;
        }
        if (code.startsWith("SQLITE_TOOBIG") || code.startsWith("SQLITE_MISMATCH")) {
            return Reason.INVALID_DATA;
        }
        return Reason.FAILED;
    }

    private static String explain(Reason reason) {
        return switch (reason) {
            case DUPLICATE -> "a row with the same unique value already exists";
            case MISSING_REFERENCE -> "it refers to a row that does not exist";
            case INVALID_DATA -> "the database rejected a value";
            case UNAVAILABLE -> "the database is unavailable or busy, try again later";
            case CLOSED -> "the store is closed";
            case FAILED -> "the database reported an error";
        };
    }

    /** The first line of the driver's message, shortened: enough to diagnose, not a dump of the data. */
    private static String detail(String s) {
        if (s == null) {
            return "no details";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > MAX_DETAIL_CHARS ? line.substring(0, MAX_DETAIL_CHARS) + "…" : line;
    }

    static StoreException closed() {
        return new StoreException(Reason.CLOSED, "The store is closed");
    }
}
