package org.winnow.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds links, e-mail addresses and phone numbers in folded text, including the obfuscated spellings
 * spammers use: {@code example[dot]com}, {@code example (dot) com}, {@code example dot com},
 * {@code hxxp://}. A bare {@code word.word} counts as a domain only when it ends in a known top-level
 * domain or follows a scheme or {@code www.}, so ordinary sentences do not produce links.
 */
public final class LinkExtractor {
    private static final Set<String> TLDS = Set.of(
            "com", "net", "org", "info", "biz", "io", "co", "me", "tv", "us", "uk", "ru", "cn", "de", "fr",
            "nl", "it", "es", "pl", "br", "in", "id", "vn", "jp", "kr", "au", "ca", "eu", "tk", "ml", "ga",
            "cf", "gq", "xyz", "top", "site", "online", "club", "shop", "store", "live", "app", "dev", "ly",
            "gl", "gd", "ws", "cc", "be", "to", "pw", "su", "ua", "ch", "at", "se", "no", "dk", "fi", "cz",
            "gr", "pt", "ro", "hu", "ir", "tr", "mx", "ar", "cl", "za", "ng", "ph", "my", "sg", "th", "tw",
            "hk", "nz", "ie", "work", "click", "link", "win", "bid", "loan", "vip", "fun", "icu", "buzz",
            "space", "website", "tech", "pro", "mobi", "asia", "name", "edu", "gov", "mil", "int", "am",
            "fm", "la", "so", "bet", "casino", "poker", "games", "money", "cash", "today", "news", "blog");
    /** TLDs that are also everyday words ("ok.so", "home.at"): a link only with a scheme, www. or a path. */
    private static final Set<String> WORDLIKE_TLDS = Set.of(
            "it", "in", "me", "to", "so", "am", "no", "my", "be", "at", "id", "us", "co", "tv", "la", "fm",
            "name", "pro", "live", "app", "win", "link", "fun", "today", "news", "work", "space", "games",
            "money", "cash", "club", "shop", "store", "site", "online", "blog", "click", "loan", "top");
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "net", "org", "ac", "gov", "edu", "or", "ne");

    /** What was found: registered domains of links, e-mail domains, and counts. */
    public record Links(List<String> domains, List<String> tlds, List<String> emailDomains, int phoneCount,
                        boolean obfuscated, boolean hasScheme) {
        public int linkCount() {
            return domains.size();
        }
    }

    public Links extract(String folded) {
        String text = folded;
        boolean obfuscated = false;
        if (mayBeObfuscated(text)) {
            String clear = deobfuscate(text);
            obfuscated = !clear.equals(text);
            text = clear;
        }
        List<String> domains = new ArrayList<>(2);
        List<String> tlds = new ArrayList<>(2);
        List<String> emailDomains = new ArrayList<>(1);
        boolean hasScheme = findHosts(text, domains, tlds, emailDomains);
        return new Links(domains, tlds, emailDomains, countPhones(folded), obfuscated, hasScheme);
    }

    /**
     * Adds the registered domain of every host in {@code text} to {@code domains} (and its TLD to
     * {@code tlds}), or to {@code emailDomains} after an '@'; returns whether a link had a scheme.
     * Apart from {@link #extract} on purpose: the JIT compiles a loop that runs long (a long e-mail)
     * while it runs (on-stack replacement), once per loop, each time with the whole method and all it
     * inlines. Above the JIT's inlining size (325 bytes of bytecode), this one is compiled without
     * {@link #countPhones} inside it, so input that invalidates the compiled code of one of them (long
     * e-mails after short comments) no longer recompiles both, and extract itself has no loop.
     */
    private static boolean findHosts(String text, List<String> domains, List<String> tlds, List<String> emailDomains) {
        boolean hasScheme = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isHostChar(text.charAt(i))) {
                i++;
                continue;
            }
            // one scan of the run: where it ends, where its last dot is, and whether two dots touch
            int start = i;
            int lastDot = -1;
            boolean emptyLabel = false;
            while (i < n) {
                char c = text.charAt(i);
                if (c == '.') {
                    if (lastDot == i - 1) emptyLabel = true;
                    lastDot = i;
                } else if (!isHostChar(c)) {
                    break;
                }
                i++;
            }
            if (lastDot < 0) continue; // no dot: a word, not a host
            int end = i;
            while (text.charAt(end - 1) == '.') end--; // the run starts with a host character
            if (emptyLabel) {
                // a ".." before the trailing dots makes an empty label; trailing ones were trimmed
                if (text.indexOf("..", start) < end - 1) continue;
            }
            if (lastDot >= end) { // the last dot was a trailing one: find the one before it
                lastDot = end - 1;
                while (lastDot >= start && text.charAt(lastDot) != '.') lastDot--;
                if (lastDot < start) continue;
            }
            boolean afterScheme = start >= 3 && text.startsWith("://", start - 3);
            boolean afterAt = start >= 1 && text.charAt(start - 1) == '@';
            boolean pathFollows = end < n && text.charAt(end) == '/';
            String tld = hostTld(text, start, lastDot, end, afterScheme, pathFollows);
            if (tld == null) continue;
            String domain = registeredDomain(text, start, end);
            if (afterAt) {
                emailDomains.add(domain);
            } else {
                if (afterScheme) hasScheme = true;
                domains.add(domain);
                tlds.add(tld);
            }
        }
        return hasScheme;
    }

    private static boolean mayBeObfuscated(String t) {
        return t.contains("dot") || t.contains("[.]") || t.contains("(.)") || t.contains(" . ") || t.contains("hxxp");
    }

    /** Rewrites dot spellings to '.', and hxxp to http. */
    static String deobfuscate(String t) {
        String s = t.replace("hxxp", "http")
                .replace("[dot]", ".").replace("(dot)", ".").replace("{dot}", ".").replace("<dot>", ".")
                .replace("[.]", ".").replace("(.)", ".");
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            // " dot tld" and " . tld" between a label and a known TLD
            if (s.charAt(i) == ' ' && i > 0 && isHostChar(s.charAt(i - 1))) {
                int j = i + 1;
                if (s.startsWith("dot ", j)) j = precededByFunctionWord(s, i) ? -1 : j + 4;
                else if (s.startsWith(". ", j)) j += 2;
                else if (s.startsWith(".", j) && j + 1 < n && isHostChar(s.charAt(j + 1))) j += 1;
                else j = -1;
                if (j > 0 && startsKnownTld(s, j)) {
                    b.append('.');
                    i = j - 1;
                    continue;
                }
            }
            b.append(s.charAt(i));
        }
        return b.toString();
    }

    private static final Set<String> FUNCTION_WORDS = Set.of("the", "a", "an", "this", "that", "my", "your", "his",
            "her", "our", "their", "its", "big", "red", "black", "small", "one");

    /** "the dot com bubble" is prose, not a link. */
    private static boolean precededByFunctionWord(String s, int spaceAt) {
        int start = spaceAt;
        while (start > 0 && isHostChar(s.charAt(start - 1))) start--;
        return FUNCTION_WORDS.contains(s.substring(start, spaceAt));
    }

    private static boolean startsKnownTld(String s, int at) {
        int e = at;
        while (e < s.length() && s.charAt(e) >= 'a' && s.charAt(e) <= 'z') e++;
        return e > at && TLDS.contains(s.substring(at, e));
    }

    /**
     * The top-level domain of the host {@code text[start, end)} (whose last dot is at {@code lastDot}
     * and which has no empty label), or null when it does not look like a host.
     */
    private static String hostTld(String text, int start, int lastDot, int end, boolean afterScheme, boolean pathFollows) {
        int tldLength = end - lastDot - 1;
        if (tldLength < 2 || tldLength > 24) return null;
        for (int i = lastDot + 1; i < end; i++) if (text.charAt(i) < 'a' || text.charAt(i) > 'z') return null;
        String tld = text.substring(lastDot + 1, end);
        if (afterScheme || text.startsWith("www.", start)) return tld;
        return TLDS.contains(tld) && (pathFollows || !WORDLIKE_TLDS.contains(tld)) ? tld : null;
    }

    /** example.com for www.shop.example.com; example.co.uk for shop.example.co.uk. */
    static String registeredDomain(String host) {
        return registeredDomain(host, 0, host.length());
    }

    /** {@link #registeredDomain(String)} of {@code text[start, end)}, found by walking back over its dots. */
    private static String registeredDomain(String text, int start, int end) {
        int last = text.lastIndexOf('.', end - 1);              // before the TLD
        int second = last > start ? text.lastIndexOf('.', last - 1) : -1;   // before the second-level label
        if (second < start) return text.substring(start, end);   // two labels (or fewer): the host itself
        int third = text.lastIndexOf('.', second - 1);
        boolean ccSecondLevel = end - last - 1 == 2 && SECOND_LEVEL.contains(text.substring(second + 1, last));
        if (!ccSecondLevel) return text.substring(second + 1, end);
        return third < start ? text.substring(start, end) : text.substring(third + 1, end);
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

    /** Phone-like: 7 to 15 digits with only spaces, dots, dashes, brackets or a leading plus between them. */
    static int countPhones(String t) {
        int phones = 0;
        int n = t.length();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '+') {
                i++;
                continue;
            }
            if (i > 0 && Character.isLetter(t.charAt(i - 1))) { // part of a word like "weton88"
                i++;
                while (i < n && Character.isLetterOrDigit(t.charAt(i))) i++;
                continue;
            }
            int digits = 0;
            int j = i;
            int lastDigit = i;
            while (j < n) {
                char d = t.charAt(j);
                if (d >= '0' && d <= '9') {
                    digits++;
                    lastDigit = j;
                } else if (!(d == ' ' || d == '-' || d == '.' || d == '(' || d == ')' || (d == '+' && j == i))) {
                    break;
                } else if (j - lastDigit > 2) {
                    break;
                }
                j++;
            }
            boolean endsInWord = lastDigit + 1 < n && Character.isLetter(t.charAt(lastDigit + 1));
            if (digits >= 7 && digits <= 15 && !endsInWord) phones++;
            i = Math.max(j, i + 1);
        }
        return phones;
    }
}
