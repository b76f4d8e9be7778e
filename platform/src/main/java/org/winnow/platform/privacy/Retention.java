package org.winnow.platform.privacy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.SiteSettings;
import org.winnow.platform.data.Sites;
import org.winnow.platform.data.Status;

/**
 * Enforces each site's retention settings: truncates IP addresses and drops user agents and
 * referrers after the configured days, and deletes old spam and trash. What the privacy page
 * promises is exactly what this does, because both read the same settings.
 */
public final class Retention {
    private final Sites sites;
    private final Comments comments;
    private final Clock clock;

    public Retention(Sites sites, Comments comments, Clock clock) {
        this.sites = sites;
        this.comments = comments;
        this.clock = clock;
    }

    /** Runs once over every site; returns how many comments were changed or deleted. */
    public int run() {
        long now = clock.millis();
        int touched = 0;
        for (Site site : sites.all()) {
            SiteSettings s = site.settings();
            long cutoff = now - s.minimiseAfterDays() * 86_400_000L;
            while (true) {
                var batch = comments.untruncatedBefore(site.id(), cutoff, 500);
                for (Map.Entry<Long, String> e : batch) comments.minimise(e.getKey(), truncate(e.getValue()));
                touched += batch.size();
                if (batch.size() < 500) break;
            }
            touched += comments.purge(site.id(), Status.SPAM, now - s.deleteSpamAfterDays() * 86_400_000L);
            touched += comments.purge(site.id(), Status.TRASH, now - s.deleteTrashAfterDays() * 86_400_000L);
        }
        return touched;
    }

    /** 203.0.113.42 → 203.0.113.0; IPv6 keeps its first 48 bits; anything else becomes empty. */
    public static String truncate(String ip) {
        if (ip == null || ip.isBlank() || !ip.matches("[0-9a-fA-F:.]+")) return "";
        try {
            InetAddress a = InetAddress.getByName(ip); // a literal: no lookup happens
            byte[] b = a.getAddress();
            if (a instanceof Inet4Address) return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0";
            if (a instanceof Inet6Address) {
                return String.format("%x:%x:%x::", ((b[0] & 0xff) << 8) | (b[1] & 0xff),
                        ((b[2] & 0xff) << 8) | (b[3] & 0xff), ((b[4] & 0xff) << 8) | (b[5] & 0xff));
            }
        } catch (UnknownHostException e) {
            return "";
        }
        return "";
    }
}
