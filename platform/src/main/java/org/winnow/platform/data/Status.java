package org.winnow.platform.data;

import java.util.Locale;

/** Where a comment stands. Stored lower-case. */
public enum Status {
    /** Published. */
    APPROVED,
    /** Held for moderation: visible only to moderators and to its author. */
    PENDING,
    /** In the spam folder. */
    SPAM,
    /** Thrown away by a moderator or by a reject word; deleted after the trash retention. */
    TRASH,
    /** Erased at its author's request: only a placeholder remains, so replies keep their place. */
    ERASED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String db) {
        return valueOf(db.toUpperCase(Locale.ROOT));
    }
}
