package org.winnow.engine.features;

import org.winnow.engine.Comment;
import org.winnow.engine.text.LinkExtractor;
import org.winnow.engine.text.TextNormalizer;
import org.winnow.engine.text.Tokenizer;

import java.util.List;
import java.util.Locale;

import static org.winnow.engine.features.FeatureKind.AUTHOR;
import static org.winnow.engine.features.FeatureKind.CONTEXT;
import static org.winnow.engine.features.FeatureKind.LINK;
import static org.winnow.engine.features.FeatureKind.OBFUSCATION;
import static org.winnow.engine.features.FeatureKind.SHAPE;

/**
 * Turns a comment into hashed features: word unigrams and bigrams, character 3-5-grams inside word
 * boundaries, links and their domains, contact details, text shape, obfuscation tricks, and the
 * author and request context. Word and character groups are each scaled to unit length so long
 * comments do not dominate. Thread-safe.
 */
public final class FeatureExtractor {
    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;
    /** n-grams cover at most this much of a word, so offsets fit the compact feature reference. */
    private static final int MAX_GRAM_WORD = 250;
    /** Largest per-thread scratch kept between comments (features; a 200-character comment has about 700). */
    private static final int MAX_SCRATCH = 1 << 15;

    /**
     * Log-odds that styled letters (𝐒𝐆𝐈𝟖𝟖, full-width or enclosed forms) add by themselves. The
     * same prior on invisible characters, spaced-out letters and disguised links was tried and dropped:
     * spaced-out letters occur in YouTube ham and it cost accuracy there.
     */
    static final float STYLED_PRIOR = 3f;

    // Every named feature's name, hashed once (see FeatureName); numbered tables are indexed by the value.
    private static final FeatureName[] LINKS = FeatureName.numbered(LINK, "links=", 3, "");
    private static final FeatureName DOMAIN = new FeatureName(LINK, "domain:");
    private static final FeatureName TLD = new FeatureName(LINK, "tld:");
    private static final FeatureName SCHEME = new FeatureName(LINK, "scheme");
    private static final FeatureName LINK_EMAIL_DOMAIN = new FeatureName(LINK, "email_domain:");
    private static final FeatureName EMAIL = new FeatureName(LINK, "email");
    private static final FeatureName[] PHONES = FeatureName.numbered(LINK, "phone=", 2, "");
    private static final FeatureName[] LENGTH = FeatureName.numbered(SHAPE, "length~", 32, "");
    private static final FeatureName[] WORDS = FeatureName.numbered(SHAPE, "words~", 32, "");
    /** Suffixes of the ratio buckets, in the order {@link #ratioBucket} numbers them. */
    private static final String[] RATIOS = {"0", "<10%", "<30%", "<60%", ">=60%"};
    private static final FeatureName[] CAPS = FeatureName.choices(SHAPE, "caps~", RATIOS);
    private static final FeatureName[] DIGITS = FeatureName.choices(SHAPE, "digits~", RATIOS);
    private static final FeatureName[] NON_ASCII = FeatureName.choices(SHAPE, "non_ascii~", RATIOS);
    private static final FeatureName[] EXCLAMATIONS = FeatureName.numbered(SHAPE, "exclamations~", 4, "");
    private static final FeatureName[] REPEATED = FeatureName.numbered(SHAPE, "repeated_chars~", 6, "");
    private static final FeatureName[] NUMBER = FeatureName.numbered(SHAPE, "number_of_", 12, "_digits");
    private static final FeatureName[] LETTERS_AND_DIGITS = FeatureName.numbered(SHAPE, "letters_and_digits~", 3, "");
    private static final FeatureName INVISIBLE = new FeatureName(OBFUSCATION, "invisible_characters");
    private static final FeatureName[] LOOKALIKES = FeatureName.numbered(OBFUSCATION, "lookalike_characters~", 32, "");
    private static final FeatureName STYLED = new FeatureName(OBFUSCATION, "styled_letters");
    private static final FeatureName SPACED = new FeatureName(OBFUSCATION, "spaced_out_letters");
    private static final FeatureName DISGUISED = new FeatureName(OBFUSCATION, "disguised_link");
    private static final FeatureName NAME = new FeatureName(AUTHOR, "name:");
    private static final FeatureName NAME_HAS_LINK = new FeatureName(AUTHOR, "name_has_link");
    private static final FeatureName AUTHOR_EMAIL_DOMAIN = new FeatureName(AUTHOR, "email_domain:");
    private static final FeatureName EMAIL_MALFORMED = new FeatureName(AUTHOR, "email_malformed");
    private static final FeatureName EMAIL_MANY_DIGITS = new FeatureName(AUTHOR, "email_many_digits");
    private static final FeatureName HAS_URL = new FeatureName(AUTHOR, "has_url");
    private static final FeatureName URL_DOMAIN = new FeatureName(AUTHOR, "url_domain:");
    private static final FeatureName UA_SCRIPT = new FeatureName(CONTEXT, "user_agent:script");
    private static final FeatureName UA_UNUSUAL = new FeatureName(CONTEXT, "user_agent:unusual");
    private static final FeatureName REFERRER_SAME = new FeatureName(CONTEXT, "referrer:same_site");
    private static final FeatureName REFERRER_ELSEWHERE = new FeatureName(CONTEXT, "referrer:elsewhere");
    private static final FeatureName HONEYPOT = new FeatureName(CONTEXT, "honeypot_filled");
    private static final FeatureName[] SUBMITTED = FeatureName.choices(CONTEXT, "submitted_in:", "<3s", "<10s", "<1min", ">=1min");
    private static final FeatureName TYPE = new FeatureName(CONTEXT, "type:");
    private static final FeatureName ROLE = new FeatureName(CONTEXT, "role:");

