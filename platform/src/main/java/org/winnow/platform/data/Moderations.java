package org.winnow.platform.data;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The log of moderator decisions, which the dashboard counts caught, missed and wrongly caught spam from. */
public final class Moderations {
    private final Jdbi jdbi;

    public Moderations(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void log(long siteId, long commentId, String action, Status from, Status to, Status initial, String admin, long at) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO p_moderation (id, site_id, comment_id, action, from_status, to_status, initial, admin, at)
                        VALUES (:id, :s, :c, :a, :f, :t, :i, :adm, :at)""")
                .bind("id", Ids.next()).bind("s", siteId).bind("c", commentId).bind("a", action).bind("f", from.db())
                .bind("t", to.db()).bind("i", initial.db()).bind("adm", admin).bind("at", at).execute());
    }

    /**
     * The latest decision on each comment moderated since {@code since} that changed its spam-ness:
     * rows of (initial status, final status). Several actions on one comment count once.
     */
    public List<String[]> outcomes(long siteId, long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT m.initial, m.to_status FROM p_moderation m
                        WHERE m.site_id = :s AND m.at >= :since
                          AND m.id = (SELECT MAX(m2.id) FROM p_moderation m2 WHERE m2.comment_id = m.comment_id)""")
                .bind("s", siteId).bind("since", since)
                .map((rs, ctx) -> new String[] {rs.getString("initial"), rs.getString("to_status")}).list());
    }
}
