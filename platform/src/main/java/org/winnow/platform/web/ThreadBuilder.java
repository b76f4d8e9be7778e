package org.winnow.platform.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;

/**
 * Builds and renders one page of a thread: a keyset page of top-level comments and all their replies.
 *
 * <p>Readers without a comment of their own on the page all get the same HTML, so it is rendered once
 * and kept in this node's memory, keyed by the thread's {@link CommentThread#version() version}: every
 * change to the thread's comments, on any node, raises it in the same transaction, and every request
 * reads it with the thread, so no reader is ever shown a page older than the thread's last change. A
 * reader's own (possibly held) comment makes their view personal: it is never read from or put into
 * the cache.
 */
final class ThreadBuilder {
    /** Backstop for changes that bypass {@link Comments} (say, a hand edit in the database). */
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    /** About this many characters of rendered pages per node (a 20-comment page is about 10,000). */
    private static final long MAX_CHARS = 16L << 20;

    private final Comments comments;
    private final Views views;
    private final Cache<Key, Rendered> pages = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARS)
            .weigher((Key k, Rendered r) -> r.html().length() + 100)
            .expireAfterWrite(MAX_AGE)
            .build();

    /** Everything a shared rendering depends on. */
    private record Key(Links links, long threadId, long version, int maxDepth, int pageSize, boolean newestFirst,
                       Comments.Cursor after) {}

    private record Rendered(long count, String html) {}

    ThreadBuilder(Comments comments, Views views) {
        this.comments = comments;
        this.views = views;
    }

    /**
     * @param links turns a query ("after=…", "replyto=…") into a link for this rendering
     * @param mine  the reader's own comment id (shown even while held), or -1
     */
    ThreadView build(Site site, CommentThread thread, String after, long mine, FormState form, String actionUrl,
                     String feedUrl, String privacyUrl, String manageUrl, boolean embedded, Links links) {
        var settings = site.settings();
        Comments.Cursor cursor = Comments.Cursor.parse(after).orElse(null);
        Rendered page = mine >= 0 || thread.id() < 0
                ? render(site, thread, cursor, mine, links)
                : pages.get(new Key(links, thread.id(), thread.version(), settings.maxDepth(), settings.pageSize(),
                        settings.newestFirst(), cursor), k -> render(site, thread, cursor, -1, links));
        return new ThreadView(site, thread, page.count(), page.html(), form, actionUrl, feedUrl, privacyUrl, manageUrl,
                embedded);
    }

    private Rendered render(Site site, CommentThread thread, Comments.Cursor cursor, long mine, Links links) {
        var settings = site.settings();
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
        for (StoredComment r : replies) byId.put(r.id(), new Mutable(r));
        for (StoredComment r : replies) {
            Mutable parent = byId.get(r.parentId());
            if (parent == null) parent = byId.get(r.rootId()); // parent not shown (held, spam): keep the reply in its thread
            if (parent != null) parent.children.add(byId.get(r.id()));
        }
        boolean replies1 = settings.maxDepth() > 1;
        List<CommentNode> nodes = new ArrayList<>();
        for (Mutable m : top) {
            CommentNode n = m.freeze(mine, replies1, links);
            if (n != null) nodes.add(n);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("nodes", nodes);
        params.put("nextAfter", nextAfter);
        params.put("nextUrl", nextAfter == null ? null : links.to("after=" + nextAfter));
        params.put("firstUrl", cursor == null ? null : links.to(""));
        long count = thread.id() < 0 ? 0 : comments.countApproved(thread.id());
        return new Rendered(count, views.render("reader/comments.jte", params));
    }

    private static final class Mutable {
        final StoredComment c;
        final List<Mutable> children = new ArrayList<>();

        Mutable(StoredComment c) {
            this.c = c;
        }

        /** Null for an erased comment with nothing visible under it. */
        CommentNode freeze(long mine, boolean repliesAllowed, Links links) {
            List<CommentNode> kids = new ArrayList<>();
            for (Mutable k : children) {
                CommentNode n = k.freeze(mine, repliesAllowed, links);
                if (n != null) kids.add(n);
            }
            if (c.status() == Status.ERASED && kids.isEmpty()) return null;
            boolean held = c.status() != Status.APPROVED && c.status() != Status.ERASED && c.id() == mine;
            String reply = repliesAllowed && c.status() == Status.APPROVED ? links.to("replyto=" + c.id()) : null;
            return new CommentNode(c, kids, held, reply);
        }
    }
}
