package org.winnow.server.checks;

import java.text.Normalizer;
import java.util.Locale;

/** Small string helpers for what we store and hash: safe for any database, bounded in size. */
public final class Text {

    private Text() {}

    /**
     * Makes {@code s} safe to store anywhere: no NUL characters (PostgreSQL rejects them), no lone
     * surrogates (not encodable as UTF-8), and at most {@code maxChars} characters without cutting a
     * surrogate pair in half. Null becomes {@code ""}.
     */
    public static String clean(String s, int maxChars) {
        if (s == null || s.isEmpty()) return "";
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean bad = c == 0;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (out != null) out.append(c).append(s.charAt(i + 1));
                    i++;
                    continue;
                }
                bad = true;
            } else if (Character.isLowSurrogate(c)) {
                bad = true;
            }
            if (bad && out == null) {
                out = new StringBuilder(n);
                out.append(s, 0, i);
            }
            if (out != null) {
                if (c == 0) continue;
                out.append(bad ? '\uFFFD' : c);
            }
        }
        String r = out == null ? s : out.toString();
        return truncate(r, maxChars);
    }

    /** The first {@code maxChars} characters, never ending on the first half of a surrogate pair. */
    public static String truncate(String s, int maxChars) {
        if (s.length() <= maxChars) return s;
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end);
    }

    /** Lower-case, NFC, trimmed, inner runs of white space as one space: what matching compares. */
    public static String normalize(String s) {
        if (s == null) return "";
        String t = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else {
                if (space) out.append(' ');
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
