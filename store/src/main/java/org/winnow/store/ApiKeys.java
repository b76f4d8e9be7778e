package org.winnow.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys (12 lowercase hex characters, like Akismet's), stored only as HMAC hashes, and the sites
 * that use each key. A key is created for a first site; more sites join when they call with it.
 */
public interface ApiKeys {

    /** Longest accepted label. */
    int MAX_LABEL_CHARS = 200;

    /** Longest accepted blog URL (after normalisation). */
    int MAX_URL_CHARS = 2000;

    /** A key as stored: never the key itself, only a short hint (first 4 characters) for people. */
    record ApiKey(long id, String hint, String label, Instant createdAt, Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A new key: the only time the plaintext exists. */
    record Created(ApiKey key, String plaintext, Site site) {}

    /** A site (a blog URL as the client sends it in {@code blog}, normalised: lower-case host, no trailing slash). */
    record Site(long id, long keyId, String url, Instant firstSeen) {}

    /** Makes a new random key for {@code siteUrl}; {@code label} is free text for people (may be empty). */
    Created create(String siteUrl, String label);

    /**
     * Like {@link #create}, but only when the database holds no key yet (revoked ones count): the
     * first-run key. Safe when several nodes start on an empty database at once: exactly one of them
     * gets the key, the others get empty.
     */
    Optional<Created> createFirst(String siteUrl, String label);

    /**
     * The active key with this plaintext, if any (revoked keys are not returned). Fast: called per request.
     * Case and surrounding spaces are ignored; anything not shaped like a key is simply not found. Hits
     * are cached for a few seconds: a revoke on this node takes effect at once, on other nodes (or from
     * another process on the same SQLite file) within about a quarter of a second.
     */
    Optional<ApiKey> verify(String plaintext);

    /** All keys, newest first, revoked ones included. */
    List<ApiKey> list();

    /**
     * Revokes the key given by plaintext or by id; false if there is no such active key. A 12-hex-digit
     * argument is taken as a key, an argument of only digits otherwise as an id.
     */
    boolean revoke(String plaintextOrId);

    /**
     * The site row for {@code blogUrl} under this key, created on first use (safe when several threads
     * or nodes see a new site at once). A URL without a scheme is taken as http.
     *
     * @throws StoreException with {@link StoreException.Reason#MISSING_REFERENCE} if there is no such key
     */
    Site site(long keyId, String blogUrl);

    /** The sites that have used this key, oldest first. */
    List<Site> sites(long keyId);
}
