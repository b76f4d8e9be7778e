package org.winnow.platform.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A page that readers with nothing of their own on it (no held comment, no reply target, no
 * remembered name) all get byte for byte but for the comment form's token, which holds the time the
 * form was shown. It is rendered once with {@link #TOKEN_SLOT} for the token and kept as UTF-8 in two
 * halves; each view writes the halves around a fresh token.
 */
record SplitPage(byte[] head, byte[] tail) {
    /** Stands in for the token while the page is rendered: ASCII letters, digits and dashes, which escaping leaves as they are. */
    static final String TOKEN_SLOT = "wn-form-token-slot-5d1c";

    /** The blank form of a shared page, with the placeholder for its token. */
    static final FormState BLANK_FORM = new FormState("", "", "", "", false, Map.of(), TOKEN_SLOT, null, null, null);

    /** A cache of split pages holding about {@code maxBytes}, entries at most {@link ThreadBuilder#MAX_AGE} old. */
    static <K> Cache<K, SplitPage> cache(long maxBytes) {
        return Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((K k, SplitPage p) -> p.head.length + p.tail.length + 100)
                .expireAfterWrite(ThreadBuilder.MAX_AGE)
                .build();
    }

    /** The page split at its token, or null when the placeholder is not there exactly once (say, text that quotes it). */
    static SplitPage of(String html) {
        int at = html.indexOf(TOKEN_SLOT);
        if (at < 0 || html.indexOf(TOKEN_SLOT, at + 1) >= 0) return null;
        return new SplitPage(html.substring(0, at).getBytes(StandardCharsets.UTF_8),
                html.substring(at + TOKEN_SLOT.length()).getBytes(StandardCharsets.UTF_8));
    }

    /** The whole page with this token (plain ASCII: a signed token never needs escaping). */
    byte[] with(String token) {
        byte[] t = token.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + t.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(t, 0, out, head.length, t.length);
        System.arraycopy(tail, 0, out, head.length + t.length, tail.length);
        return out;
    }
}
