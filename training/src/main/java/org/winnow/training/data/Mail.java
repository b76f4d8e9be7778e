package org.winnow.training.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough MIME to turn a raw e-mail into comment-sized text: the subject (RFC 2047 decoded) and
 * the first text part of the body (quoted-printable or base64 decoded, HTML stripped), without quoted
 * replies and mailing-list footers, which say more about the list than about spam.
 */
public final class Mail {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");
    private static final Pattern TAG = Pattern.compile("(?s)<(script|style)[^>]*>.*?</\\1>|<!--.*?-->|<[^>]*>");
    /** "Re: [ILUG] …": reply prefixes and mailing-list tags name the list, not the message. */
    private static final Pattern LIST_TAG = Pattern.compile("(?i)^\\s*((re|fw|fwd|aw)\\s*:\\s*|\\[[^\\]]{1,30}]\\s*)+");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n+");

    private Mail() {}

    /** Subject and body text, the body cut to about {@code maxBodyChars}. */
    public static String toCommentText(String raw, int maxBodyChars) {
        Part message = Part.parse(raw);
        String subject = LIST_TAG.matcher(decodeHeaderWords(message.header("subject"))).replaceAll("");
        String body = cleanBody(message.bodyText());
        if (body.length() > maxBodyChars) {
            int cut = body.lastIndexOf(' ', maxBodyChars);
            body = body.substring(0, cut > maxBodyChars / 2 ? cut : maxBodyChars);
        }
        return (subject.isBlank() ? body : subject.trim() + "\n" + body).trim();
    }

    private static String cleanBody(String body) {
        StringBuilder b = new StringBuilder(body.length());
        for (String line : body.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith(">")) continue;
            if (t.equals("--") || t.startsWith("_______________") || t.startsWith("-----Original Message")) break;
            b.append(t).append('\n');
        }
        String s = SPACES.matcher(b).replaceAll(" ");
        return BLANK_LINES.matcher(s).replaceAll("\n").trim();
    }

    static String decodeHeaderWords(String h) {
        if (h == null) return "";
        Matcher m = ENCODED_WORD.matcher(h);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String between = h.substring(last, m.start());
            if (!(last > 0 && between.isBlank())) out.append(between);
            Charset cs = charset(m.group(1));
            byte[] bytes = m.group(2).equalsIgnoreCase("b") ? base64(m.group(3))
                    : quotedPrintable(m.group(3).replace('_', ' '));
            out.append(new String(bytes, cs));
            last = m.end();
        }
        out.append(h.substring(last));
        return out.toString();
    }

    static Charset charset(String name) {
        try {
            return name == null || name.isBlank() ? StandardCharsets.ISO_8859_1 : Charset.forName(name.trim().replace("\"", ""));
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    static byte[] base64(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9+/]", ""); // padding is optional for the decoder
        if (clean.length() % 4 == 1) clean = clean.substring(0, clean.length() - 1);
        try {
            return Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static byte[] quotedPrintable(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' && i + 2 < s.length() + 1) {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') { i++; continue; }
                if (i + 2 < s.length() && s.charAt(i + 1) == '\r' && s.charAt(i + 2) == '\n') { i += 2; continue; }
                if (i + 2 < s.length()) {
                    int hi = Character.digit(s.charAt(i + 1), 16);
                    int lo = Character.digit(s.charAt(i + 2), 16);
                    if (hi >= 0 && lo >= 0) {
                        out[n++] = (byte) (hi * 16 + lo);
                        i += 2;
                        continue;
                    }
                }
            }
            out[n++] = (byte) c;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static String stripHtml(String html) {
        String noTags = TAG.matcher(html.replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")).replaceAll(" ");
        return noTags.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    }

    /** One MIME entity: headers and a raw body; multiparts hold their children. */
    private record Part(List<String[]> headers, String body) {
        static Part parse(String raw) {
            String text = raw.replace("\r\n", "\n");
            int split = text.indexOf("\n\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 2);
            List<String[]> headers = new ArrayList<>();
            StringBuilder current = null;
            for (String line : head.split("\n")) {
                if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                    current.append(' ').append(line.strip());
                } else {
                    if (current != null) addHeader(headers, current.toString());
                    current = new StringBuilder(line);
                }
            }
            if (current != null) addHeader(headers, current.toString());
            return new Part(headers, body);
        }

        private static void addHeader(List<String[]> headers, String line) {
            int colon = line.indexOf(':');
            if (colon > 0) headers.add(new String[] {line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()});
        }

        String header(String name) {
            for (String[] h : headers) if (h[0].equals(name)) return h[1];
            return null;
        }

        String contentType() {
            String ct = header("content-type");
            return ct == null ? "text/plain" : ct;
        }

        String param(String headerValue, String name) {
            Matcher m = Pattern.compile("(?i)" + name + "\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)").matcher(headerValue);
            if (!m.find()) return null;
            return m.group(2) != null ? m.group(2) : m.group(1);
        }

        /** The best text of this entity: first text/plain part, else first text/html part stripped. */
        String bodyText() {
            String ct = contentType().toLowerCase(Locale.ROOT);
            if (ct.startsWith("multipart/")) {
                String boundary = param(contentType(), "boundary");
                if (boundary == null) return decoded();
                List<Part> parts = new ArrayList<>();
                String[] chunks = body.split("\n--" + Pattern.quote(boundary));
                for (int k = 1; k < chunks.length; k++) {
                    String chunk = chunks[k];
                    if (chunk.startsWith("--")) break;
                    parts.add(parse(chunk.startsWith("\n") ? chunk.substring(1) : chunk));
                }
                if (body.startsWith("--" + boundary)) {
                    String first = body.substring(boundary.length() + 2);
                    int end = first.indexOf("\n--" + boundary);
                    parts.addFirst(parse((end < 0 ? first : first.substring(0, end)).replaceFirst("^\n", "")));
                }
                for (Part p : parts) if (p.contentType().toLowerCase(Locale.ROOT).startsWith("text/plain")) return p.bodyText();
                for (Part p : parts) {
                    String pct = p.contentType().toLowerCase(Locale.ROOT);
                    if (pct.startsWith("text/html") || pct.startsWith("multipart/")) return p.bodyText();
                }
                return "";
            }
            if (!ct.startsWith("text/")) return "";
            String text = decoded();
            return ct.startsWith("text/html") || text.regionMatches(true, 0, "<html", 0, 5) ? stripHtml(text) : text;
        }

        String decoded() {
            String cte = header("content-transfer-encoding");
            cte = cte == null ? "" : cte.toLowerCase(Locale.ROOT);
            Charset cs = charset(param(contentType(), "charset"));
            if (cte.contains("base64")) return new String(base64(body), cs);
            if (cte.contains("quoted-printable")) return new String(quotedPrintable(body), cs);
            return body;
        }
    }
}
