package org.winnow.platform;

import java.time.Clock;
import java.util.Objects;

/**
 * How the platform runs.
 *
 * @param secret        server secret (at least 16 bytes): signs form tokens, comment links and cookies
 * @param publicUrl     the URL readers reach this server at, e.g. {@code https://comments.example.org}
 *                      (no trailing slash); used for the demo site, feeds, share links and the embed snippet
 * @param trustProxy    when true, {@code X-Forwarded-Proto: https} marks a request as secure (cookies get
 *                      {@code Secure}) and {@code X-Forwarded-For} gives the reader's IP
 * @param clock         time source (tests use a fixed or offset clock)
 * @param commentLimits how fast one client address may post comments to one site ({@link CommentLimits#OFF}: no limit)
 */
public record PlatformConfig(byte[] secret, String publicUrl, boolean trustProxy, Clock clock,
                             CommentLimits commentLimits) {

    public PlatformConfig {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) throw new IllegalArgumentException("the platform secret must be at least 16 bytes");
        secret = secret.clone();
        publicUrl = Objects.requireNonNull(publicUrl, "publicUrl").replaceAll("/+$", "");
        if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://"))
            throw new IllegalArgumentException("publicUrl must start with http:// or https://, got: " + publicUrl);
        clock = clock == null ? Clock.systemUTC() : clock;
        commentLimits = commentLimits == null ? CommentLimits.OFF : commentLimits;
    }

    /** Without comment limits, as before they existed; add them with {@link #withCommentLimits}. */
    public PlatformConfig(byte[] secret, String publicUrl, boolean trustProxy, Clock clock) {
        this(secret, publicUrl, trustProxy, clock, CommentLimits.OFF);
    }

    /** With the default comment limits ({@link CommentLimits#DEFAULTS}). */
    public static PlatformConfig of(byte[] secret, String publicUrl) {
        return new PlatformConfig(secret, publicUrl, false, Clock.systemUTC(), CommentLimits.DEFAULTS);
    }

    public PlatformConfig withCommentLimits(CommentLimits limits) {
        return new PlatformConfig(secret, publicUrl, trustProxy, clock, limits);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }
}
