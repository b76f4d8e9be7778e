package org.winnow.engine.text;

/** Decodes the HTML that comment data carries in plain text: entities and line-break tags. */
final class Html {
    private Html() {}

    static String decode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '&') {
                int semi = s.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= 10) {
                    int cp = entity(s, i + 1, semi);
                    if (cp >= 0) {
                        b.appendCodePoint(cp);
                        i = semi;
                        continue;
                    }
                }
            } else if (c == '<' && startsWithIgnoreCase(s, i + 1, "br")) {
                int close = s.indexOf('>', i);
                if (close > 0 && close - i <= 8) {
                    b.append(' ');
                    i = close;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    private static int entity(String s, int from, int to) {
        if (s.charAt(from) == '#') {
            try {
                boolean hex = from + 1 < to && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X');
                int cp = hex ? Integer.parseInt(s, from + 2, to, 16) : Integer.parseInt(s, from + 1, to, 10);
                return Character.isValidCodePoint(cp) ? cp : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return switch (s.substring(from, to)) {
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            case "quot" -> '"';
            case "apos" -> '\'';
            case "nbsp" -> ' ';
            default -> -1;
        };
    }

    private static boolean startsWithIgnoreCase(String s, int at, String prefix) {
        return s.regionMatches(true, at, prefix, 0, prefix.length());
    }
}
