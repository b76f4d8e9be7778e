package org.winnow.platform.moderation;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winnow.engine.Comment;
import org.winnow.platform.SpamFilter;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Moderations;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Sites;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;
import org.winnow.platform.data.Threads;

/**
 * Applies moderator decisions. Each approve, spam or not-spam is also a training example for the
 * filter, given through {@link SpamFilter#correct} exactly as an Akismet submit-ham / submit-spam is,
 * so the next verdict already reflects it.
 */
public final class Moderator {
    private static final Logger LOG = LoggerFactory.getLogger(Moderator.class);
    private final Comments comments;
    private final Threads threads;
    private final Sites sites;
    private final Moderations log;
    private final SpamFilter filter;
    private final Clock clock;

    public Moderator(Comments comments, Threads threads, Sites sites, Moderations log, SpamFilter filter, Clock clock) {
        this.comments = comments;
        this.threads = threads;
        this.sites = sites;
        this.log = log;
        this.filter = filter;
        this.clock = clock;
    }

    /** Applies {@code action} to each comment that exists; returns how many were changed. */
    public int apply(Collection<Long> ids, Action action, String admin) {
        int changed = 0;
        for (long id : ids) {
            StoredComment c = comments.byId(id).orElse(null);
            if (c == null || c.status() == Status.ERASED) continue;
            long now = clock.millis();
            Status to = action.target() == null ? c.status() : action.target();
            if (action == Action.DELETE) comments.delete(id, now);
            else if (to != c.status()) comments.setStatus(id, to, now);
            else continue; // already there: nothing to change or learn
            log.log(c.siteId(), id, action.param(), c.status(), action == Action.DELETE ? Status.ERASED : to,
                    c.initialStatus(), admin, now);
            action.teaches().ifPresent(spam -> teach(c, spam));
            changed++;
        }
        return changed;
    }

    /**
     * Before a comment is erased at its author's request (their private link, or an admin acting on
     * their e-mail address): the spam filter erases any copy of its fields it kept from a moderator's
     * decision on it. Throws if it cannot, so the caller erases nothing and the request can be repeated.
     */
    public void forgetLessons(StoredComment c) {
        Site site = sites.byId(c.siteId()).orElse(null);
        if (site != null) filter.forget(site.apiSiteId(), c.id());
    }

    /** The moderators' decisions on this comment that the spam filter keeps a copy of it for, oldest first. */
    public List<SpamFilter.Decision> keptDecisions(StoredComment c) {
        Site site = sites.byId(c.siteId()).orElse(null);
        return site == null ? List.of() : filter.decisions(site.apiSiteId(), c.id());
    }

    private void teach(StoredComment c, boolean spam) {
        Site site = sites.byId(c.siteId()).orElse(null);
        if (site == null) return;
        String permalink = threads.byId(c.threadId()).map(CommentThread::url).orElse("");
        Comment example = Comment.builder().content(c.bodyMd()).author(c.author()).authorEmail(c.email())
                .authorUrl(c.authorUrl()).userIp(c.ip()).userAgent(c.userAgent()).referrer(c.referrer())
                .permalink(permalink).commentType(c.parentId() == null ? "comment" : "reply")
                .honeypotValue(c.honeypot()).secondsToSubmit(c.secondsToSubmit()).build();
        try {
            filter.correct(site.apiSiteId(), c.id(), example, spam, "moderator");
        } catch (RuntimeException e) {
            // The decision itself stands; only the lesson is lost, and the log says so.
            LOG.warn("spam filter could not learn from moderation of comment {}", c.id(), e);
        }
    }
}
