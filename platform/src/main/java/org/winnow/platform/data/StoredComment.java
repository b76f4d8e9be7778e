package org.winnow.platform.data;

import java.util.List;
import org.winnow.engine.Signal;

/** A comment as kept: what the reader sent, what the server saw, and what the filter and the site's rules said. */
public record StoredComment(long id, long threadId, long siteId, Long parentId, long rootId, int depth, Status status,
                            Status initialStatus, String author, String email, String emailHash, String authorUrl,
                            String bodyMd, String bodyHtml, String ip, boolean ipTruncated, String userAgent,
                            String referrer, String honeypot, double secondsToSubmit, String verdict, double score,
                            List<Signal> reasons, long createdAt, Long moderatedAt) {
    public StoredComment {
        reasons = List.copyOf(reasons);
    }

    public boolean topLevel() {
        return parentId == null;
    }
}