    private static final int MIXED_SPACE = Murmur.mix(' ');

    private final FeatureConfig config;
    private final TextNormalizer normalizer;
    private final Tokenizer tokenizer;
    private final LinkExtractor links = new LinkExtractor();
    /** One reusable {@link Features} per platform thread, for {@link #extractTransient}. */
    private final ThreadLocal<Features> scratch = ThreadLocal.withInitial(() -> new Features(256));

    public FeatureExtractor(FeatureConfig config) {
        this.config = config;
        this.normalizer = new TextNormalizer(config.deobfuscation());
        this.tokenizer = new Tokenizer(config.deobfuscation());
    }

    public FeatureConfig config() {
        return config;
    }

    /** The features of {@code comment}, in an instance of their own (callers may keep it, as training does). */
    public Features extract(Comment comment) {
        Features f = new Features(0);
        fill(f, comment);
        f.trim();
        return f;
    }

    /**
     * The features of {@code comment} in this thread's reusable instance: valid only until the same
     * thread extracts again, so for callers that use them at once and keep nothing (judge, learn).
     * Saves allocating and trimming the arrays for every comment.
     */
    public Features extractTransient(Comment comment) {
        // a virtual thread lives for one task: a thread-local would be garbage after one use
        Features f = Thread.currentThread().isVirtual() ? new Features(0) : scratch.get();
        fill(f, comment);
        if (f.capacity() > MAX_SCRATCH) scratch.remove(); // after a huge comment, do not keep its arrays for good
        return f;
    }

    private void fill(Features f, Comment comment) {
        String raw = comment.content();
        TextNormalizer.Folded folded = normalizer.fold(raw);
        String text = folded.text();
        Tokenizer.Tokens tokens = tokenizer.tokenize(text);
        String[] words = tokens.words();
        f.reset(words, 32 + textFeatureCount(words));

        int[] mixed = addWordsAndBigrams(f, words);

        int groupStart = f.size();
        for (int i = 0, at = 0; i < words.length; i++) {
            int len = Math.min(words[i].length(), MAX_GRAM_WORD) + 2;
            addCharGrams(f, mixed, at, len, i, config.charGrams());
            at += len;
        }
        if (config.charGrams()) normalise(f, groupStart);

        LinkExtractor.Links found = links.extract(text);
        f.setLinkCount(found.linkCount());
        addNamed(f, raw, text, words, folded, tokens, found);
        if (config.context()) addContext(f, comment);
        f.setHoneypotFilled(!comment.honeypotValue().isBlank());
    }

