package org.winnow.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys (12 lowercase hex characters, like Akismet's), stored only as HMAC hashes, and the sites
 * that use each key. A key is created for a first site; more sites join when they call with it.
 */
public interface ApiKeys {

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

    /** The active key with this plaintext, if any (revoked keys are not returned). Fast: called per request. */
    Optional<ApiKey> verify(String plaintext);

    /** All keys, newest first, revoked ones included. */
    List<ApiKey> list();

    /** Revokes the key given by plaintext or by id; false if there is no such active key. */
    boolean revoke(String plaintextOrId);

    /** The site row for {@code blogUrl} under this key, created on first use. */
    Site site(long keyId, String blogUrl);

    /** The sites that have used this key, oldest first. */
    List<Site> sites(long keyId);
}
