package org.winnow.platform.data;

/** The comments of one page, identified by its URL within a site. */
public record CommentThread(long id, long siteId, String url, String title, Long articleId, long createdAt) {}
