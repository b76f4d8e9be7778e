package org.winnow.store;

import java.util.Locale;

/**
 * Normalises a blog URL as clients send it, so "HTTPS://Example.com:443/blog/" and
 * "https://example.com/blog" are the same site: lower-case scheme and host, no default port, no
 * user-info or fragment, no trailing slash. The path and query keep their case. Parsed by hand
 * rather than with {@link java.net.URI}, which rejects many URLs real clients send (spaces, non-ASCII).
 */
final class SiteUrls {

    private SiteUrls() {}

    static String normalise(String raw) {
        Validate.nonBlank("blog URL", raw, ApiKeys.MAX_URL_CHARS);
        String s = raw.strip();

        String scheme = "http"; // WordPress always sends a scheme; assume http for bare hosts
        int sep = s.indexOf("://");
        if (sep > 0 && isScheme(s.substring(0, sep))) {
            scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            s = s.substring(sep + 3);
        } else if (s.startsWith("//")) {
            s = s.substring(2);
        }

        int authorityEnd = indexOfAny(s, "/?#");
        String authority = s.substring(0, authorityEnd);
        String rest = s.substring(authorityEnd);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1); // never keep credentials
        }

        String host = authority;
        String port = "";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) { // not inside an IPv6 literal
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("blog URL " + Validate.quote(raw) + " has no host");
        }
        if (port.isEmpty() || scheme.equals("http") && port.equals("80") || scheme.equals("https") && port.equals("443")) {
            port = "";
        } else {
            port = ":" + port;
        }

        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        String queryPart = query >= 0 ? rest.substring(query) : "";
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (queryPart.equals("?")) {
            queryPart = "";
        }

        String normalised = scheme + "://" + host + port + path + queryPart;
        return Validate.text("blog URL", normalised, ApiKeys.MAX_URL_CHARS);
    }

    private static boolean isScheme(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '+' || ch == '-' || ch == '.')) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
