package org.winnow.platform.web;

import java.util.List;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;

/**
 * One comment in a rendered thread with its replies.
 *
 * @param held     the reader's own comment that is not published (yet): shown only to them
 * @param replyUrl where "Reply" leads without JavaScript; null when replies are not allowed here
 */
public record CommentNode(StoredComment comment, List<CommentNode> children, boolean held, String replyUrl) {
    public boolean erased() {
        return comment.status() == Status.ERASED;
    }

    /** The author's website when it is safe to link (http or https only). */
    public String website() {
        String u = comment.authorUrl();
        return u.startsWith("https://") || u.startsWith("http://") ? u : null;
    }
}
