package org.winnow.engine.traffic;

import org.winnow.engine.Comment;
import org.winnow.engine.Signal;
import org.winnow.engine.features.FeatureKind;
import org.winnow.engine.features.Features;
import org.winnow.engine.text.LinkExtractor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signals from a site's recent, unlabelled traffic, which no single comment shows: bursts from one
 * network range (IPv4 /24, IPv6 /64 or /48), bursts of links to one registered domain, waves of
 * near-copies of one text, and text in a script the site's ham is not written in.
 *
 * <p>Pure Java, in memory, no I/O. Thread-safe: each site has its own lock, held for a few
 * microseconds. Bounded: {@link TrafficSettings#siteCapacity()} comments per site, at most
 * {@link TrafficSettings#maxSites()} sites (the least recently active site is dropped beyond that),
 * and at most {@link #MAX_PROFILES} script profiles. Time comes from the clock given, so tests and
 * replays are deterministic.
 *
 * <p>What one node sees: in a deployment of several nodes each node tracks only the comments it
 * judged itself, so a burst spread over n nodes shows about 1/n of its size on each.
 */
public final class RecentTraffic {
    /** Script profiles kept (a few dozen bytes each); beyond this the least recently used goes. */
    static final int MAX_PROFILES = 16_384;
    private static final int MAX_LANGUAGE_CACHE = 256;
    private static final LinkExtractor LINKS = new LinkExtractor();

    /** What the recent traffic adds to one verdict: log-odds and the signals that explain them. */
    public record Assessment(double logOdds, List<Signal> signals) {
        public static final Assessment NONE = new Assessment(0, List.of());
    }

    private final TrafficSettings settings;
    private final Clock clock;
    /** The windows as the signals' details say them ("10 minutes"), built once. */
    private final String burstWindowText;
    private final String duplicateWindowText;
    private final Map<String, SiteTraffic> sites = new ConcurrentHashMap<>();
    private final Map<String, ScriptProfile> profiles = new ConcurrentHashMap<>();
    private final Map<String, Set<Character.UnicodeScript>> declaredScripts = new ConcurrentHashMap<>();

    public RecentTraffic(TrafficSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.burstWindowText = minutes(settings.burstWindow().toMillis());
        this.duplicateWindowText = minutes(settings.duplicateWindow().toMillis());
    }

    /** The default settings on the system clock. */
    public static RecentTraffic withDefaults() {
        return new RecentTraffic(TrafficSettings.defaults(), Clock.systemUTC());
    }

    /** Every signal off, no state: the engine judges by the model alone. */
    public static RecentTraffic off() {
        return OFF;
    }

    private static final RecentTraffic OFF = new RecentTraffic(TrafficSettings.off(), Clock.systemUTC());

    public TrafficSettings settings() {
        return settings;
    }

    /**
     * Assesses one comment against the site's recent traffic and, when {@code record}, adds it to that
     * traffic (test traffic and re-checks should not be recorded).
     *
     * @param features the comment's features (its shingles and link targets are used)
     * @param margin   the model's log-odds minus the threshold, before these signals: a comment far
     *                 below it teaches the site's script profile
     */
    public Assessment observe(String site, Comment comment, Features features, double margin, boolean record) {
        if (!settings.anyOn()) return Assessment.NONE;
        String key = site == null ? "" : site;
        long now = clock.millis();
        List<Signal> signals = null;
        double total = 0;

        if (settings.ipBursts() || settings.linkBursts() || settings.duplicates()) {
            IpRange range = settings.ipBursts() ? IpRange.of(comment.userIp()) : null;
            String[] targets = new String[SiteTraffic.MAX_DOMAINS];
            // most comments link nothing: skip the scan of their features
            int targetCount = settings.linkBursts() && (features.linkCount() > 0 || !comment.authorUrl().isBlank())
                    ? linkTargets(features, targets) : 0;
            int[] sig = settings.duplicates()
                    ? SiteTraffic.signature(features, settings.minShingles()) : null;
            SiteTraffic.Counts c = site(key, now).observe(now, range, targets, targetCount, sig, record);
            if (range != null) {
                boolean narrowFires = isBurst(c.narrow(), settings.ipBurstMin(), c.windowTotal());
                boolean wideFires = range.v6() && isBurst(c.wide(), settings.ipBurstMin(), c.windowTotal());
                if (narrowFires || wideFires) {
                    int n = narrowFires ? c.narrow() : c.wide();
                    String where = narrowFires ? range.describeNarrow() : range.describeWide();
                    double w = settings.graded(settings.burstWeight(), n, settings.ipBurstMin());
                    signals = add(signals, new Signal("ip_burst", n + " comments from " + where + " in the last "
                            + burstWindowText + " (" + c.windowTotal() + " in all)", w));
                    total += w;
                }
            }
            if (c.topDomain() != null && isBurst(c.domainCount(), settings.linkBurstMin(), c.windowTotal())
                    && !c.topDomain().equals(ownDomain(comment))) {
                double w = settings.graded(settings.burstWeight(), c.domainCount(), settings.linkBurstMin());
                signals = add(signals, new Signal("link_burst", c.domainCount() + " comments linking " + c.topDomain()
                        + " in the last " + burstWindowText + " (" + c.windowTotal() + " in all)", w));
                total += w;
            }
            if (c.copies() >= settings.duplicateMin()) {
                double w = settings.graded(settings.duplicateWeight(), c.copies(), settings.duplicateMin());
                String count = c.copies() >= SiteTraffic.MAX_COPIES ? c.copies() + " or more" : Integer.toString(c.copies());
                signals = add(signals, new Signal("recent_copies", count + " near-copies of this text in the last "
                        + duplicateWindowText + ", not labelled yet", w));
                total += w;
            }
        }

        if (settings.script()) {
            Character.UnicodeScript script = Scripts.dominant(comment.content());
            if (script != null) {
                Signal s = scriptSignal(key, script, comment.siteLanguages());
                if (s != null) {
                    signals = add(signals, s);
                    total += s.weight();
                }
                if (record && margin <= -settings.profileHamMargin()) profile(key).add(script);
            }
        }
        return signals == null ? Assessment.NONE : new Assessment(total, List.copyOf(signals));
    }

    /** A moderator marked this comment ham: it teaches the site's script profile (not the bursts). */
    public void learnedHam(String site, Comment comment) {
        if (!settings.script()) return;
        Character.UnicodeScript script = Scripts.dominant(comment.content());
        if (script != null) profile(site == null ? "" : site).add(script);
    }

    /** Sites tracked now (for tests of the bound). */
    public int trackedSites() {
        return sites.size();
    }

    /** Comments remembered for {@code site} (for tests of the bound). */
    public int remembered(String site) {
        SiteTraffic t = sites.get(site);
        return t == null ? 0 : t.size();
    }

    /** {comments in the burst window, LSH keys, counter keys, allocated slots} for {@code site} (tests). */
    int[] footprint(String site) {
        SiteTraffic t = sites.get(site);
        return t == null ? new int[4] : t.footprint();
    }

    private boolean isBurst(int count, int min, int windowTotal) {
        return count >= min && count >= settings.burstMinShare() * windowTotal;
    }

    private Signal scriptSignal(String site, Character.UnicodeScript script, String siteLanguages) {
        ScriptProfile p = profiles.get(site);
        int[] r = p == null ? null : p.read(script);
        if (r != null && r[1] >= settings.scriptMinProfile()) {
            if (r[0] > settings.scriptMaxShare() * r[1]) return null;
            String usual = r[2] < 0 ? "" : ", mostly " + Scripts.name(ScriptProfile.script(r[2]));
            return new Signal("script_mismatch", Scripts.name(script) + " text; " + r[0] + " of the site's last " + r[1]
                    + " ham comments were" + usual, settings.scriptWeight());
        }
        // No trusted profile yet: fall back on the languages the site declares, if any.
        if (siteLanguages.isBlank()) return null;
        Set<Character.UnicodeScript> expected = declaredScripts.get(siteLanguages);
        if (expected == null) {
            if (declaredScripts.size() >= MAX_LANGUAGE_CACHE) declaredScripts.clear();
            expected = Scripts.ofLanguages(siteLanguages);
            declaredScripts.put(siteLanguages, expected);
        }
        if (expected.isEmpty() || expected.contains(script)) return null;
        return new Signal("script_mismatch", Scripts.name(script) + " text; the site declares "
                + siteLanguages.strip(), settings.scriptWeight());
    }

    private SiteTraffic site(String key, long now) {
        SiteTraffic t = sites.get(key);
        if (t != null) return t;
        if (sites.size() >= settings.maxSites()) dropLeastRecent(sites, settings.maxSites() - 1);
        return sites.computeIfAbsent(key, k -> {
            SiteTraffic n = new SiteTraffic(settings);
            n.lastActive = now;
            return n;
        });
    }

    private ScriptProfile profile(String key) {
        ScriptProfile p = profiles.get(key);
        if (p != null) return p;
        if (profiles.size() >= MAX_PROFILES) profiles.clear(); // rare: rebuilt from traffic within minutes
        return profiles.computeIfAbsent(key, k -> new ScriptProfile());
    }

    /** Drops the least recently active sites until at most {@code keep} remain (a scan, only when a new site arrives). */
    private static void dropLeastRecent(Map<String, SiteTraffic> sites, int keep) {
        while (sites.size() > keep) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, SiteTraffic> e : sites.entrySet()) {
                if (e.getValue().lastActive < oldestTime) {
                    oldestTime = e.getValue().lastActive;
                    oldest = e.getKey();
                }
            }
            if (oldest == null) return;
            sites.remove(oldest);
        }
    }

    /** Registered domains the comment links to, from its link and author-URL features; returns how many. */
    private static int linkTargets(Features f, String[] out) {
        int n = 0;
        for (int i = 0; i < f.size() && n < out.length; i++) {
            FeatureKind k = f.kind(i);
            if (k != FeatureKind.LINK && k != FeatureKind.AUTHOR) continue;
            String domain = k == FeatureKind.LINK ? f.nameAfter(i, "domain:") : f.nameAfter(i, "url_domain:");
            if (domain != null) out[n++] = domain;
        }
        return n;
    }

    /** The registered domain of the page commented on: links to the site itself are no campaign. */
    private static String ownDomain(Comment comment) {
        List<String> d = LINKS.extract(comment.permalink().toLowerCase(Locale.ROOT)).domains();
        return d.isEmpty() ? null : d.getFirst();
    }

    private static List<Signal> add(List<Signal> list, Signal s) {
        List<Signal> l = list == null ? new ArrayList<>(2) : list;
        l.add(s);
        return l;
    }

    private static String minutes(long millis) {
        long m = millis / 60_000;
        return m % 60 == 0 && m >= 60 ? (m / 60) + (m == 60 ? " hour" : " hours") : m + (m == 1 ? " minute" : " minutes");
    }
}
