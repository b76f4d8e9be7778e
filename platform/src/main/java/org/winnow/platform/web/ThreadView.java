package org.winnow.platform.web;

import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Site;

/**
 * A thread as rendered under an article or inside the embed widget.
 *
 * @param count        approved comments in the whole thread
 * @param commentsHtml this page's comments with their replies and the paging links, already rendered
 *                     (shared by every reader without a comment of their own on it)
 * @param actionUrl    where the form posts (absolute for the widget)
 * @param manageUrl    the reader's private link to their own comment, when they just posted one
 * @param embedded     rendered for another site (the widget or a server-side include)
 */
public record ThreadView(Site site, CommentThread thread, long count, String commentsHtml, FormState form,
                         String actionUrl, String feedUrl, String privacyUrl, String manageUrl, boolean embedded) {}
