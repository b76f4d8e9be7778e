package org.winnow.platform.data;

/** An article served by Winnow itself (the demo site's pages). */
public record Article(long id, long siteId, String slug, String title, String summary, String bodyMd, long publishedAt) {}
