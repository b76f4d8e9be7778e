package org.winnow.platform.data;

import java.util.List;

/** A site whose comments Winnow hosts: the demo blog served here, or another site that embeds the widget. */
public record Site(long id, String slug, String name, String baseUrl, long apiSiteId, List<String> allowedOrigins,
                   SiteSettings settings, long createdAt) {
    public Site {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** True when {@code origin} (scheme://host[:port]) may embed this site's threads. */
    public boolean allows(String origin) {
        return origin != null && allowedOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }
}
