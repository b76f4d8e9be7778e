package org.winnow.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.winnow.store.Store;
import picocli.CommandLine.Option;

/** Options shared by every command that opens the store: where the data lives and which database. */
final class StoreOptions {

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR",
            description = "Folder for the embedded SQLite database and the server secret (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db", paramLabel = "URL",
            description = "Database: jdbc:sqlite:FILE (default: DIR/winnow.db) or jdbc:postgresql://HOST:PORT/DB?user=…&password=….")
    String db;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the secret that API keys are hashed with (default: DIR/secret, created on first use). "
                    + "Nodes sharing one PostgreSQL must share it.")
    Path secretFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with option defaults (name = value); also $WINNOW_CONFIG or ./winnow.conf.")
    Path config;

    String databaseUrl() {
        return db != null && !db.isBlank() ? db : "jdbc:sqlite:" + data.resolve("winnow.db").toAbsolutePath();
    }

    Store open() {
        return Store.open(databaseUrl(), secret());
    }

    private byte[] secret;

    /** The key-hashing secret: read from its file once, or made (random, owner-only) on first use. */
    byte[] secret() {
        if (secret == null) secret = readOrCreateSecret();
        return secret.clone();
    }

    private byte[] readOrCreateSecret() {
        Path file = secretFile != null ? secretFile : data.resolve("secret");
        try {
            if (Files.isRegularFile(file)) {
                String hex = Files.readString(file).strip();
                try {
                    byte[] parsed = HexFormat.of().parseHex(hex);
                    if (parsed.length >= 16) return parsed;
                } catch (IllegalArgumentException ignored) {
                    // fall through to the message below
                }
                throw new IllegalStateException("secret file " + file + " must hold at least 32 hex characters");
            }
            if (secretFile != null) throw new IllegalStateException("secret file " + file + " does not exist");
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: nothing more we can do
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret file " + file + ": " + e.getMessage(), e);
        }
    }
}
