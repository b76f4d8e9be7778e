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
import java.util.function.ToLongFunction;

/**
 * Signals from a site's recent, unlabelled traffic, which no single comment shows: bursts from one
 * network range (IPv4 /24, IPv6 /64 or /48), bursts of links to one registered domain, waves of
 * near-copies of one text, text in a script the site's ham is not written in, and text in the site's
 * script but in a language unlike its ham (mostly words its ham never uses).
 *
 * <p>Pure Java, in memory, no I/O. Thread-safe: each site has its own lock, held for a few
 * microseconds. Bounded: {@link TrafficSettings#siteCapacity()} comments per site, at most
 * {@link TrafficSettings#maxSites()} sites (the least recently active site is dropped beyond that),
 * at most {@link #MAX_PROFILES} script profiles and {@link #MAX_LANGUAGE_PROFILES} language profiles
 * (12 KB each at most). Time comes from the clock given, so tests and replays are deterministic.
 *
 * <p>What one node sees: the comments it judged itself ({@link #observe}) and those it is told of
 * ({@link #replay}): a server replays the comments other nodes judged, and those judged before it
 * restarted, so a burst spread over several nodes counts whole on each.
 */
public final class RecentTraffic {
    /** Script profiles kept (a few dozen bytes each); beyond this the least recently used goes. */
    static final int MAX_PROFILES = 16_384;
    /** Language profiles kept (up to 12 KB each, 6 MB in all); beyond this the least recently used goes. */
    static final int MAX_LANGUAGE_PROFILES = 512;
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
    private final Map<String, LanguageProfile> languages = new ConcurrentHashMap<>();
    private final Map<String, Integer> declaredLanguages = new ConcurrentHashMap<>();

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
     *                 below it teaches the site's script and language profiles
     */
    public Assessment observe(String site, Comment comment, Features features, double margin, boolean record) {
        if (!settings.anyOn()) return Assessment.NONE;
        return assess(site == null ? "" : site, comment, features, margin, record, clock.millis(), -1);
    }

    /**
     * Adds a comment judged before, elsewhere (by another node sharing the database, or by this node
     * before it restarted), to the site's recent traffic at the time it was judged, as {@link #observe}
     * with {@code record} would have: it counts towards bursts and near-copies, and teaches the
     * profiles if it was judged clear ham. Comments older than both windows join only the profiles.
     *
     * @param judgedAt when it was judged, in epoch milliseconds
     * @param margin   its log-odds minus the threshold, as it was judged
     */
    public void replay(String site, Comment comment, Features features, double margin, long judgedAt) {
        if (!settings.anyOn()) return;
        assess(site == null ? "" : site, comment, features, margin, true, clock.millis(), judgedAt);
    }