    /**
     * Word and bigram features (one unit-length group); returns the workspace with every word's mixed
     * characters as " word " (cut at {@link #MAX_GRAM_WORD}), which the character n-grams reuse. Its own
     * method, so that the JIT compiles extraction in parts of a reasonable size.
     */
    private int[] addWordsAndBigrams(Features f, String[] words) {
        // Each character is mixed once (Murmur.mix), as part of " word " cut at MAX_GRAM_WORD, and reused by
        // the word's two hashes and by every n-gram that covers it: the same hashes as hashing each string
        // whole, with a fraction of the multiplications. The workspace holds the mixed characters, then
        // each word's phrase-seeded hash for the bigrams.
        int phrasesAt = paddedLength(words);
        int[] mixed = f.workspace(phrasesAt + words.length);
        int groupStart = f.size();
        int wordSeed = FeatureKind.WORD.seed();
        int bigramSeed = FeatureKind.BIGRAM.seed();
        for (int i = 0, at = 0; i < words.length; i++) {
            String word = words[i];
            int len = word.length();
            int cut = Math.min(len, MAX_GRAM_WORD);
            mixed[at] = MIXED_SPACE;
            int wordHash = wordSeed, bigramHash = bigramSeed;
            for (int p = 0; p < cut; p++) {
                int unit = Murmur.mix(word.charAt(p));
                mixed[at + 1 + p] = unit;
                wordHash = Murmur.stepMixed(wordHash, unit);
                bigramHash = Murmur.stepMixed(bigramHash, unit);
            }
            mixed[at + 1 + cut] = MIXED_SPACE;
            if (cut < len) { // a word too long for n-grams still hashes whole
                wordHash = Murmur.update(wordHash, word, cut, len);
                bigramHash = Murmur.update(bigramHash, word, cut, len);
            }
            if (config.words()) f.add(FeatureKind.WORD, Murmur.finish(wordHash, len), 1f, i);
            mixed[phrasesAt + i] = Murmur.finish(bigramHash, len);
            at += cut + 2;
        }
        if (config.bigrams()) {
            for (int i = 0; i + 1 < words.length; i++) {
                f.add(FeatureKind.BIGRAM, Murmur.combine(mixed[phrasesAt + i], mixed[phrasesAt + i + 1]), 1f, i);
            }
        }
        normalise(f, groupStart);
        return mixed;
    }

    /** How many word, bigram and character n-gram features {@code words} give at most. */
    private static int textFeatureCount(String[] words) {
        int n = 2 * words.length;
        for (String w : words) n += charGramCount(Math.min(w.length(), MAX_GRAM_WORD) + 2);
        return n;
    }

    private static int charGramCount(int paddedLength) {
        int n = 0;
        for (int g = MIN_GRAM; g <= MAX_GRAM; g++) n += Math.max(0, paddedLength - g + 1);
        return n;
    }

    /** Total length of the words as " word ", each cut at {@link #MAX_GRAM_WORD}. */
    private static int paddedLength(String[] words) {
        int n = 0;
        for (String w : words) n += Math.min(w.length(), MAX_GRAM_WORD) + 2;
        return n;
    }

    /** Scales the features added since {@code from} to unit L2 norm. */
    private static void normalise(Features f, int from) {
        int n = f.size() - from;
        if (n > 0) f.scale(from, f.size(), (float) (1.0 / Math.sqrt(n)));
    }

    /**
     * Character 3-5-grams of one word as " word ", whose characters are {@code mixed[from, from + len)};
     * also fills the near-duplicate shingles (the 4-grams, and the 3-gram that ends a word). The three
     * lengths ({@link #MIN_GRAM} to {@link #MAX_GRAM}) are written out, each extending the previous hash.
     */
    private static void addCharGrams(Features f, int[] mixed, int from, int len, int wordIndex, boolean emit) {
        int seed = FeatureKind.CHARS.seed();
        for (int start = 0; start + MIN_GRAM <= len; start++) {
            int at = from + start;
            int ref = wordIndex << 12 | start << 4;
            int h = Murmur.stepMixed(Murmur.stepMixed(Murmur.stepMixed(seed, mixed[at]), mixed[at + 1]), mixed[at + 2]);
            int hash = Murmur.finish(h, 3);
            if (emit) f.add(FeatureKind.CHARS, hash, 1f, ref | 3);
            if (start + 3 == len) {
                f.addShingle(hash);
                continue;
            }
            h = Murmur.stepMixed(h, mixed[at + 3]);
            hash = Murmur.finish(h, 4);
            if (emit) f.add(FeatureKind.CHARS, hash, 1f, ref | 4);
            f.addShingle(hash);
            if (start + 4 == len) continue;
            hash = Murmur.finish(Murmur.stepMixed(h, mixed[at + 4]), 5);
            if (emit) f.add(FeatureKind.CHARS, hash, 1f, ref | 5);
        }
    }

