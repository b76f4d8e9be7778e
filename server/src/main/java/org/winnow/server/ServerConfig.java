package org.winnow.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WinnowServer} listens and what it accepts. Immutable; start from {@link #defaults()}
 * and change what you need with the {@code with…} methods.
 *
 * @param host            interface to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port            TCP port; 0 picks a free one (see {@link WinnowServer#port()})
 * @param maxRequestBytes largest request body accepted; larger ones get 413
 * @param maxContentChars the comment text is cut to this many characters
 * @param maxFieldChars   every other comment field is cut to this many characters
 * @param pollInterval    how often to look for corrections (and, on PostgreSQL, checks) other nodes recorded
 * @param shareTraffic    on PostgreSQL, replay the checks other nodes record into this node's recent-traffic
 *                        signals (on by default; off saves each node that work for every other node's check,
 *                        and each node's signals then count only its own traffic)
 */
public record ServerConfig(String host, int port, long maxRequestBytes, int maxContentChars, int maxFieldChars,
                           Duration pollInterval, boolean shareTraffic) {

    /** Upper bounds for the field limits, so a stored comment always fits the store's columns. */
    public static final int MAX_CONTENT_CHARS = 256 * 1024;
    public static final int MAX_FIELD_CHARS = 16 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535");
        if (maxRequestBytes < 1024) throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
        if (maxContentChars < 1 || maxContentChars > MAX_CONTENT_CHARS || maxFieldChars < 1 || maxFieldChars > MAX_FIELD_CHARS) {
            throw new IllegalArgumentException("field limits must be 1.." + MAX_CONTENT_CHARS + " (content) and 1.."
                    + MAX_FIELD_CHARS + " (other fields)");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) throw new IllegalArgumentException("pollInterval must be positive");
    }

    /**
     * Port 8080 on every interface, 1 MiB bodies, 64 KiB comments, 2 KiB other fields, poll every 500 ms,
     * recent traffic shared between nodes.
     */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 8080, 1024 * 1024, 64 * 1024, 2 * 1024,
                Duration.ofMillis(500), true);
    }

    public ServerConfig withHost(String v) {
        return new ServerConfig(v, port, maxRequestBytes, maxContentChars, maxFieldChars, pollInterval, shareTraffic);
    }

    public ServerConfig withPort(int v) {
        return new ServerConfig(host, v, maxRequestBytes, maxContentChars, maxFieldChars, pollInterval, shareTraffic);
    }

    public ServerConfig withMaxRequestBytes(long v) {
        return new ServerConfig(host, port, v, maxContentChars, maxFieldChars, pollInterval, shareTraffic);
    }

    public ServerConfig withFieldLimits(int contentChars, int otherChars) {
        return new ServerConfig(host, port, maxRequestBytes, contentChars, otherChars, pollInterval, shareTraffic);
    }

    public ServerConfig withPollInterval(Duration v) {
        return new ServerConfig(host, port, maxRequestBytes, maxContentChars, maxFieldChars, v, shareTraffic);
    }

    public ServerConfig withShareTraffic(boolean v) {
        return new ServerConfig(host, port, maxRequestBytes, maxContentChars, maxFieldChars, pollInterval, v);
    }
}
