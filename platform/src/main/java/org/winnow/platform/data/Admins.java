package org.winnow.platform.data;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Admin accounts and their sessions. */
public final class Admins {
    /** An admin as stored. */
    public record Admin(long id, String username, String pwHash, int failures, long lockedUntil) {}

    /** A live session: who, and the CSRF token every POST of that session must carry. */
    public record Session(long adminId, String username, String csrf, long expiresAt) {}

    private final Jdbi jdbi;

    public Admins(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM p_admin").mapTo(Long.class).one());
    }

    public Optional<Admin> byUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM p_admin WHERE username = :u").bind("u", username)
                .map((rs, ctx) -> new Admin(rs.getLong("id"), rs.getString("username"), rs.getString("pw_hash"),
                        rs.getInt("failures"), rs.getLong("locked_until"))).findOne());
    }

    /** Creates the admin, or sets a new password when the name exists. */
    public void upsert(String username, String pwHash, long now) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE p_admin SET pw_hash = :p, failures = 0, locked_until = 0 WHERE username = :u")
                    .bind("u", username).bind("p", pwHash).execute();
            if (updated == 0)
                h.createUpdate("""
                                INSERT INTO p_admin (id, username, pw_hash, failures, locked_until, created_at)
                                VALUES (:id, :u, :p, 0, 0, :now)""")
                        .bind("id", Ids.next()).bind("u", username).bind("p", pwHash).bind("now", now).execute();
        });
    }

    /** Keeps a first-admin setup token (its SHA-256) until {@code expiresAt}; forgets expired ones. */
    public void addSetupToken(String tokenHash, long expiresAt, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM p_setup_token WHERE expires_at <= :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO p_setup_token (token_hash, expires_at, created_at) VALUES (:t, :e, :now)")
                    .bind("t", tokenHash).bind("e", expiresAt).bind("now", now).execute();
        });
    }

    /** True while this setup token can create the first admin: known, not expired, not used, and no admin yet. */
    public boolean setupTokenValid(String tokenHash, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM p_setup_token WHERE token_hash = :t AND expires_at > :now
                          AND NOT EXISTS (SELECT 1 FROM p_admin)""")
                .bind("t", tokenHash).bind("now", now).mapTo(Long.class).one()) > 0;
    }

    /**
     * Spends a setup token and creates the first admin with it, in one transaction. False, with no
     * admin created, when the token is unknown, expired or spent, or an admin exists already. Of two
     * requests with the same token only one can delete its row, so a token works once, on any node.
     */
    public boolean createFirstAdmin(String tokenHash, String username, String pwHash, long now) {
        boolean created = jdbi.inTransaction(h -> {
            int spent = h.createUpdate("DELETE FROM p_setup_token WHERE token_hash = :t AND expires_at > :now")
                    .bind("t", tokenHash).bind("now", now).execute();
            if (spent == 0 || h.createQuery("SELECT COUNT(*) FROM p_admin").mapTo(Long.class).one() > 0) return false;
            h.createUpdate("""
                            INSERT INTO p_admin (id, username, pw_hash, failures, locked_until, created_at)
                            VALUES (:id, :u, :p, 0, 0, :now)""")
                    .bind("id", Ids.next()).bind("u", username).bind("p", pwHash).bind("now", now).execute();
            return true;
        });
        // The other tokens go after the commit: deleting them inside could deadlock with a concurrent setup
        // on PostgreSQL. Until then they are refused anyway, because an admin exists.
        if (created) endSetup();
        return created;
    }

    /** Forgets every setup token (an admin exists now, so none of them may create another). */
    public void endSetup() {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM p_setup_token").execute());
    }

    public void recordFailure(long id, int failures, long lockedUntil) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE p_admin SET failures = :f, locked_until = :l WHERE id = :id")
                .bind("f", failures).bind("l", lockedUntil).bind("id", id).execute());
    }

    public void startSession(String tokenHash, long adminId, String csrf, long expiresAt) {
        jdbi.useHandle(h -> {
            h.createUpdate("UPDATE p_admin SET failures = 0, locked_until = 0 WHERE id = :id").bind("id", adminId).execute();
            h.createUpdate("INSERT INTO p_session (token_hash, admin_id, csrf, expires_at) VALUES (:t, :a, :c, :e)")
                    .bind("t", tokenHash).bind("a", adminId).bind("c", csrf).bind("e", expiresAt).execute();
        });
    }

    public Optional<Session> session(String tokenHash, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.admin_id, a.username, s.csrf, s.expires_at FROM p_session s JOIN p_admin a ON a.id = s.admin_id
                        WHERE s.token_hash = :t AND s.expires_at > :now""")
                .bind("t", tokenHash).bind("now", now)
                .map((rs, ctx) -> new Session(rs.getLong("admin_id"), rs.getString("username"), rs.getString("csrf"),
                        rs.getLong("expires_at"))).findOne());
    }

    public void endSession(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM p_session WHERE token_hash = :t").bind("t", tokenHash).execute());
    }

    public void purgeSessions(long now) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM p_session WHERE expires_at <= :now").bind("now", now).execute());
    }
}
