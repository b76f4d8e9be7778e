package org.winnow.platform.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.StoredComment;
import org.winnow.platform.text.Markdown;

/** Atom feeds of approved comments, per thread and per site. */
final class Feeds {
    private static final int LIMIT = 50;
    private final Web web;

    Feeds(Web web) {
        this.web = web;
    }

    void site(Context ctx) {
        String slug = ctx.pathParam("site");
        Site site = web.sites().bySlug(slug).orElseThrow(() -> HttpError.notFound("There is no site called \"" + slug + "\" here."));
        List<StoredComment> items = web.comments().latestApproved(null, site.id(), LIMIT);
        write(ctx, "Comments on " + site.name(), web.publicUrl() + "/feeds/" + site.slug() + ".atom", site.baseUrl(), items);
    }

    void thread(Context ctx) {
        long id = ReaderRoutes.parseId(ctx.pathParam("id")).orElseThrow(() -> HttpError.notFound("There is no such feed."));
        CommentThread t = web.threads().byId(id).orElseThrow(() -> HttpError.notFound("There is no such feed."));
        List<StoredComment> items = web.comments().latestApproved(t.id(), null, LIMIT);
        write(ctx, "Comments on " + t.title(), web.publicUrl() + "/feeds/thread/" + t.id() + ".atom", t.url(), items);
    }

    private void write(Context ctx, String title, String self, String alternate, List<StoredComment> items) {
        Map<Long, CommentThread> threads = new HashMap<>();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        x.append("  <title>").append(esc(title)).append("</title>\n");
        x.append("  <id>").append(esc(self)).append("</id>\n");
        x.append("  <link rel=\"self\" href=\"").append(esc(self)).append("\"/>\n");
        x.append("  <link rel=\"alternate\" href=\"").append(esc(alternate)).append("\"/>\n");
        long updated = items.isEmpty() ? 0 : items.getFirst().createdAt();
        x.append("  <updated>").append(Fmt.iso(updated)).append("</updated>\n");
        x.append("  <generator>Winnow</generator>\n");
        for (StoredComment c : items) {
            CommentThread t = threads.computeIfAbsent(c.threadId(), k -> web.threads().byId(k).orElse(null));
            String link = (t == null ? alternate : t.url()) + "#c" + c.id();
            x.append("  <entry>\n");
            x.append("    <title>").append(esc(c.author() + " on " + (t == null ? "" : t.title()) + ": "
                    + Markdown.plain(c.bodyMd(), 80))).append("</title>\n");
            x.append("    <id>").append(esc(web.publicUrl() + "/comments/" + c.id())).append("</id>\n");
            x.append("    <link rel=\"alternate\" href=\"").append(esc(link)).append("\"/>\n");
            x.append("    <updated>").append(Fmt.iso(c.createdAt())).append("</updated>\n");
            x.append("    <author><name>").append(esc(c.author())).append("</name></author>\n");
            x.append("    <content type=\"html\">").append(esc(c.bodyHtml())).append("</content>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("application/atom+xml; charset=utf-8").result(x.toString());
    }

    /** XML text and attribute escaping; drops characters XML 1.0 cannot carry. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                            || cp >= 0x10000 && cp <= 0x10FFFF)
                        out.appendCodePoint(cp);
                }
            }
        });
        return out.toString();
    }
}
