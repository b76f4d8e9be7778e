package org.winnow.platform.web;

/**
 * The links inside one rendering of a thread ("More comments", "Reply"): {@code base} alone, or
 * {@code base + prefix + query}. A value, so that rendered pages can be cached per kind of link.
 */
record Links(String base, String prefix) {
    /** Links on our own article pages: {@code /a/slug?after=…}. */
    static Links article(String path) {
        return new Links(path, "?");
    }

    /** Links on another site's page that embeds the thread: {@code https://blog.example/post?winnow_after=…}. */
    static Links embedded(String pageUrl) {
        return new Links(pageUrl, "?winnow_");
    }

    String to(String query) {
        return query.isEmpty() ? base : base + prefix + query;
    }
}
