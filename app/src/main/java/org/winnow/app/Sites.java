package org.winnow.app;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks a site URL typed on the command line. */
final class Sites {
    private Sites() {}

    static String checkUrl(String url) {
        String u = url.strip();
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("site must be a full http:// or https:// URL, e.g. https://blog.example.com (got '" + url + "')");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("site is not a valid URL: '" + url + "'", e);
        }
    }
}
