package org.winnow.platform.web;

import org.winnow.platform.data.StoredComment;

/** One comment in the moderation queue, with where it was posted. */
public record QueueItem(StoredComment comment, String siteName, String threadTitle, String threadUrl) {}
