package org.winnow.platform.web;

import java.util.List;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Site;

/**
 * A thread as rendered under an article or inside the embed widget.
 *
 * @param nextAfter    cursor of the next page of top-level comments, or null on the last page
 * @param nextUrl      link to that page without JavaScript, or null
 * @param firstUrl     link back to the first page when not on it, or null
 * @param actionUrl    where the form posts (absolute for the widget)
 * @param manageUrl    the reader's private link to their own comment, when they just posted one
 * @param embedded     rendered for another site (the widget or a server-side include)
 */
public record ThreadView(Site site, CommentThread thread, long count, List<CommentNode> nodes, String nextAfter,
                         String nextUrl, String firstUrl, FormState form, String actionUrl, String feedUrl,
                         String privacyUrl, String manageUrl, boolean embedded) {}
