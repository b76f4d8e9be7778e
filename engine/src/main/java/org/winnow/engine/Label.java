package org.winnow.engine;

/** The three outcomes of a check, as Akismet defines them. */
public enum Label {
    /** Not spam: publish (or hold, if the site's own rules say so). */
    HAM,
    /** Spam: keep in the spam queue for a moderator to look at. */
    SPAM,
    /** Blatant spam: safe to drop without storing (Akismet's {@code X-akismet-pro-tip: discard}). */
    DISCARD;

    public boolean isSpam() {
        return this != HAM;
    }
}