    // Character classes counted by countChars, as indexes into its result.
    private static final int LETTERS = 0, UPPER = 1, DIGIT_CHARS = 2, BANGS = 3, NON_ASCII_CHARS = 4;

    /**
     * The link, shape and obfuscation features, in one method on purpose. The JIT inlines a hot callee
     * of up to 325 bytes of bytecode into its caller (FreqInlineSize); as three smaller methods these
     * were inlined into {@link #fill}, whose compiled code (every named feature's add inlined at its own
     * site) was the largest single compilation of a training run and was often ready only when the
     * extraction it was compiled for was nearly over. Above that size this method is compiled once,
     * on its own, and fill stays small. The loops are methods of their own too ({@link #countChars},
     * {@link #longestRun}, {@link #addNumbers}): a long e-mail makes the JIT compile a running loop
     * (OSR), and such a compilation covers the whole method the loop is in.
     */
    private void addNamed(Features f, String raw, String text, String[] words, TextNormalizer.Folded folded,
                          Tokenizer.Tokens tokens, LinkExtractor.Links found) {
        if (config.links()) {
            int count = found.linkCount();
            LINKS[Math.min(count, 3)].add(f);
            for (String d : found.domains()) DOMAIN.add(f, d);
            for (String t : found.tlds()) TLD.add(f, t);
            if (found.hasScheme()) SCHEME.add(f);
            for (String d : found.emailDomains()) LINK_EMAIL_DOMAIN.add(f, d);
            if (!found.emailDomains().isEmpty()) EMAIL.add(f);
            if (found.phoneCount() > 0) PHONES[Math.min(found.phoneCount(), 2)].add(f);
        }
        if (config.shape()) {
            int len = raw.length();
            LENGTH[bucketLog2(len)].add(f);
            WORDS[bucketLog2(words.length)].add(f);
            int[] counts = countChars(raw);
            int letters = counts[LETTERS];
            if (letters >= 5) CAPS[ratioBucket(counts[UPPER], letters)].add(f);
            if (len > 0) DIGITS[ratioBucket(counts[DIGIT_CHARS], len)].add(f);
            if (counts[BANGS] > 0) EXCLAMATIONS[Math.min(counts[BANGS], 4)].add(f);
            if (counts[NON_ASCII_CHARS] > 0) NON_ASCII[ratioBucket(counts[NON_ASCII_CHARS], len)].add(f);
            int run = longestRun(text);
            if (run >= 3) REPEATED[Math.min(run, 6)].add(f);
            int mixed = addNumbers(f, words);
            if (mixed > 0) LETTERS_AND_DIGITS[Math.min(mixed, 3)].add(f);
        }
        if (config.deobfuscation()) {
            if (folded.invisibleChars() > 0) INVISIBLE.add(f);
            // A fixed prior (set by hand, not fitted): the public training sets hardly contain styled letters,
            // so a learned weight alone stays near zero, yet people who are not spamming rarely write 𝐒𝐆𝐈𝟖𝟖.
            // Only styled letters carry it: confusables alone also fire on ordinary Cyrillic or Greek text.
            if (folded.lookalikeChars() > 0) LOOKALIKES[bucketLog2(folded.lookalikeChars())].add(f);
            if (folded.styledChars() > 0) STYLED.add(f, STYLED_PRIOR);
            if (tokens.spacedRuns() > 0) SPACED.add(f);
            if (found.obfuscated()) DISGUISED.add(f);
        }
    }

