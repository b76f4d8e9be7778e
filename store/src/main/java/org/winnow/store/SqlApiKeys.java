package org.winnow.store;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.winnow.store.StoreException.Reason;

/** {@link ApiKeys} on the {@code api_keys} and {@code sites} tables. */
final class SqlApiKeys implements ApiKeys {

    /** How long a verified key is trusted without asking the database. */
    static final long VERIFY_CACHE_MILLIS = 5_000;
    /**
     * How often a node looks at the revocation counter (one indexed read, whatever the number of keys):
     * a key revoked on another node (or by {@code winnow keys revoke}) stops verifying here within
     * about this long, instead of lasting as long as its cache entry.
     */
    static final long REVOCATION_CHECK_MILLIS = 250;
    /** Sites never change once created, so they can be cached for long. */
    private static final long SITE_CACHE_MILLIS = 10 * 60_000;
    private static final int KEY_BYTES = 6; // 12 hex characters, like Akismet keys
    private static final String KEY_COLUMNS = "id, hint, label, created_at, revoked_at";
    private static final String SITE_COLUMNS = "id, key_id, url, first_seen";

    private record SiteKey(long keyId, String url) {}

    private final Database db;
    private final KeyHasher hasher;
    private final SecureRandom random = new SecureRandom();
    private final ExpiringCache<String, ApiKey> verified = new ExpiringCache<>(VERIFY_CACHE_MILLIS, 10_000);
    private final ExpiringCache<SiteKey, Site> sites = new ExpiringCache<>(SITE_CACHE_MILLIS, 10_000);

    /** {@link System#nanoTime()} after which the next request looks at the revocation counter. */
    private final AtomicLong nextRevocationCheck = new AtomicLong(System.nanoTime());
    private volatile long revocationsSeen = -1;

    SqlApiKeys(Database db, KeyHasher hasher) {
        this.db = db;
        this.hasher = hasher;
    }

    /**
     * Every {@link #REVOCATION_CHECK_MILLIS}, one caller (never several at once) reads the revocation
     * counter; when it moved since the last look, every cached key is dropped. Keys are few and
     * revocations rare, so re-verifying them all costs nothing worth a finer scheme.
     */
    private void dropCachedKeysIfRevoked() {
        long now = System.nanoTime();
        long due = nextRevocationCheck.get();
        if (now - due < 0 || !nextRevocationCheck.compareAndSet(due, now + REVOCATION_CHECK_MILLIS * 1_000_000L)) {
            return;
        }
        long revocations;
        try {
            revocations = db.read("read the key revocation counter",
                    c -> Counters.current(c, Counters.KEY_REVOCATIONS));
        } catch (StoreException e) {
            return; // the database is unreachable: the lookups that follow will say so
        }
        if (revocations != revocationsSeen) {
            if (revocationsSeen != -1) {
                verified.invalidateAll();
            }
            revocationsSeen = revocations;
        }
    }

    @Override
    public Created create(String siteUrl, String label) {
        return create(siteUrl, label, false).orElseThrow();
    }

    @Override
    public Optional<Created> createFirst(String siteUrl, String label) {
        return create(siteUrl, label, true);
    }

