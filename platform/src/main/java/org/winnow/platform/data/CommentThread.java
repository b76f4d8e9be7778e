package org.winnow.platform.data;

/**
 * The comments of one page, identified by its URL within a site.
 *
 * @param version grows with every change to the thread's comments (on any node): what cached pages are keyed on
 */
public record CommentThread(long id, long siteId, String url, String title, Long articleId, long createdAt, long version) {}