    /** Letters, upper-case letters, digits, exclamation marks and non-ASCII characters of {@code raw}. */
    private static int[] countChars(String raw) {
        int letters = 0, upper = 0, digits = 0, bangs = 0, nonAscii = 0;
        for (int i = 0, len = raw.length(); i < len; i++) {
            char c = raw.charAt(i);
            if (c < 0x80) { // the same answers as below, without the Character tables
                if (c >= 'a' && c <= 'z') {
                    letters++;
                } else if (c >= 'A' && c <= 'Z') {
                    letters++;
                    upper++;
                } else if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c == '!') {
                    bangs++;
                }
            } else {
                nonAscii++;
                if (Character.isLetter(c)) {
                    letters++;
                    if (Character.isUpperCase(c)) upper++;
                }
            }
        }
        return new int[] {letters, upper, digits, bangs, nonAscii};
    }

    /** Adds a feature per all-digit word (by its length); returns how many words mix letters and digits. */
    private static int addNumbers(Features f, String[] words) {
        int mixed = 0;
        for (String w : words) {
            if (w.length() < 3) continue;
            if (hasDigit(w) && hasLetter(w)) mixed++;
            if (allDigits(w)) NUMBER[Math.min(w.length(), 12)].add(f);
        }
        return mixed;
    }

    private void addContext(Features f, Comment c) {
        if (!c.author().isEmpty()) {
            String name = normalizer.fold(c.author()).text();
            for (String w : tokenizer.tokenize(name).words()) NAME.add(f, w);
            if (!links.extract(name).domains().isEmpty()) NAME_HAS_LINK.add(f);
        }
        String email = c.authorEmail().toLowerCase(Locale.ROOT).trim();
        if (!email.isEmpty()) {
            int at = email.lastIndexOf('@');
            if (at > 0) AUTHOR_EMAIL_DOMAIN.add(f, email.substring(at + 1));
            else EMAIL_MALFORMED.add(f);
            if (at > 0 && countDigits(email, 0, at) >= 4) EMAIL_MANY_DIGITS.add(f);
        }
        String url = c.authorUrl().toLowerCase(Locale.ROOT).trim();
        if (!url.isEmpty()) {
            HAS_URL.add(f);
            List<String> d = links.extract(url.contains("://") ? url : "http://" + url).domains();
            if (!d.isEmpty()) URL_DOMAIN.add(f, d.getFirst());
        }
        String ua = c.userAgent().toLowerCase(Locale.ROOT);
        // Absent context emits nothing: the public training data has none, so "absent" would only mimic the bias.
        if (ua.isEmpty()) {
            // nothing
        } else if (ua.contains("bot") || ua.contains("curl") || ua.contains("python") || ua.contains("wget")
                || ua.contains("java") || ua.contains("go-http") || ua.contains("headless") || ua.contains("okhttp")) {
            UA_SCRIPT.add(f);
        } else if (!ua.startsWith("mozilla/")) UA_UNUSUAL.add(f);
        String ref = c.referrer().toLowerCase(Locale.ROOT);
        if (!ref.isEmpty()) {
            List<String> refDomain = links.extract(ref).domains();
            List<String> pageDomain = links.extract(c.permalink().toLowerCase(Locale.ROOT)).domains();
            boolean same = !refDomain.isEmpty() && !pageDomain.isEmpty() && refDomain.getFirst().equals(pageDomain.getFirst());
            (same ? REFERRER_SAME : REFERRER_ELSEWHERE).add(f);
        }
        if (!c.honeypotValue().isBlank()) HONEYPOT.add(f);
        double s = c.secondsToSubmit();
        if (s >= 0) SUBMITTED[s < 3 ? 0 : s < 10 ? 1 : s < 60 ? 2 : 3].add(f);
        if (!c.commentType().isEmpty()) TYPE.add(f, c.commentType().toLowerCase(Locale.ROOT));
        if (!c.userRole().isEmpty()) ROLE.add(f, c.userRole().toLowerCase(Locale.ROOT));
    }

    private static int bucketLog2(int n) {
        return 32 - Integer.numberOfLeadingZeros(n);
    }

    /** Index into {@link #RATIOS}. */
    private static int ratioBucket(int part, int whole) {
        double r = (double) part / whole;
        return r == 0 ? 0 : r < 0.1 ? 1 : r < 0.3 ? 2 : r < 0.6 ? 3 : 4;
    }

    private static int longestRun(String s) {
        int best = 0, run = 0;
        char prev = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            run = c == prev && c != ' ' ? run + 1 : 1;
            prev = c;
            if (run > best) best = run;
        }
        return best;
    }

    private static int countDigits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (s.charAt(i) >= '0' && s.charAt(i) <= '9') n++;
        return n;
    }

    // ASCII first: the same answers as Character's, without its tables for most text

    private static boolean hasDigit(String w) {
        for (int i = 0, n = w.length(); i < n; i++) if (isDigit(w.charAt(i))) return true;
        return false;
    }

    private static boolean hasLetter(String w) {
        for (int i = 0, n = w.length(); i < n; i++) {
            char c = w.charAt(i);
            if (c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c)) return true;
        }
        return false;
    }

    private static boolean allDigits(String w) {
        for (int i = 0, n = w.length(); i < n; i++) if (!isDigit(w.charAt(i))) return false;
        return true;
    }

    private static boolean isDigit(char c) {
        return c < 0x80 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }
}
