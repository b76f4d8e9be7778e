package org.winnow.engine.traffic;

import java.time.Duration;

/**
 * Parameters of the recent-traffic signals. The weights are set by hand, not fitted: the public data
 * sets have no IP addresses, timestamps or sites, so there is nothing to fit them on. They are sized
 * to tip a comment the words leave uncertain (the model's log-odds scale: threshold near 0, clear ham
 * well below -3), not to overrule clear ham alone. {@code docs/quality-signals.md} measures each one on
 * constructed traffic.
 *
 * @param burstWindow        how far back IP-range and link-target bursts count
 * @param duplicateWindow    how far back near-copies of a comment count
 * @param siteCapacity       comments one site's tracker remembers (oldest forgotten first); bounds each window
 * @param maxSites           sites tracked at once; the least recently active one is dropped beyond it
 * @param ipBurstMin         comments from one range (this one included) within the window from which the signal fires
 * @param linkBurstMin       comments linking one registered domain (this one included) from which it fires
 * @param burstMinShare      and that share of all the site's comments in the window, so a busy site's shared
 *                           networks (mobile carriers' NAT, a campus) do not look like bursts
 * @param burstWeight        log-odds at the minimum count; each doubling of the count adds {@code burstStep}
 * @param burstStep          log-odds added per doubling beyond the minimum
 * @param burstMaxWeight     cap on a burst signal
 * @param duplicateMin       near-copies (this one included) within the window from which the signal fires
 * @param duplicateWeight    log-odds at the minimum; each doubling adds {@code burstStep}, capped at {@code burstMaxWeight}
 * @param minShingles        shortest text (in character shingles, about its length in letters) checked for copies:
 *                           short comments ("great post!") repeat innocently
 * @param scriptMinProfile   ham comments a site's script profile needs before it is trusted
 * @param scriptMaxShare     a script at most this share of the site's ham counts as foreign
 * @param scriptWeight       log-odds of a comment written in a script foreign to the site: 1.0, since at 2.0 a
 *                           third of the constructed foreign-script ham (readers writing in their own language)
 *                           was blocked; a script is weak evidence on its own
 * @param profileHamMargin   judged comments at least this far below the threshold (log-odds) teach the profiles
 * @param languageMinProfile words of ham a site's language profile needs before it is trusted
 * @param languageMinWords   fewest letter words (no digits) a comment needs to be judged for its language:
 *                           short comments ("gracias!", "mantap bang") say too little
 * @param languageMinUnknown share of a comment's words the site's profile must not know for the signal to fire
 * @param languageWeight     log-odds of a comment in a language unlike the site's: 0.75, below the script weight
 *                           (1.0), because the same script is weaker evidence: a reader who writes in their own
 *                           language is a real reader, and this signal alone must not block them (clear ham sits
 *                           well below -3). It tips only comments the words already leave uncertain: on the
 *                           Indonesian gambling set sent to an English site it pushed 1.0 % of the Indonesian ham
 *                           over the threshold (1.4 % at 1.0, 2.9 % at 1.5; {@code docs/quality-signals.md})
 */
public record TrafficSettings(Duration burstWindow, Duration duplicateWindow, int siteCapacity, int maxSites,
                              int ipBurstMin, int linkBurstMin, double burstMinShare, double burstWeight,
                              double burstStep, double burstMaxWeight, int duplicateMin, double duplicateWeight,
                              int minShingles, int scriptMinProfile, double scriptMaxShare, double scriptWeight,
                              double profileHamMargin, int languageMinProfile, int languageMinWords,
                              double languageMinUnknown, double languageWeight,
                              boolean ipBursts, boolean linkBursts, boolean duplicates, boolean script,
                              boolean language) {

    public TrafficSettings {
        if (burstWindow.isNegative() || duplicateWindow.isNegative()) throw new IllegalArgumentException("negative window");
        if (siteCapacity < 16 || siteCapacity > 1 << 20) throw new IllegalArgumentException("siteCapacity out of range: " + siteCapacity);
        if (maxSites < 1) throw new IllegalArgumentException("maxSites < 1");
        if (languageMinWords < 1) throw new IllegalArgumentException("languageMinWords < 1");
        if (!(languageMinUnknown > 0 && languageMinUnknown <= 1)) throw new IllegalArgumentException("languageMinUnknown out of (0, 1]");
    }

    /** The defaults: every signal on. */
    public static TrafficSettings defaults() {
        return new TrafficSettings(Duration.ofMinutes(10), Duration.ofHours(6), 1024, 64,
                5, 3, 0.2, 1.5, 0.75, 4.0, 3, 2.0, 40, 30, 0.02, 1.0, 2.0,
                2000, 6, 0.8, 0.75,
                true, true, true, true, true);
    }

    /** Every signal off: the engine judges by the model alone (for ablation). */
    public static TrafficSettings off() {
        return defaults().with(false, false, false, false, false);
    }

    /** The same parameters with the five signals switched as given. */
    public TrafficSettings with(boolean ipBursts, boolean linkBursts, boolean duplicates, boolean script, boolean language) {
        return copy(siteCapacity, maxSites, scriptWeight, languageMinUnknown, languageWeight,
                ipBursts, linkBursts, duplicates, script, language);
    }

    /** The same parameters with another per-site capacity and site limit (tests of the bounds). */
    public TrafficSettings withBounds(int siteCapacity, int maxSites) {
        return copy(siteCapacity, maxSites, scriptWeight, languageMinUnknown, languageWeight,
                ipBursts, linkBursts, duplicates, script, language);
    }

    /** The same with another script-mismatch weight. */
    public TrafficSettings withScriptWeight(double w) {
        return copy(siteCapacity, maxSites, w, languageMinUnknown, languageWeight,
                ipBursts, linkBursts, duplicates, script, language);
    }

    /** The same with another language-mismatch weight. */
    public TrafficSettings withLanguageWeight(double w) {
        return copy(siteCapacity, maxSites, scriptWeight, languageMinUnknown, w,
                ipBursts, linkBursts, duplicates, script, language);
    }

    /** The same with another share of unknown words from which the language signal fires. */
    public TrafficSettings withLanguageMinUnknown(double share) {
        return copy(siteCapacity, maxSites, scriptWeight, share, languageWeight,
                ipBursts, linkBursts, duplicates, script, language);
    }

    /** This record with the parameters the {@code with…} methods change given anew; every other one kept. */
    private TrafficSettings copy(int siteCapacity, int maxSites, double scriptWeight, double languageMinUnknown,
                                 double languageWeight, boolean ipBursts, boolean linkBursts, boolean duplicates,
                                 boolean script, boolean language) {
        return new TrafficSettings(burstWindow, duplicateWindow, siteCapacity, maxSites, ipBurstMin, linkBurstMin,
                burstMinShare, burstWeight, burstStep, burstMaxWeight, duplicateMin, duplicateWeight, minShingles,
                scriptMinProfile, scriptMaxShare, scriptWeight, profileHamMargin, languageMinProfile, languageMinWords,
                languageMinUnknown, languageWeight, ipBursts, linkBursts, duplicates, script, language);
    }

    public boolean anyOn() {
        return ipBursts || linkBursts || duplicates || script || language;
    }

    /** {@code base} at {@code min}, plus {@link #burstStep} per doubling of {@code count}, capped. */
    double graded(double base, int count, int min) {
        return Math.min(burstMaxWeight, base + burstStep * (Math.log((double) count / min) / Math.log(2)));
    }
}
