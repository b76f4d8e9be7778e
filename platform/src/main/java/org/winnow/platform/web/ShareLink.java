package org.winnow.platform.web;

import java.util.List;

/** A plain share link: no script, cookie or request goes to the service until the reader clicks. */
public record ShareLink(String name, String href, boolean copy) {

    static List<ShareLink> forPage(String url, String title) {
        String u = Http.enc(url), t = Http.enc(title);
        return List.of(
                new ShareLink("E-mail", "mailto:?subject=" + t.replace("+", "%20") + "&body=" + u, false),
                new ShareLink("X", "https://x.com/intent/post?url=" + u + "&text=" + t, false),
                new ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u, false),
                new ShareLink("Reddit", "https://www.reddit.com/submit?url=" + u + "&title=" + t, false),
                new ShareLink("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + u, false),
                new ShareLink("Copy link", url, true));
    }
}
