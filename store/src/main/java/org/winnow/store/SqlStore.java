package org.winnow.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The {@link Store}: picks the database from the URL and wires the repositories to it. */
final class SqlStore implements Store {

    static final int MIN_SECRET_BYTES = 16;

    private final Database db;
    private final CheckWriter checkWriter;
    private final SqlApiKeys keys;
    private final SqlChecks checks;
    private final SqlCorrections corrections;
    private final SqlSettings settings;
    private volatile boolean closed;

    private SqlStore(Database db, byte[] secret) {
        this.db = db;
        this.checkWriter = new CheckWriter(db);
        this.keys = new SqlApiKeys(db, new KeyHasher(secret));
        this.checks = new SqlChecks(db, checkWriter);
        this.corrections = new SqlCorrections(db);
        this.settings = new SqlSettings(db);
    }

    static Store open(String url, byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the server secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        byte[] copy = Arrays.copyOf(secret, secret.length);
        return new SqlStore(database(url), copy);
    }

    /** jdbc:postgresql:… is PostgreSQL; jdbc:sqlite:… or anything not starting with "jdbc:" is a SQLite file. */
    static Database database(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty; give a file path or a jdbc: URL");
        }
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return PostgresDatabase.open(trimmed);
        }
        String path;
        if (lower.startsWith("jdbc:sqlite:")) {
            path = trimmed.substring("jdbc:sqlite:".length());
        } else if (lower.startsWith("jdbc:")) {
            throw new IllegalArgumentException("unsupported database URL " + PostgresDatabase.redact(trimmed)
                    + "; use jdbc:sqlite:/path/file.db, a plain file path, or jdbc:postgresql://host/db");
        } else {
            path = trimmed;
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.contains(":memory:") || path.contains("mode=memory")) {
            throw new IllegalArgumentException("an in-memory SQLite database is not supported (it cannot be shared"
                    + " by connections or survive a restart); give a file path");
        }
        if (path.contains("?")) {
            throw new IllegalArgumentException("SQLite URL options (after '?') are not supported: " + trimmed
                    + "; Winnow sets WAL, synchronous=FULL and the busy timeout itself");
        }
        try {
            return SqliteDatabase.open(Path.of(path));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a usable file path for SQLite: " + path, e);
        }
    }

    @Override
    public ApiKeys keys() {
        return keys;
    }

    @Override
    public Checks checks() {
        return checks;
    }

    @Override
    public Corrections corrections() {
        return corrections;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public boolean ping() {
        if (closed) {
            return false;
        }
        try {
            return db.read("ping the database", c -> Sql.number(c, "SELECT 1") == 1);
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public String kind() {
        return db.kind();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        checkWriter.close(); // commits checks callers are still waiting for
        db.close();
    }

    @Override
    public String toString() {
        return "Store[" + db.kind() + "]";
    }
}
