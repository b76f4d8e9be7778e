package org.winnow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Hands out ids from the {@code counters} table inside the caller's write transaction. This works the
 * same on both databases and, unlike a PostgreSQL sequence, the UPDATE locks the counter row until the
 * transaction ends: a second transaction asking for the next number waits until the first commits or
 * rolls back. So numbers become visible in the order they were given out, with no gaps.
 */
final class Counters {

    static final String API_KEYS = "api_keys";
    static final String SITES = "sites";
    static final String CORRECTIONS = "corrections";
    /** Not an id: the number of key revocations so far, which nodes poll to drop cached keys (row made by the first revocation). */
    static final String KEY_REVOCATIONS = "key_revocations";

    private Counters() {}

    /** The current value of {@code name} (a plain read, no lock); 0 when the row is missing. */
    static long current(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The next number for {@code name}; call only inside {@link Database#write}. */
    static long next(Connection connection, String name) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE counters SET value = value + 1 WHERE name = ?")) {
            update.setString(1, name);
            if (update.executeUpdate() != 1) {
                throw new SQLException("counter '" + name + "' is missing; the schema is incomplete");
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
