package org.winnow.server.checks;

/**
 * How much of each comment field is kept: longer values are cut before they reach the engine or
 * the store.
 *
 * @param maxContentChars the comment text
 * @param maxFieldChars   every other field (author, URLs, user agent…)
 * @param maxListItems    entries kept from a list field such as {@code comment_context}
 */
public record Limits(int maxContentChars, int maxFieldChars, int maxListItems) {
    public Limits {
        if (maxContentChars < 1 || maxFieldChars < 1 || maxListItems < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static Limits defaults() {
        return new Limits(64 * 1024, 2 * 1024, 50);
    }
}
