package org.winnow.server.checks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.winnow.engine.Comment;

/**
 * A comment as a client submitted it, in Akismet's terms, already cleaned and capped (see
 * {@link Builder#build(Limits)}). It is what both APIs hand to {@link CheckService}, what is stored
 * with each check and correction (as JSON with Akismet's field names), and what the engine's
 * {@link Comment} is built from.
 */
public record CommentFields(
        String blog,
        String content,
        String author,
        String authorEmail,
        String authorUrl,
        String userIp,
        String userAgent,
        String referrer,
        String permalink,
        String postId,
        String commentType,
        String userRole,
        String blogLang,
        String honeypotValue,
        double secondsToSubmit,
        String commentDateGmt,
        String postModifiedGmt,
        List<String> context,
        String recheckReason) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A {@code comment_context} entry is a tag or category name: never long. */
    static final int MAX_CONTEXT_ITEM_CHARS = 200;

    public CommentFields {
        blog = Objects.requireNonNullElse(blog, "");
        content = Objects.requireNonNullElse(content, "");
        author = Objects.requireNonNullElse(author, "");
        authorEmail = Objects.requireNonNullElse(authorEmail, "");
        authorUrl = Objects.requireNonNullElse(authorUrl, "");
        userIp = Objects.requireNonNullElse(userIp, "");
        userAgent = Objects.requireNonNullElse(userAgent, "");
        referrer = Objects.requireNonNullElse(referrer, "");
        permalink = Objects.requireNonNullElse(permalink, "");
        postId = Objects.requireNonNullElse(postId, "");
        commentType = Objects.requireNonNullElse(commentType, "");
        userRole = Objects.requireNonNullElse(userRole, "");
        blogLang = Objects.requireNonNullElse(blogLang, "");
        honeypotValue = Objects.requireNonNullElse(honeypotValue, "");
        commentDateGmt = Objects.requireNonNullElse(commentDateGmt, "");
        postModifiedGmt = Objects.requireNonNullElse(postModifiedGmt, "");
        context = context == null ? List.of() : List.copyOf(context);
        recheckReason = Objects.requireNonNullElse(recheckReason, "");
        if (Double.isNaN(secondsToSubmit) || Double.isInfinite(secondsToSubmit) || secondsToSubmit < 0) {
            secondsToSubmit = -1;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fields of an engine comment (one that did not come through the Akismet API), cleaned and capped. */
    public static CommentFields fromComment(Comment c, Limits limits) {
        return builder()
                .content(c.content()).author(c.author()).authorEmail(c.authorEmail()).authorUrl(c.authorUrl())
                .userIp(c.userIp()).userAgent(c.userAgent()).referrer(c.referrer()).permalink(c.permalink())
                .commentType(c.commentType()).userRole(c.userRole()).blogLang(c.siteLanguages())
                .honeypotValue(c.honeypotValue()).secondsToSubmit(c.secondsToSubmit())
                .build(limits);
    }

    /** The engine's view of this comment. */
    public Comment toComment() {
        return Comment.builder()
                .content(content).author(author).authorEmail(authorEmail).authorUrl(authorUrl)
                .userIp(userIp).userAgent(userAgent).referrer(referrer).permalink(permalink)
                .commentType(commentType).userRole(userRole).siteLanguages(blogLang)
                .honeypotValue(honeypotValue).secondsToSubmit(secondsToSubmit)
                .build();
    }

    /**
     * What WordPress 5.x matches a submit-spam / submit-ham to its comment-check by: the page
     * (permalink, or the post id when there is no permalink), author, e-mail and text, each
     * normalised (case, Unicode form, white space), hashed with SHA-256 (64 hex characters).
     */
    public String matchKey() {
        String page = permalink.isBlank() ? "post:" + Text.normalize(postId) : normalizeUrl(permalink);
        String joined = page + '\u0000' + Text.normalize(author) + '\u0000' + Text.normalize(authorEmail)
                + '\u0000' + Text.normalize(content);
        // digest() resets the instance, so each thread reuses one instead of looking up a provider per call
        return HexFormat.of().formatHex(SHA256.get().digest(joined.getBytes(StandardCharsets.UTF_8)));
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String normalizeUrl(String url) {
        String u = Text.normalize(url);
        if (u.startsWith("https://")) u = u.substring(8);
        else if (u.startsWith("http://")) u = u.substring(7);
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u;
    }

    /** The JSON stored with checks and corrections (Akismet's field names; empty fields left out). */
    public String toStoredJson(boolean test) {
        StringWriter out = new StringWriter(256 + content.length());
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) { // streamed: no JSON tree per check
            g.writeStartObject();
            put(g, "blog", blog);
            put(g, "comment_content", content);
            put(g, "comment_author", author);
            put(g, "comment_author_email", authorEmail);
            put(g, "comment_author_url", authorUrl);
            put(g, "user_ip", userIp);
            put(g, "user_agent", userAgent);
            put(g, "referrer", referrer);
            put(g, "permalink", permalink);
            put(g, "comment_post_ID", postId);
            put(g, "comment_type", commentType);
            put(g, "user_role", userRole);
            put(g, "blog_lang", blogLang);
            put(g, "honeypot_value", honeypotValue);
            if (secondsToSubmit >= 0) g.writeNumberField("seconds_to_submit", secondsToSubmit);
            put(g, "comment_date_gmt", commentDateGmt);
            put(g, "comment_post_modified_gmt", postModifiedGmt);
            if (!context.isEmpty()) {
                g.writeArrayFieldStart("comment_context");
                for (String c : context) g.writeString(c);
                g.writeEndArray();
            }
            put(g, "recheck_reason", recheckReason);
            if (test) g.writeBooleanField("is_test", true);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * {@link #toStoredJson} cut down until it is at most {@code maxChars} long: the text is halved and
     * the other fields shortened until it fits (only hostile input ever needs this).
     */
    public String toStoredJson(boolean test, int maxChars) {
        String json = toStoredJson(test);
        CommentFields f = this;
        while (json.length() > maxChars) {
            Limits smaller = new Limits(Math.max(1, f.content.length() / 2), 256, 0);
            f = f.toBuilder().build(smaller);
            json = f.toStoredJson(test);
            if (f.content.length() <= 1 && json.length() > maxChars) {
                throw new IllegalStateException("stored comment cannot be made small enough");
            }
        }
        return json;
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return builder().blog(blog).content(content).author(author).authorEmail(authorEmail).authorUrl(authorUrl)
                .userIp(userIp).userAgent(userAgent).referrer(referrer).permalink(permalink).postId(postId)
                .commentType(commentType).userRole(userRole).blogLang(blogLang).honeypotValue(honeypotValue)
                .secondsToSubmit(secondsToSubmit).commentDateGmt(commentDateGmt).postModifiedGmt(postModifiedGmt)
                .context(context).recheckReason(recheckReason);
    }

    private static void put(JsonGenerator g, String name, String value) throws IOException {
        if (!value.isEmpty()) g.writeStringField(name, value);
    }

    /** A stored comment read back; unreadable JSON gives an {@link IllegalArgumentException}. */
    public static Stored fromStoredJson(String json, Limits limits) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json == null ? "" : json);
        } catch (Exception e) {
            throw new IllegalArgumentException("stored comment is not JSON", e);
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("stored comment is not a JSON object");
        Builder b = builder()
                .blog(str(n, "blog")).content(str(n, "comment_content")).author(str(n, "comment_author"))
                .authorEmail(str(n, "comment_author_email")).authorUrl(str(n, "comment_author_url"))
                .userIp(str(n, "user_ip")).userAgent(str(n, "user_agent")).referrer(str(n, "referrer"))
                .permalink(str(n, "permalink")).postId(str(n, "comment_post_ID")).commentType(str(n, "comment_type"))
                .userRole(str(n, "user_role")).blogLang(str(n, "blog_lang")).honeypotValue(str(n, "honeypot_value"))
                .commentDateGmt(str(n, "comment_date_gmt")).postModifiedGmt(str(n, "comment_post_modified_gmt"))
                .recheckReason(str(n, "recheck_reason"));
        JsonNode s = n.get("seconds_to_submit");
        if (s != null && s.isNumber()) b.secondsToSubmit(s.asDouble());
        JsonNode ctx = n.get("comment_context");
        if (ctx != null && ctx.isArray()) {
            List<String> items = new ArrayList<>();
            ctx.forEach(x -> { if (x.isValueNode()) items.add(x.asText()); });
            b.context(items);
        }
        JsonNode t = n.get("is_test");
        boolean test = t != null && (t.asBoolean(false) || "1".equals(t.asText()));
        return new Stored(b.build(limits), test);
    }

    /** A stored comment and whether it came from a test request. */
    public record Stored(CommentFields fields, boolean test) {}

    private static String str(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || !v.isValueNode() || v.isNull() ? "" : v.asText();
    }

    /** Mutable builder; null means "not given". {@link #build(Limits)} cleans and caps every field. */
    public static final class Builder {
        private String blog, content, author, authorEmail, authorUrl, userIp, userAgent, referrer, permalink,
                postId, commentType, userRole, blogLang, honeypotValue, commentDateGmt, postModifiedGmt,
                recheckReason;
        private double secondsToSubmit = -1;
        private List<String> context = List.of();

        private Builder() {}

        public Builder blog(String v) { blog = v; return this; }
        public Builder content(String v) { content = v; return this; }
        public Builder author(String v) { author = v; return this; }
        public Builder authorEmail(String v) { authorEmail = v; return this; }
        public Builder authorUrl(String v) { authorUrl = v; return this; }
        public Builder userIp(String v) { userIp = v; return this; }
        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder referrer(String v) { referrer = v; return this; }
        public Builder permalink(String v) { permalink = v; return this; }
        public Builder postId(String v) { postId = v; return this; }
        public Builder commentType(String v) { commentType = v; return this; }
        public Builder userRole(String v) { userRole = v; return this; }
        public Builder blogLang(String v) { blogLang = v; return this; }
        public Builder honeypotValue(String v) { honeypotValue = v; return this; }
        public Builder secondsToSubmit(double v) { secondsToSubmit = v; return this; }
        public Builder commentDateGmt(String v) { commentDateGmt = v; return this; }
        public Builder postModifiedGmt(String v) { postModifiedGmt = v; return this; }
        public Builder context(List<String> v) { context = v == null ? List.of() : v; return this; }
        public Builder recheckReason(String v) { recheckReason = v; return this; }

        /** Cleans (no NUL, no lone surrogates) and caps every field as {@code limits} says. */
        public CommentFields build(Limits limits) {
            int f = limits.maxFieldChars();
            List<String> ctx = new ArrayList<>();
            for (String c : context) {
                if (ctx.size() >= limits.maxListItems()) break;
                String v = Text.clean(c, Math.min(f, MAX_CONTEXT_ITEM_CHARS)).strip();
                if (!v.isEmpty()) ctx.add(v);
            }
            String role = Text.clean(userRole, f).strip();
            if (role.equals("0")) role = ""; // WordPress sends false as 0
            return new CommentFields(
                    Text.clean(blog, f).strip(), Text.clean(content, limits.maxContentChars()),
                    Text.clean(author, f).strip(), Text.clean(authorEmail, f).strip(),
                    Text.clean(authorUrl, f).strip(), Text.clean(userIp, f).strip(), Text.clean(userAgent, f),
                    Text.clean(referrer, f).strip(), Text.clean(permalink, f).strip(), Text.clean(postId, f).strip(),
                    Text.clean(commentType, f).strip().toLowerCase(Locale.ROOT), role, Text.clean(blogLang, f).strip(),
                    Text.clean(honeypotValue, f), secondsToSubmit, Text.clean(commentDateGmt, f).strip(),
                    Text.clean(postModifiedGmt, f).strip(), ctx, Text.clean(recheckReason, f).strip());
        }
    }
}
