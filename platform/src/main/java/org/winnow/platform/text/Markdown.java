package org.winnow.platform.text;

import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Turns what a commenter typed into safe HTML: CommonMark with raw HTML escaped, images reduced to
 * their description, and the result passed through an allow-list sanitizer as a second, independent
 * line of defence. Links keep only http, https and mailto, and always get {@code rel="nofollow ugc"}.
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    // In comments a line break is meant as one; in articles it is just source wrapping.
    private static final HtmlRenderer COMMENT_RENDERER = HtmlRenderer.builder()
            .escapeHtml(true).sanitizeUrls(true).softbreak("<br>").build();
    private static final HtmlRenderer ARTICLE_RENDERER = HtmlRenderer.builder()
            .escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory COMMENT_POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "a")
            .allowAttributes("href").onElements("a")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
            .allowUrlProtocols("http", "https", "mailto")
            .requireRelsOnLinks("nofollow", "ugc", "noopener")
            .toFactory();
    // Articles are written by the site owner, so they may have headings; still sanitised.
    private static final PolicyFactory ARTICLE_POLICY = COMMENT_POLICY.and(new HtmlPolicyBuilder()
            .allowElements("h2", "h3", "h4").toFactory());

    private Markdown() {}

    /** A comment's Markdown as sanitised HTML. */
    public static String comment(String markdown) {
        return COMMENT_POLICY.sanitize(render(markdown, COMMENT_RENDERER));
    }

    /** An article's Markdown as sanitised HTML. */
    public static String article(String markdown) {
        return ARTICLE_POLICY.sanitize(render(markdown, ARTICLE_RENDERER));
    }

    /** Plain text of a comment (no markup at all), for excerpts and feed titles. */
    public static String plain(String markdown, int max) {
        StringBuilder out = new StringBuilder();
        PARSER.parse(markdown == null ? "" : markdown).accept(new AbstractVisitor() {
            @Override public void visit(Text text) { out.append(text.getLiteral()); }
            @Override public void visit(Code code) { out.append(code.getLiteral()); }
            @Override public void visit(SoftLineBreak b) { out.append(' '); }
            @Override public void visit(Paragraph p) { visitChildren(p); out.append(' '); }
        });
        String text = out.toString().replaceAll("\\s+", " ").strip();
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)).strip() + "…";
    }

    private static String render(String markdown, HtmlRenderer renderer) {
        Node doc = PARSER.parse(markdown == null ? "" : markdown);
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                // No images in comments: keep what the image was said to show, as text.
                StringBuilder alt = new StringBuilder();
                for (Node n = image.getFirstChild(); n != null; n = n.getNext())
                    if (n instanceof Text t) alt.append(t.getLiteral());
                Text replacement = new Text(alt.isEmpty() ? "[image]" : "[image: " + alt + "]");
                image.insertBefore(replacement);
                image.unlink();
            }
        });
        return renderer.render(doc);
    }
}