    /**
     * With {@code onlyIfNone}, the key is made only when the database holds no key at all. That is
     * race-free across nodes: taking the id locks the counter row (PostgreSQL) or the database
     * (SQLite) until commit, so a second node starting at the same time waits, then (READ COMMITTED
     * reads a fresh snapshot per statement) sees the first node's key and rolls back.
     */
    private Optional<Created> create(String siteUrl, String label, boolean onlyIfNone) {
        String url = SiteUrls.normalise(siteUrl);
        String cleanLabel = Validate.text("label", label == null ? "" : label, MAX_LABEL_CHARS);
        for (int attempt = 1; ; attempt++) {
            String plaintext = newKey();
            String hash = hasher.hash(plaintext);
            String hint = plaintext.substring(0, 4);
            Instant now = now();
            try {
                return db.write("create an API key for " + url, c -> {
                    long keyId = Counters.next(c, Counters.API_KEYS);
                    if (onlyIfNone && Sql.one(c, "SELECT id FROM api_keys LIMIT 1", rs -> rs.getLong(1)).isPresent()) {
                        throw new KeysExist(); // rolls back, so the id is handed out again
                    }
                    Sql.update(c, "INSERT INTO api_keys (id, key_hash, hint, label, created_at) VALUES (?, ?, ?, ?, ?)",
                            keyId, hash, hint, cleanLabel, now.toEpochMilli());
                    long siteId = Counters.next(c, Counters.SITES);
                    Sql.update(c, "INSERT INTO sites (id, key_id, url, first_seen) VALUES (?, ?, ?, ?)",
                            siteId, keyId, url, now.toEpochMilli());
                    return Optional.of(new Created(new ApiKey(keyId, hint, cleanLabel, now, null), plaintext,
                            new Site(siteId, keyId, url, now)));
                });
            } catch (KeysExist e) {
                return Optional.empty();
            } catch (StoreException e) {
                // Two random 48-bit keys colliding is very unlikely; draw again rather than fail.
                if (e.reason() != Reason.DUPLICATE || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /** Thrown inside {@link #createFirst}'s transaction to roll it back: there already is a key. */
    private static final class KeysExist extends RuntimeException {
        KeysExist() {
            super("an API key exists", null, false, false);
        }
    }

    @Override
    public Optional<ApiKey> verify(String plaintext) {
        String key = asKey(plaintext);
        if (key == null) {
            return Optional.empty();
        }
        dropCachedKeysIfRevoked();
        String hash = hasher.hash(key);
        ApiKey cached = verified.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = verified.generation();
        Optional<ApiKey> found = db.read("verify an API key", c -> Sql.one(c,
                "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                SqlApiKeys::key, hash));
        found.ifPresent(k -> verified.put(hash, k, generation));
        return found;
    }

    @Override
    public List<ApiKey> list() {
        return db.read("list API keys", c -> Sql.list(c,
                "SELECT " + KEY_COLUMNS + " FROM api_keys ORDER BY created_at DESC, id DESC", SqlApiKeys::key));
    }

    @Override
    public boolean revoke(String plaintextOrId) {
        String arg = Validate.present("key or id to revoke", plaintextOrId).strip();
        String key = asKey(arg);
        long now = now().toEpochMilli();
        int changed;
        if (key != null) {
            String hash = hasher.hash(key);
            changed = db.write("revoke an API key", c -> revoked(c, Sql.update(c,
                    "UPDATE api_keys SET revoked_at = ? WHERE key_hash = ? AND revoked_at IS NULL", now, hash)));
        } else if (arg.matches("[0-9]{1,18}")) {
            long id = Long.parseLong(arg);
            changed = db.write("revoke API key " + id, c -> revoked(c, Sql.update(c,
                    "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id)));
        } else {
            return false;
        }
        if (changed > 0) {
            verified.invalidateAll(); // revocations are rare; dropping every cached key is simplest
        }
        return changed > 0;
    }

    /** Counts a revocation (in its transaction) so that other nodes drop their cached keys. */
    private static int revoked(java.sql.Connection c, int changed) throws SQLException {
        if (changed > 0) {
            // Made on first use rather than by a migration: the platform's migrations are numbered
            // after the store's, so a new store migration would be out of order on existing databases.
            Sql.update(c, "INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING",
                    Counters.KEY_REVOCATIONS);
            Counters.next(c, Counters.KEY_REVOCATIONS);
        }
        return changed;
    }

    @Override
    public Site site(long keyId, String blogUrl) {
        Validate.id("keyId", keyId);
        String url = SiteUrls.normalise(blogUrl);
        SiteKey cacheKey = new SiteKey(keyId, url);
        Site cached = sites.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        long generation = sites.generation();
        Site site = db.read("look up site " + url, c -> findSite(c, keyId, url))
                .orElseGet(() -> addSite(keyId, url));
        sites.put(cacheKey, site, generation);
        return site;
    }

    /**
     * Inserts the site unless a concurrent caller (thread or node) already did: the unique (key_id, url)
     * constraint decides, ON CONFLICT DO NOTHING turns the loser's insert into a no-op, and the loser
     * then reads the winner's row.
     */
    private Site addSite(long keyId, String url) {
        long now = now().toEpochMilli();
        return db.write("add site " + url + " to API key " + keyId, c -> {
            Optional<Site> existing = findSite(c, keyId, url);
            if (existing.isPresent()) {
                return existing.get();
            }
            long id = Counters.next(c, Counters.SITES);
            Sql.update(c, "INSERT INTO sites (id, key_id, url, first_seen) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (key_id, url) DO NOTHING", id, keyId, url, now);
            return findSite(c, keyId, url).orElseThrow(
                    () -> new SQLException("the site row was neither inserted nor found"));
        });
    }

    private static Optional<Site> findSite(java.sql.Connection c, long keyId, String url) throws SQLException {
        return Sql.one(c, "SELECT " + SITE_COLUMNS + " FROM sites WHERE key_id = ? AND url = ?",
                SqlApiKeys::site, keyId, url);
    }

    @Override
    public List<Site> sites(long keyId) {
        Validate.id("keyId", keyId);
        return db.read("list the sites of API key " + keyId, c -> Sql.list(c,
                "SELECT " + SITE_COLUMNS + " FROM sites WHERE key_id = ? ORDER BY first_seen, id",
                SqlApiKeys::site, keyId));
    }

    private String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The key in canonical form, or null if the text cannot be a key. */
    private static String asKey(String text) {
        if (text == null) {
            return null;
        }
        String key = text.strip().toLowerCase(Locale.ROOT);
        return Validate.isLowerHex(key, KEY_BYTES * 2) ? key : null;
    }

    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
        return new ApiKey(rs.getLong("id"), rs.getString("hint"), rs.getString("label"),
                Instant.ofEpochMilli(rs.getLong("created_at")), revokedAt);
    }

    private static Site site(ResultSet rs) throws SQLException {
        return new Site(rs.getLong("id"), rs.getLong("key_id"), rs.getString("url"),
                Instant.ofEpochMilli(rs.getLong("first_seen")));
    }
}
