package org.winnow.engine.authors;

import org.winnow.engine.Comment;
import org.winnow.engine.Signal;
import org.winnow.engine.features.Murmur;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What moderators have said about each author on each site: how often a comment with this e-mail
 * address, this website or this name was labelled spam or ham. Spammers reuse the website they
 * advertise and often the address; readers keep theirs. So the history lets one correction count for
 * the author's next comment whatever its text, which the word model cannot do (its site adjustment
 * spreads a correction over every feature, and the author's are a handful of them).
 *
 * <p>Only labels teach it ({@link #learn}), never verdicts, so a wrong verdict cannot reinforce itself.
 * It keeps 64-bit hashes of (site, field, value), not addresses. Bounded: past {@link #capacity} the
 * identity labelled least recently is forgotten. Built from the same labels in the same order, it is
 * the same on every node. Not thread-safe: the engine locks.
 */
public final class AuthorHistory {
    /** Identities kept by default (about 100 bytes each). */
    public static final int DEFAULT_CAPACITY = 200_000;
    /** Smoothing of the counts: one label gives ln(1.5 / 0.5) = 1.1 log-odds. */
    static final double PRIOR = 0.5;
    /** Largest push either way, in log-odds, however many labels an identity has. */
    static final double MAX_LOG_ODDS = 2.5;
    /** A name counts for half: different people share names, and spammers change theirs. */
    static final double NAME_SHARE = 0.5;

    /**
     * Hosts where one site holds many people's pages: the first path segment names the author
     * (youtube.com/@someone, github.com/someone), so a label on one is not a label on all of them.
     */
    private static final Set<String> SHARED_HOSTS = Set.of("youtube.com", "github.com", "facebook.com",
            "twitter.com", "x.com", "instagram.com", "linkedin.com", "medium.com", "tiktok.com", "reddit.com",
            "gitlab.com", "mastodon.social", "t.me", "pinterest.com", "tumblr.com", "vk.com");

    private enum Field {
        EMAIL("e-mail address", 0x3e1a),
        WEBSITE("website", 0x5b07),
        NAME("name", 0x6c39);

        final String label;
        final int seed;

        Field(String label, int seed) {
            this.label = label;
            this.seed = seed;
        }
    }

    private final boolean on;
    private final int capacity;
    /** Identity key to counts (spam in the high 32 bits, ham in the low), least recently labelled first. */
    private final LinkedHashMap<Long, Long> counts;

    private AuthorHistory(boolean on, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        this.on = on;
        this.capacity = capacity;
        this.counts = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > AuthorHistory.this.capacity;
            }
        };
    }

    /** A history that keeps up to {@link #DEFAULT_CAPACITY} identities: what a server uses. */
    public static AuthorHistory withDefaults() {
        return new AuthorHistory(true, DEFAULT_CAPACITY);
    }

    /** A history that keeps up to {@code capacity} identities. */
    public static AuthorHistory withCapacity(int capacity) {
        return new AuthorHistory(true, capacity);
    }

    /** A history that learns and says nothing (for measuring the engine without it). */
    public static AuthorHistory off() {
        return new AuthorHistory(false, 1);
    }

    public boolean isOn() {
        return on;
    }

    /** How many identities are kept now. */
    public int size() {
        return counts.size();
    }

    /** The most identities kept. */
    public int capacity() {
        return capacity;
    }

    /** Counts a moderator's label on every author field {@code comment} has. */
    public void learn(int siteSalt, Comment comment, boolean spam) {
        if (!on) return;
        for (Field field : Field.values()) {
            String value = value(field, comment);
            if (value.isEmpty()) continue;
            long key = key(siteSalt, field, value);
            Long old = counts.remove(key); // re-inserted below: the identity becomes the most recently labelled
            long c = old == null ? 0 : old;
            long spamCount = c >>> 32, hamCount = c & 0xffff_ffffL;
            if (spam) spamCount = Math.min(spamCount + 1, Integer.MAX_VALUE);
            else hamCount = Math.min(hamCount + 1, Integer.MAX_VALUE);
            counts.put(key, spamCount << 32 | hamCount);
        }
    }

    /**
     * The strongest evidence among the comment's author fields (one author is counted once, not once
     * per field), or null when none of them has been labelled on this site.
     */
    public Signal assess(int siteSalt, Comment comment) {
        if (!on || counts.isEmpty()) return null;
        Signal best = null;
        for (Field field : Field.values()) {
            String value = value(field, comment);
            if (value.isEmpty()) continue;
            Long c = counts.get(key(siteSalt, field, value));
            if (c == null) continue;
            long spamCount = c >>> 32, hamCount = c & 0xffff_ffffL;
            double w = Math.log((spamCount + PRIOR) / (hamCount + PRIOR));
            if (field == Field.NAME) w *= NAME_SHARE;
            w = Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, w));
            if (w == 0 || (best != null && Math.abs(best.weight()) >= Math.abs(w))) continue;
            best = new Signal("author_history", "this " + field.label + " was labelled spam " + times(spamCount)
                    + " and ham " + times(hamCount) + " on this site", w);
        }
        return best;
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    private static long key(int siteSalt, Field field, String value) {
        int low = Murmur.hash(siteSalt ^ field.seed, value);
        int high = Murmur.hash(Integer.rotateLeft(siteSalt, 16) ^ field.seed * 31, value);
        return (long) high << 32 | (low & 0xffff_ffffL);
    }

    private static String value(Field field, Comment c) {
        return switch (field) {
            case EMAIL -> email(c.authorEmail());
            case WEBSITE -> website(c.authorUrl());
            case NAME -> name(c.author());
        };
    }

    /** The address in lower case, without a {@code +tag} (the same mailbox). */
    static String email(String raw) {
        String e = raw.trim().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        if (at <= 0 || at == e.length() - 1) return "";
        int plus = e.indexOf('+');
        return plus > 0 && plus < at ? e.substring(0, plus) + e.substring(at) : e;
    }

    /**
     * The website as the host without {@code www.}, plus the first path segment on hosts shared by
     * many people; empty when there is no host.
     */
    static String website(String raw) {
        String u = raw.trim().toLowerCase(Locale.ROOT);
        int scheme = u.indexOf("://");
        if (scheme >= 0) u = u.substring(scheme + 3);
        int end = 0;
        while (end < u.length() && "/?#".indexOf(u.charAt(end)) < 0) end++;
        String host = u.substring(0, end);
        int userInfo = host.lastIndexOf('@');
        if (userInfo >= 0) host = host.substring(userInfo + 1);
        int port = host.indexOf(':');
        if (port >= 0) host = host.substring(0, port);
        while (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        if (host.startsWith("www.")) host = host.substring(4);
        if (host.isEmpty() || host.indexOf('.') < 0) return "";
        if (!SHARED_HOSTS.contains(host) && !(host.startsWith("m.") && SHARED_HOSTS.contains(host.substring(2)))) return host;
        int from = end;
        while (from < u.length() && u.charAt(from) == '/') from++;
        int to = from;
        while (to < u.length() && "/?#".indexOf(u.charAt(to)) < 0) to++;
        return to > from ? host + "/" + u.substring(from, to) : "";
    }

    /** The name folded to lower case with its spaces collapsed. */
    static String name(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c)) {
                space = !b.isEmpty();
                continue;
            }
            if (space) b.append(' ');
            space = false;
            b.append(c);
        }
        return b.toString();
    }
}
