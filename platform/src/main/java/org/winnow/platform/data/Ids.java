package org.winnow.platform.data;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row ids made by the application, so the same schema works on SQLite and PostgreSQL without
 * vendor-specific identity columns. Time-ordered (milliseconds since 2025 shifted left by 10 bits,
 * plus a random start on each node), strictly increasing within a node, and below 2^53 so that
 * JavaScript reads them exactly.
 */
public final class Ids {
    private static final long EPOCH = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final AtomicLong LAST = new AtomicLong(new SecureRandom().nextInt(1 << 10));

    private Ids() {}

    /**
     * True when {@code e} was caused by a unique-key violation (PostgreSQL SQLState 23505, SQLite's
     * "UNIQUE constraint failed" / "PRIMARY KEY" constraint errors), so an insert may retry with a new id.
     */
    public static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                if ("23505".equals(sql.getSQLState())) return true;
                String m = String.valueOf(sql.getMessage());
                if (m.contains("UNIQUE constraint failed") || m.contains("SQLITE_CONSTRAINT_PRIMARYKEY")) return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    public static long next() {
        long candidate = (System.currentTimeMillis() - EPOCH) << 10 | new SecureRandom().nextInt(1 << 10);
        return LAST.updateAndGet(prev -> Math.max(prev + 1, candidate));
    }
}
