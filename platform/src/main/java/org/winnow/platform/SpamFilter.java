package org.winnow.platform;

import java.time.Instant;
import java.util.List;
import org.winnow.engine.Comment;
import org.winnow.engine.Verdict;

/**
 * What the platform needs from the spam filter. The app implements it over the server's learning
 * loop, so comments posted here and checks made through the Akismet API share one model, and every
 * moderator decision is logged and replayed like a submit-spam / submit-ham.
 *
 * <p>{@code siteId} is the store's site id ({@code ApiKeys.Site#id()}) of the platform site.
 * Implementations must be thread-safe.
 */
public interface SpamFilter {

    /** Judges a new comment. */
    Verdict judge(long siteId, Comment comment);

    /**
     * Teaches the filter one labelled example, exactly as a submit-spam ({@code spam = true}) or a
     * submit-ham does. {@code source} says who decided, e.g. {@code "moderator"}; {@code commentId} is
     * the stored comment it was made from, for {@link #forget}.
     */
    void correct(long siteId, long commentId, Comment comment, boolean spam, String source);

    /**
     * The comment's author had it erased: erase any copy of its fields that {@link #correct} kept. The
     * filter may keep what it learned from it until it is rebuilt.
     */
    void forget(long siteId, long commentId);

    /**
     * The decisions on this comment whose copies {@link #correct} keeps (none once {@link #forget} ran),
     * oldest first: its author may see what is kept about it.
     */
    List<Decision> decisions(long siteId, long commentId);

    /** A moderator's decision the filter keeps a copy of the comment for: the label, who decided, and when. */
    record Decision(boolean spam, String source, Instant at) {}

    /**
     * The comment this thread judged last is about to be stored under {@code commentId}. A filter that
     * also learns of comments from the database (other nodes' comments, or comments from before a
     * restart) uses it to tell the comments it judged itself; a filter that does not can ignore it.
     */
    default void storing(long commentId) {}
}