    /** {@link #observe}; with {@code replayedAt} &ge; 0, {@link #replay} of a comment judged then. */
    private Assessment assess(String key, Comment comment, Features features, double margin, boolean record,
                              long now, long replayedAt) {
        List<Signal> signals = null;
        boolean replayed = replayedAt >= 0;
        long windows = Math.max(settings.burstWindow().toMillis(), settings.duplicateWindow().toMillis());
        double total = 0;

        if ((settings.ipBursts() || settings.linkBursts() || settings.duplicates())
                && !(replayed && replayedAt < now - windows)) {
            IpRange range = settings.ipBursts() ? IpRange.of(comment.userIp()) : null;
            String[] targets = new String[SiteTraffic.MAX_DOMAINS];
            // most comments link nothing: skip the scan of their features
            int targetCount = settings.linkBursts() && (features.linkCount() > 0 || !comment.authorUrl().isBlank())
                    ? linkTargets(features, targets) : 0;
            int[] sig = settings.duplicates()
                    ? SiteTraffic.signature(features, settings.minShingles()) : null;
            SiteTraffic.Counts c = replayed ? SiteTraffic.Counts.NONE
                    : site(key, now).observe(now, range, targets, targetCount, sig, record);
            if (replayed) site(key, now).replay(replayedAt, range, targets, targetCount, sig);
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

        boolean foreignScript = false;
        if (settings.script()) {
            Character.UnicodeScript script = Scripts.dominant(comment.content());
            if (script != null) {
                Signal s = scriptSignal(key, script, comment.siteLanguages());
                if (s != null) {
                    signals = add(signals, s);
                    total += s.weight();
                    foreignScript = true;
                }
                if (record && margin <= -settings.profileHamMargin()) profile(key).add(script);
            }
        }
        // a foreign script is a foreign language too: one signal for it is enough
        if (settings.language() && !foreignScript) {
            LanguageProfile p = languages.get(key);
            Signal s = languageSignal(p, features, comment.siteLanguages());
            if (s != null) {
                signals = add(signals, s);
                total += s.weight();
            } else if (record && margin <= -settings.profileHamMargin() && hasLetterWords(features, settings.languageMinWords())) {
                // only comments judged in the site's language teach it, so clear-looking spam in another one
                // cannot: short comments, never judged for their language, do not teach either
                languageProfile(key, p, now).learn(features);
            }
        }
        return signals == null ? Assessment.NONE : new Assessment(total, List.copyOf(signals));
    }

    /**
     * A moderator marked this comment ham: it teaches the site's script and language profiles (not the
     * bursts), whatever its language, so a site whose readers change language follows them.
     *
     * @param features the comment's features (its words are used)
     */
    public void learnedHam(String site, Comment comment, Features features) {
        String key = site == null ? "" : site;
        if (settings.script()) {
            Character.UnicodeScript script = Scripts.dominant(comment.content());
            if (script != null) profile(key).add(script);
        }
        if (settings.language()) languageProfile(key, languages.get(key), clock.millis()).learn(features);
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

    /**
     * The language signal: when the site's profile is trusted, the share of the comment's words it has
     * never seen; until then, the languages the site declares against the language the comment's
     * common words belong to.
     */
    private Signal languageSignal(LanguageProfile p, Features features, String siteLanguages) {
        if (p != null) {
            int[] r = p.read(features); // {words, unknown, learned}
            if (r[0] < settings.languageMinWords()) return null;
            if (r[2] >= settings.languageMinProfile()) {
                if (r[1] < settings.languageMinUnknown() * r[0]) return null;
                int guess = StopWords.guess(features);
                String looks = guess < 0 ? "" : "; looks " + StopWords.NAMES[guess];
                // Math.round gives what "%.0f" printed, without a Formatter per signal (tested)
                String detail = new StringBuilder(100).append("language unlike this site's comments (").append(r[1])
                        .append(" of ").append(r[0]).append(" words, ").append(Math.round(100.0 * r[1] / r[0]))
                        .append("%, never seen in its ham").append(looks).append(')').toString();
                return new Signal("language_mismatch", detail, settings.languageWeight());
            }
        }
        if (siteLanguages.isBlank()) return null;
        Integer declared = declaredLanguages.get(siteLanguages);
        if (declared == null) {
            if (declaredLanguages.size() >= MAX_LANGUAGE_CACHE) declaredLanguages.clear();
            declared = StopWords.declared(siteLanguages);
            declaredLanguages.put(siteLanguages, declared);
        }
        if (declared == 0 || !hasLetterWords(features, settings.languageMinWords())) return null;
        int guess = StopWords.guess(features);
        if (guess < 0 || (declared & 1 << guess) != 0) return null;
        return new Signal("language_mismatch", StopWords.NAMES[guess] + " text; the site declares " + siteLanguages.strip()
                + " and has too little ham yet to know its own words", settings.languageWeight());
    }

    /** Whether the comment has at least {@code min} letter words (stops counting there). */
    private static boolean hasLetterWords(Features features, int min) {
        int words = 0;
        for (int i = 0, n = features.wordCount(); i < n && words < min; i++) {
            if (LanguageProfile.isLetterWord(features.word(i))) words++;
        }
        return words >= min;
    }

    private LanguageProfile languageProfile(String key, LanguageProfile known, long now) {
        LanguageProfile p = known;
        if (p == null) {
            // a scan, only when a new site's profile is made
            if (languages.size() >= MAX_LANGUAGE_PROFILES) dropLeastRecent(languages, MAX_LANGUAGE_PROFILES - 1, q -> q.lastUsed);
            p = languages.computeIfAbsent(key, k -> new LanguageProfile());
        }
        p.lastUsed = now;
        return p;
    }

    /** Language profiles held (tests of the bound). */
    int languageProfiles() {
        return languages.size();
    }

    /** The language profile of {@code site}, or null (tests). */
    LanguageProfile languageProfile(String site) {
        return languages.get(site);
    }

    private SiteTraffic site(String key, long now) {
        SiteTraffic t = sites.get(key);
        if (t != null) return t;
        if (sites.size() >= settings.maxSites()) dropLeastRecent(sites, settings.maxSites() - 1, s -> s.lastActive);
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

    /** Drops the least recently used entries until at most {@code keep} remain (a scan, only when a new site arrives). */
    private static <V> void dropLeastRecent(Map<String, V> map, int keep, ToLongFunction<V> lastUsed) {
        while (map.size() > keep) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, V> e : map.entrySet()) {
                long t = lastUsed.applyAsLong(e.getValue());
                if (t < oldestTime) {
                    oldestTime = t;
                    oldest = e.getKey();
                }
            }
            if (oldest == null) return;
            map.remove(oldest);
        }
    }

    /** Registered domains the comment links to, from its link and author-URL features; returns how many. */
    private static int linkTargets(Features f, String[] out) {
        int n = 0;
        for (int named = 0; named < f.namedCount() && n < out.length; named++) { // text features carry no domain
            int i = f.namedFeature(named);
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
