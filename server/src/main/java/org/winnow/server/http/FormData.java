package org.winnow.server.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Form fields of one request: the {@code application/x-www-form-urlencoded} body first, then the
 * query string, decoded leniently the way PHP and old Akismet clients expect.
 *
 * <ul>
 *   <li>Percent-escapes are decoded to bytes first; the bytes are turned into text with the charset
 *       the Content-Type declares, else the one named by a {@code blog_charset} field, else UTF-8.
 *       Unknown charset names fall through to the next choice; malformed bytes become U+FFFD.</li>
 *   <li>A bare name without {@code =} is a field with an empty value; {@code +} is a space; a broken
 *       escape such as {@code %zz} is kept as it is.</li>
 *   <li>A name may repeat: as in PHP, whose {@code $_POST}/{@code $_REQUEST} Akismet reads, the last
 *       value wins, and a body field beats a query-string field of the same name.</li>
 * </ul>
 */
public final class FormData {

    private final Map<String, List<String>> body;
    private final Map<String, List<String>> query;
    private final Charset charset;

    private FormData(Map<String, List<String>> body, Map<String, List<String>> query, Charset charset) {
        this.body = body;
        this.query = query;
        this.charset = charset;
    }

    /** No fields at all. */
    public static FormData empty() {
        return new FormData(Map.of(), Map.of(), StandardCharsets.UTF_8);
    }

    /**
     * Parses a request's fields.
     *
     * @param rawQuery    the query string as it arrived (still percent-encoded), or null
     * @param body        the raw body bytes (may be empty)
     * @param contentType the request's Content-Type header, or null
     */
    public static FormData parse(String rawQuery, byte[] body, String contentType) {
        List<byte[][]> bodyPairs = new ArrayList<>();
        List<byte[][]> queryPairs = new ArrayList<>();
        if (body != null && body.length > 0 && isFormBody(contentType)) {
            split(body, bodyPairs);
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            split(rawQuery.getBytes(StandardCharsets.ISO_8859_1), queryPairs);
        }
        Charset cs = charsetFromContentType(contentType);
        if (cs == null) cs = blogCharset(bodyPairs);
        if (cs == null) cs = blogCharset(queryPairs);
        if (cs == null) cs = StandardCharsets.UTF_8;
        return new FormData(decodeAll(bodyPairs, cs), decodeAll(queryPairs, cs), cs);
    }

    private static Map<String, List<String>> decodeAll(List<byte[][]> pairs, Charset cs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (byte[][] p : pairs) {
            map.computeIfAbsent(new String(p[0], cs), k -> new ArrayList<>(1)).add(new String(p[1], cs));
        }
        return map;
    }

    /** The charset the text was decoded with. */
    public Charset charset() {
        return charset;
    }

    /** The value of {@code name} (the body's last, else the query string's last), or null when absent. */
    public String get(String name) {
        List<String> v = body.get(name);
        if (v == null) v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** The value of {@code name} as {@link #get} finds it, or {@code ""} when absent. */
    public String value(String name) {
        String v = get(name);
        return v == null ? "" : v;
    }

    /** The first non-blank value among {@code names}, trimmed, or null. */
    public String firstNonBlank(String... names) {
        for (String n : names) {
            String v = get(n);
            if (v != null && !v.isBlank()) return v.strip();
        }
        return null;
    }

    public boolean has(String name) {
        return body.containsKey(name) || query.containsKey(name);
    }

    /** Every field name, body first, in order of first appearance. */
    public Set<String> names() {
        Set<String> all = new LinkedHashSet<>(body.keySet());
        all.addAll(query.keySet());
        return Collections.unmodifiableSet(all);
    }

    /**
     * The values of an array field sent the PHP way: {@code base[0]=a&base[1]=b}, {@code base[]=a},
     * or plainly {@code base=a}, in order of appearance; empty values are dropped.
     */
    public List<String> array(String base) {
        List<String> out = new ArrayList<>();
        collect(body, base, out);
        if (out.isEmpty()) collect(query, base, out);
        return out;
    }

    private static void collect(Map<String, List<String>> fields, String base, List<String> out) {
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            String n = e.getKey();
            boolean match = n.equals(base)
                    || (n.startsWith(base + "[") && n.endsWith("]"));
            if (!match) continue;
            for (String v : e.getValue()) {
                if (!v.isEmpty()) out.add(v);
            }
        }
    }

    /** True for the spellings of "yes" Akismet clients use: {@code 1} or {@code true}, any case. */
    public boolean flag(String name) {
        String v = get(name);
        if (v == null) return false;
        v = v.strip();
        return v.equals("1") || v.equalsIgnoreCase("true");
    }

    // ---- parsing ---------------------------------------------------------------------------

    private static boolean isFormBody(String contentType) {
        if (contentType == null) return true; // lenient: old clients send no Content-Type
        String ct = contentType.toLowerCase(Locale.ROOT).strip();
        return !ct.startsWith("multipart/") && !ct.startsWith("application/json");
    }

    private static void split(byte[] raw, List<byte[][]> out) {
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '&') {
                if (i > start) {
                    int eq = -1;
                    for (int j = start; j < i; j++) {
                        if (raw[j] == '=') { eq = j; break; }
                    }
                    byte[] name = eq < 0 ? decode(raw, start, i) : decode(raw, start, eq);
                    byte[] value = eq < 0 ? new byte[0] : decode(raw, eq + 1, i);
                    if (name.length > 0) out.add(new byte[][] {name, value});
                }
                start = i + 1;
            }
        }
    }

    private static byte[] decode(byte[] raw, int from, int to) {
        // Decoding never makes a field longer, so one array of the raw length is enough (no
        // per-byte stream writes: this runs for every field of every request).
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                int hi = i + 1 < to ? hex(raw[i + 1]) : -1;
                int lo = i + 2 < to ? hex(raw[i + 2]) : -1;
                if (hi >= 0 && lo >= 0) {
                    out[n++] = (byte) ((hi << 4) | lo);
                    i += 2;
                } else {
                    out[n++] = b;
                }
            } else {
                out[n++] = b;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }

    /** The charset named by a Content-Type's {@code charset} parameter, if Java knows it. */
    public static Charset charsetFromContentType(String contentType) {
        if (contentType == null) return null;
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return charsetNamed(p.substring(8));
            }
        }
        return null;
    }

    private static Charset blogCharset(List<byte[][]> pairs) {
        for (byte[][] p : pairs) {
            if (new String(p[0], StandardCharsets.ISO_8859_1).equals("blog_charset")) {
                Charset cs = charsetNamed(new String(p[1], StandardCharsets.ISO_8859_1));
                if (cs != null) return cs;
            }
        }
        return null;
    }

    /** A charset by name ({@code "UTF-8"}, {@code 'iso-8859-1'}…), or null when unknown or malformed. */
    public static Charset charsetNamed(String name) {
        if (name == null) return null;
        String n = name.strip();
        if (n.length() >= 2 && (n.startsWith("\"") && n.endsWith("\"") || n.startsWith("'") && n.endsWith("'"))) {
            n = n.substring(1, n.length() - 1).strip();
        }
        if (n.isEmpty() || n.length() > 64) return null;
        try {
            return Charset.forName(n);
        } catch (RuntimeException e) { // IllegalCharsetNameException, UnsupportedCharsetException
            return null;
        }
    }
}
