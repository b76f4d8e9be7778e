package org.winnow.platform.web;

import java.time.Clock;
import org.winnow.platform.data.Admins;
import org.winnow.platform.data.Articles;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Moderations;
import org.winnow.platform.data.Sites;
import org.winnow.platform.data.Threads;
import org.winnow.platform.intake.CommentIntake;
import org.winnow.platform.moderation.Moderator;
import org.winnow.platform.security.Signer;
import org.winnow.store.ApiKeys;

/**
 * Everything the HTTP layer uses, handed over by {@code Platform}.
 *
 * @param setup     the one-time first-admin setup link holder
 * @param siteKeys  creates the store site (and API key) behind a new platform site
 * @param commentLimits how fast one address may post (the privacy page tells readers)
 */
public record Web(Sites sites, Articles articles, Threads threads, Comments comments, Admins admins,
                  Moderations moderations, CommentIntake intake, Moderator moderator, ApiKeys keys,
                  Signer signer, Views views, Clock clock, String publicUrl, boolean trustProxy, Setup setup,
                  SiteFactory siteKeys, org.winnow.platform.CommentLimits commentLimits) {

    /** The one-time links of the first-admin setup page, kept in the database for every node. */
    public interface Setup {
        /** True while this link's token can create the first admin. */
        boolean valid(String token);

        /** Creates the first admin with this token (validates the password) and ends setup; returns an error for people, or null. */
        String complete(String token, String username, String password);
    }

    /** Creates a platform site together with its store site and a new API key (shown once). */
    public interface SiteFactory {
        NewSite create(String name, String baseUrl, java.util.List<String> origins);
    }

    /** A site just created, with the plaintext of its API key: the only time it exists. */
    public record NewSite(org.winnow.platform.data.Site site, String apiKey) {}
}
