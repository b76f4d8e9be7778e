package org.winnow.training.data;

import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal parser for one flat JSON object per line: string, number, boolean and null values. */
public final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    /** Parses {@code {"key": value, ...}}; nested objects and arrays are kept as raw JSON text. */
    public static Map<String, Object> parseObject(String line) {
        Json p = new Json(line);
        p.skipSpace();
        p.expect('{');
        Map<String, Object> out = new LinkedHashMap<>();
        p.skipSpace();
        if (p.peek() == '}') return out;
        while (true) {
            p.skipSpace();
            String key = p.string();
            p.skipSpace();
            p.expect(':');
            p.skipSpace();
            out.put(key, p.value());
            p.skipSpace();
            char c = p.next();
            if (c == '}') return out;
            if (c != ',') throw new IllegalArgumentException("expected , or } at " + p.i);
        }
    }

    private Object value() {
        char c = peek();
        if (c == '"') return string();
        if (c == '{' || c == '[') return raw();
        int start = i;
        while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) i++;
        String tok = s.substring(start, i);
        return switch (tok) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> Double.parseDouble(tok);
        };
    }

    private String raw() {
        int start = i;
        int depth = 0;
        boolean inString = false;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') inString = true;
            else if (c == '{' || c == '[') depth++;
            else if ((c == '}' || c == ']') && --depth == 0) break;
        }
        return s.substring(start, i);
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s, i, i + 4, 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private char peek() {
        if (i >= s.length()) throw new IllegalArgumentException("unexpected end of JSON");
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) throw new IllegalArgumentException("expected '" + c + "' at " + (i - 1));
    }
}
