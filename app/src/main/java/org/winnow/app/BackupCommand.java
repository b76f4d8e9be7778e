package org.winnow.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code winnow backup --to FILE}: an online, consistent copy of the SQLite database (SQLite's
 * {@code VACUUM INTO}), safe while the server runs. PostgreSQL has its own tools (pg_dump, base backups).
 */
@Command(name = "backup", description = {"Write a consistent copy of the SQLite database to a new file, while the server runs.",
        "For PostgreSQL use pg_dump or base backups (see docs/operations.md)."})
final class BackupCommand implements Callable<Integer> {
    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The backup file to create (must not exist).")
    Path to;

    @Override
    public Integer call() throws Exception {
        String url = store.databaseUrl();
        if (url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("backup copies SQLite files; for PostgreSQL use pg_dump (see docs/operations.md)");
        }
        Path db = Path.of(url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()) : url);
        if (!Files.isRegularFile(db)) throw new IllegalArgumentException("no database at " + db);
        Path target = to.toAbsolutePath().normalize();
        if (Files.exists(target)) throw new IllegalArgumentException(target + " already exists; choose a new file name");
        if (target.getParent() != null) Files.createDirectories(target.getParent());
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            // One read transaction: the copy is the database as of one commit, written compactly.
            s.execute("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(result)) throw new IllegalStateException("the backup failed its integrity check: " + result);
        }
        spec.commandLine().getErr().printf("Backed up %s to %s (%,d bytes, %d ms, integrity ok). Keep the secret file with it.%n",
                db, target, Files.size(target), (System.nanoTime() - t0) / 1_000_000);
        return 0;
    }
}
