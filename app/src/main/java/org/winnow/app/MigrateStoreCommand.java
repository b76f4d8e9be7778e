package org.winnow.app;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.winnow.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code winnow migrate-store --from jdbc:sqlite:… --to jdbc:postgresql://…}: copies every table of a
 * Winnow database (the store's and the comment platform's) into another, in one transaction on the
 * target, then compares the row count of every table.
 */
@Command(name = "migrate-store",
        description = {"Copy a Winnow database (API keys, checks, corrections, settings, comments, admins) into another one,",
                "typically an existing SQLite deployment into PostgreSQL. Stop the servers that write to the source first.",
                "Keys keep working only if the new servers use the same secret file as the old one (DATA/secret)."})
final class MigrateStoreCommand implements Callable<Integer> {

    /** The tables in an order that satisfies their foreign keys; tables a newer schema adds come after. */
    static final List<String> KNOWN_ORDER = List.of("counters", "api_keys", "sites", "checks", "corrections", "settings",
            "p_site", "p_article", "p_thread", "p_comment", "p_moderation", "p_admin", "p_session");
    private static final int BATCH = 1000;

    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URL",
            description = "The database to copy: jdbc:sqlite:FILE (or a file path) or jdbc:postgresql://….")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "The database to fill: jdbc:postgresql://HOST/DB?user=…&password=… (or jdbc:sqlite:FILE).")
    String to;

    @Option(names = "--overwrite", defaultValue = "false",
            description = "Delete what the target already holds before copying (otherwise a non-empty target is refused).")
    boolean overwrite;

    @Option(names = "--no-progress", defaultValue = "false", description = "No progress bar on stderr.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String source = jdbcUrl(from);
        String target = jdbcUrl(to);
        if (source.equals(target)) throw new IllegalArgumentException("--from and --to are the same database");
        if (source.startsWith("jdbc:sqlite:")) {
            java.nio.file.Path file = java.nio.file.Path.of(source.substring("jdbc:sqlite:".length()));
            // Opening a missing file would create an empty database and "copy" nothing.
            if (!java.nio.file.Files.isRegularFile(file)) throw new IllegalArgumentException("no SQLite database at " + file);
        }

        // Opening each as a store brings both to the current schema (same migrations, same tables).
        byte[] anySecret = new byte[32];
        new SecureRandom().nextBytes(anySecret); // migrating needs no secret; keys are copied as stored hashes
        Store.open(source, anySecret).close();
        Store.open(target, anySecret).close();

        try (Connection src = connect(source, true); Connection dst = connect(target, false)) {
            List<String> tables = tables(src);
            List<String> missing = new ArrayList<>(tables);
            missing.removeAll(tables(dst));
            if (!missing.isEmpty()) throw new IllegalStateException("the target has no table(s) " + missing
                    + "; is it an older Winnow version?");

            Map<String, Long> sourceCounts = counts(src, tables);
            Map<String, Long> before = counts(dst, tables);
            List<String> notEmpty = before.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && !e.getKey().equals("counters")) // counters are seeded by the migration
                    .map(e -> e.getKey() + " (" + e.getValue() + " rows)").toList();
            if (!notEmpty.isEmpty() && !overwrite) {
                err.println("winnow: the target is not empty: " + String.join(", ", notEmpty));
                err.println("Nothing was copied. Use --overwrite to replace its contents.");
                return 2;
            }

            long total = sourceCounts.values().stream().mapToLong(Long::longValue).sum();
            Progress progress = new Progress(err, total, !noProgress);
            try {
                dst.setAutoCommit(false);
                for (String t : tables.reversed()) {
                    try (Statement s = dst.createStatement()) {
                        s.executeUpdate("DELETE FROM " + t);
                    }
                }
                for (String t : tables) copy(src, dst, t, progress);
                dst.commit();
            } catch (SQLException | RuntimeException e) {
                dst.rollback();
                progress.done();
                throw new IllegalStateException("copy failed, nothing was changed in the target: " + e.getMessage(), e);
            }
            progress.done();

            Map<String, Long> after = counts(dst, tables);
            boolean same = true;
            out.printf("%-16s %12s %12s%n", "table", "source", "target");
            for (String t : tables) {
                boolean ok = sourceCounts.get(t).equals(after.get(t));
                same &= ok;
                out.printf("%-16s %12d %12d%s%n", t, sourceCounts.get(t), after.get(t), ok ? "" : "   MISMATCH");
            }
            out.flush();
            if (!same) {
                err.println("winnow: row counts differ (was the source written to during the copy?)");
                return 1;
            }
            err.println("Copied " + total + " rows. Point every node at the target with --db, with the old secret file.");
            return 0;
        }
    }

    /** The forms {@code Store.open} accepts, as a JDBC URL (a bare path is a SQLite file). */
    static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:sqlite:")) return url;
        if (url.startsWith("jdbc:")) throw new IllegalArgumentException("unsupported database URL " + url.replaceAll("password=[^&]*", "password=…"));
        return "jdbc:sqlite:" + java.nio.file.Path.of(url).toAbsolutePath().normalize();
    }

    private static Connection connect(String url, boolean readOnly) throws SQLException {
        Properties p = new Properties();
        if (url.startsWith("jdbc:postgresql:")) p.setProperty("reWriteBatchedInserts", "true");
        Connection c = DriverManager.getConnection(url, p);
        if (readOnly) {
            // One read transaction: every table is copied from the same snapshot.
            if (url.startsWith("jdbc:postgresql:")) c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
        }
        return c;
    }

    /** Winnow's tables in this database (not Flyway's history), in foreign-key order. */
    static List<String> tables(Connection c) throws SQLException {
        List<String> found = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getMetaData().getURL().startsWith("jdbc:postgresql:") ? c.getSchema() : null;
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("sqlite_") && !name.equals("flyway_schema_history")) found.add(name);
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String t : KNOWN_ORDER) if (found.remove(t)) ordered.add(t);
        found.sort(null);
        ordered.addAll(found);
        return ordered;
    }

    static Map<String, Long> counts(Connection c, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : tables) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                rs.next();
                counts.put(t, rs.getLong(1));
            }
        }
        return counts;
    }

    private static void copy(Connection src, Connection dst, String table, Progress progress) throws SQLException {
        // The target's column types decide the conversion (SQLite keeps booleans as 0/1, for example).
        List<String> columns = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try (Statement s = dst.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
                types.add(md.getColumnType(i));
            }
        }
        String cols = String.join(", ", columns);
        String insert = "INSERT INTO " + table + " (" + cols + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
        long row = 0;
        try (Statement s = src.createStatement(); PreparedStatement ps = dst.prepareStatement(insert)) {
            s.setFetchSize(BATCH);
            try (ResultSet rs = s.executeQuery("SELECT " + cols + " FROM " + table)) {
                while (rs.next()) {
                    row++;
                    for (int i = 0; i < columns.size(); i++) bind(ps, i + 1, types.get(i), rs, i + 1, table, columns.get(i), row);
                    ps.addBatch();
                    if (row % BATCH == 0) {
                        ps.executeBatch();
                        progress.advance(table, BATCH);
                    }
                }
            }
            ps.executeBatch();
            progress.advance(table, (int) (row % BATCH));
        }
    }

    private static void bind(PreparedStatement ps, int at, int type, ResultSet rs, int col, String table, String column, long row)
            throws SQLException {
        switch (type) {
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(col);
                if (rs.wasNull()) ps.setNull(at, type); else ps.setBoolean(at, v);
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long v = rs.getLong(col);
                if (rs.wasNull()) ps.setNull(at, type); else ps.setLong(at, v);
            }
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> {
                double v = rs.getDouble(col);
                if (rs.wasNull()) ps.setNull(at, type); else ps.setDouble(at, v);
            }
            default -> {
                String v = rs.getString(col);
                if (v != null && v.indexOf('\0') >= 0) {
                    // PostgreSQL text cannot hold NUL; refuse rather than silently change the data.
                    throw new IllegalArgumentException(table + "." + column + " in source row " + row
                            + " contains a NUL character, which PostgreSQL cannot store");
                }
                if (v == null) ps.setNull(at, Types.VARCHAR); else ps.setString(at, v);
            }
        }
    }

    /** A one-line progress bar on stderr, redrawn at most ten times a second. */
    static final class Progress {
        private final PrintWriter err;
        private final long total;
        private final boolean enabled;
        private long done;
        private long lastDraw;

        Progress(PrintWriter err, long total, boolean enabled) {
            this.err = err;
            this.total = total;
            this.enabled = enabled;
        }

        void advance(String table, int rows) {
            done += rows;
            long now = System.nanoTime();
            if (enabled && (now - lastDraw > 100_000_000L || done == total)) {
                lastDraw = now;
                int width = 30;
                int filled = total == 0 ? width : (int) (width * done / total);
                err.printf("\r[%s%s] %3d%%  %,d / %,d rows  %-14s", "#".repeat(filled), ".".repeat(width - filled),
                        total == 0 ? 100 : done * 100 / total, done, total, table);
                err.flush();
            }
        }

        void done() {
            if (enabled) {
                err.println();
                err.flush();
            }
        }
    }
}
