package org.winnow.platform.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;

/** Builds the tree of one page of a thread: a keyset page of top-level comments and all their replies. */
final class ThreadBuilder {
    private final Comments comments;

    ThreadBuilder(Comments comments) {
        this.comments = comments;
    }

    /**
     * @param link turns a query ("after=…", "replyto=…") into a link for this rendering
     * @param mine the reader's own comment id (shown even while held), or -1
     */
    ThreadView build(Site site, CommentThread thread, String after, long mine, FormState form, String actionUrl,
                     String feedUrl, String privacyUrl, String manageUrl, boolean embedded, Function<String, String> link) {
        var settings = site.settings();
        Comments.Cursor cursor = Comments.Cursor.parse(after).orElse(null);
        List<StoredComment> roots = comments.roots(thread.id(), cursor, settings.newestFirst(), settings.pageSize() + 1, mine);
        boolean more = roots.stream().filter(c -> c.status() == Status.APPROVED).count() > settings.pageSize();
        if (more) {
            // Drop the look-ahead row (the last approved one).
            StoredComment extra = roots.stream().filter(c -> c.status() == Status.APPROVED).toList().getLast();
            roots = roots.stream().filter(c -> c != extra).toList();
        }
        StoredComment lastApproved = roots.stream().filter(c -> c.status() == Status.APPROVED).reduce((a, b) -> b).orElse(null);
        String nextAfter = more && lastApproved != null ? Comments.Cursor.of(lastApproved).encode() : null;

        Map<Long, Mutable> byId = new LinkedHashMap<>();
        List<Mutable> top = new ArrayList<>();
        for (StoredComment r : roots) {
            Mutable m = new Mutable(r);
            byId.put(r.id(), m);
            top.add(m);
        }
        List<StoredComment> replies = comments.replies(byId.keySet(), mine);
        Map<Long, StoredComment> replyById = new HashMap<>();
        for (StoredComment r : replies) replyById.put(r.id(), r);
        for (StoredComment r : replies) byId.put(r.id(), new Mutable(r));
        for (StoredComment r : replies) {
            Mutable parent = byId.get(r.parentId());
            if (parent == null) parent = byId.get(r.rootId()); // parent not shown (held, spam): keep the reply in its thread
            if (parent != null) parent.children.add(byId.get(r.id()));
        }
        boolean replies1 = settings.maxDepth() > 1;
        List<CommentNode> nodes = new ArrayList<>();
        for (Mutable m : top) {
            CommentNode n = m.freeze(mine, replies1, link);
            if (n != null) nodes.add(n);
        }
        return new ThreadView(site, thread, comments.countApproved(thread.id()), nodes, nextAfter,
                nextAfter == null ? null : link.apply("after=" + nextAfter),
                cursor == null ? null : link.apply(""), form, actionUrl, feedUrl, privacyUrl, manageUrl, embedded);
    }

    private static final class Mutable {
        final StoredComment c;
        final List<Mutable> children = new ArrayList<>();

        Mutable(StoredComment c) {
            this.c = c;
        }

        /** Null for an erased comment with nothing visible under it. */
        CommentNode freeze(long mine, boolean repliesAllowed, Function<String, String> link) {
            List<CommentNode> kids = new ArrayList<>();
            for (Mutable k : children) {
                CommentNode n = k.freeze(mine, repliesAllowed, link);
                if (n != null) kids.add(n);
            }
            if (c.status() == Status.ERASED && kids.isEmpty()) return null;
            boolean held = c.status() != Status.APPROVED && c.status() != Status.ERASED && c.id() == mine;
            String reply = repliesAllowed && c.status() == Status.APPROVED ? link.apply("replyto=" + c.id()) : null;
            return new CommentNode(c, kids, held, reply);
        }
    }
}
