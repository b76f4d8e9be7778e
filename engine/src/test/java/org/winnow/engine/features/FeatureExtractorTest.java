package org.winnow.engine.features;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureExtractorTest {
    private final FeatureExtractor extractor = new FeatureExtractor(FeatureConfig.all());

    /** Comments that between them fire every named feature family, with and without context. */
    static List<Comment> varied() {
        List<Comment> out = new ArrayList<>();
        for (String text : List.of(
                "Buy cheap pills at https://www.shop.example.co.uk/x and bit.ly/abc NOW!!!!",
                "mail win@prizes.co.uk or call +44 20 7946 0018, code 123456789012345 ok",
                "visit example dot com or hxxp://evil[dot]ru today", "w e t o n 8 8 main di \uD835\uDC12\uD835\uDC06\uD835\uDC08\uD835\uDFD6\uD835\uDFD6",
                "ca\u200Bsi\u200Dno p\u0430yp\u0430l aaaaaaaa", "I love this song, greetings from Jakarta", "", "x")) {
            out.add(Comment.ofText(text));
            out.add(Comment.builder().content(text).author("Best Deals 123 casino.com").authorEmail("Promo12345@Spam.RU")
                    .authorUrl("WWW.Casino-Bonus.TOP").userAgent("python-requests/2.31").referrer("https://elsewhere.net/x")
                    .permalink("https://blog.example.org/post").commentType("Forum-Post").userRole("Editor")
                    .secondsToSubmit(2).honeypotValue("x").build());
            out.add(Comment.builder().content(text).authorEmail("broken").userAgent("Opera/9.80")
                    .referrer("https://blog.example.org/a").permalink("https://blog.example.org/b").secondsToSubmit(75).build());
        }
        return out;
    }

    @Test
    void namedFeaturesHashTheirReadableName() {
        // The hot path hashes prefix and suffix separately; the result must be the hash of the name shown.
        int named = 0;
        for (Comment c : varied()) {
            Features f = extractor.extract(c);
            for (int i = 0; i < f.size(); i++) {
                FeatureKind k = f.kind(i);
                if (k == FeatureKind.WORD || k == FeatureKind.BIGRAM || k == FeatureKind.CHARS) continue;
                assertThat(f.hash(i)).as(f.describe(i)).isEqualTo(Murmur.hash(k.seed(), f.describe(i)));
                named++;
            }
        }
        assertThat(named).isGreaterThan(100);
    }

    @Test
    void nameAfterAPrefixIsTheRestOfTheShownName() {
        List<String> domains = new ArrayList<>();
        for (Comment c : varied()) {
            Features f = extractor.extract(c);
            for (int i = 0; i < f.size(); i++) {
                for (String prefix : List.of("domain:", "url_domain:", "tld:")) {
                    String shown = f.describe(i);
                    FeatureKind k = f.kind(i);
                    boolean named = k != FeatureKind.WORD && k != FeatureKind.BIGRAM && k != FeatureKind.CHARS;
                    String expected = named && shown.startsWith(prefix) ? shown.substring(prefix.length()) : null;
                    assertThat(f.nameAfter(i, prefix)).as(shown).isEqualTo(expected);
                }
                if (f.nameAfter(i, "domain:") != null) domains.add(f.nameAfter(i, "domain:"));
            }
        }
        assertThat(domains).contains("example.co.uk", "bit.ly");
    }

    @Test
    void everyFamilyOfNamedFeaturesFires() {
        List<String> names = new ArrayList<>();
        for (Comment c : varied()) {
            Features f = extractor.extract(c);
            for (int i = 0; i < f.size(); i++) names.add(f.describe(i));
        }
        assertThat(names).contains("links=2", "domain:example.co.uk", "domain:bit.ly", "tld:uk", "scheme", "email_domain:prizes.co.uk",
                "email", "phone=2", "exclamations~4", "number_of_12_digits", "caps~<10%", "digits~<10%", "disguised_link",
                "spaced_out_letters", "styled_letters", "invisible_characters", "lookalike_characters~3", "repeated_chars~6",
                "letters_and_digits~2", "name:casino", "name_has_link", "email_domain:spam.ru", "email_many_digits",
                "email_malformed", "has_url", "url_domain:casino-bonus.top", "user_agent:script", "user_agent:unusual",
                "referrer:elsewhere", "referrer:same_site", "honeypot_filled", "submitted_in:<3s", "submitted_in:>=1min",
                "type:forum-post", "role:editor", "non_ascii~<60%", "length~6", "words~4");
    }

    @Test
    void reusedScratchGivesTheSameFeaturesAsAFreshExtraction() {
        List<Comment> comments = varied();
        for (int round = 0; round < 2; round++) {
            for (Comment c : comments) {
                Features fresh = extractor.extract(c);
                Features scratch = extractor.extractTransient(c);
                assertThat(describeAll(scratch)).isEqualTo(describeAll(fresh));
            }
        }
        // a long comment, then a short one: nothing of the first may remain
        extractor.extractTransient(Comment.ofText("word ".repeat(2000) + "example.com"));
        Features after = extractor.extractTransient(Comment.ofText("hi"));
        assertThat(describeAll(after)).isEqualTo(describeAll(extractor.extract(Comment.ofText("hi"))));
        assertThat(after.linkCount()).isZero();
    }

    private static List<String> describeAll(Features f) {
        List<String> out = new ArrayList<>();
        out.add(f.size() + " " + f.wordCount() + " " + f.linkCount() + " " + f.honeypotFilled() + " " + f.shingleCount() + " " + f.priorCount());
        for (int i = 0; i < f.size(); i++) {
            out.add(f.kind(i) + " " + f.hash(i) + " " + f.value(i) + " " + f.describe(i) + " " + f.source(i) + " " + f.wordIndex(i));
        }
        for (int i = 0; i < f.shingleCount(); i++) out.add("s" + f.shingle(i));
        for (int k = 0; k < f.priorCount(); k++) out.add("p" + f.priorIndex(k) + ":" + f.priorValue(k));
        for (int k = 0; k < f.namedCount(); k++) out.add("n" + f.namedFeature(k) + " " + f.nameAfter(f.namedFeature(k), "domain:"));
        return out;
    }

    /**
     * Extraction mixes each character once and reuses it for every word and n-gram hash: the hashes
     * must be exactly those of hashing each string whole (models were trained on those), shingles too.
     */
    @Test
    void textHashesEqualHashingEachStringWhole() {
        List<Comment> comments = new ArrayList<>(varied());
        comments.add(Comment.ofText("a " + "verylongword".repeat(30) + " b ok, x1 \u00e9t\u00e9 \u0436\u0443\u043a naïve caf\u00e9"));
        for (Comment c : comments) {
            Features f = extractor.extract(c);
            List<Integer> words = new ArrayList<>(), phrases = new ArrayList<>(), grams = new ArrayList<>(), shingles = new ArrayList<>();
            for (int i = 0; i < f.size(); i++) {
                if (f.kind(i) == FeatureKind.WORD) words.add(f.hash(i));
                if (f.kind(i) == FeatureKind.BIGRAM) phrases.add(f.hash(i));
                if (f.kind(i) == FeatureKind.CHARS) grams.add(f.hash(i));
            }
            for (int i = 0; i < f.shingleCount(); i++) shingles.add(f.shingle(i));

            List<Integer> expectedWords = new ArrayList<>(), expectedPhrases = new ArrayList<>();
            List<Integer> expectedGrams = new ArrayList<>(), expectedShingles = new ArrayList<>();
            for (int w = 0; w < f.wordCount(); w++) {
                String word = f.word(w);
                expectedWords.add(Murmur.hash(FeatureKind.WORD.seed(), word));
                if (w + 1 < f.wordCount()) {
                    expectedPhrases.add(Murmur.combine(Murmur.hash(FeatureKind.BIGRAM.seed(), word),
                            Murmur.hash(FeatureKind.BIGRAM.seed(), f.word(w + 1))));
                }
                String padded = " " + word.substring(0, Math.min(word.length(), 250)) + " ";
                for (int start = 0; start + 3 <= padded.length(); start++) {
                    for (int n = 3; n <= 5 && start + n <= padded.length(); n++) {
                        int h = Murmur.hash(FeatureKind.CHARS.seed(), padded, start, start + n);
                        expectedGrams.add(h);
                        if (n == 4 || (n == 3 && start + 3 == padded.length())) expectedShingles.add(h);
                    }
                }
            }
            assertThat(words).as(c.content()).isEqualTo(expectedWords);
            assertThat(phrases).as(c.content()).isEqualTo(expectedPhrases);
            assertThat(grams).as(c.content()).isEqualTo(expectedGrams);
            assertThat(shingles).as(c.content()).isEqualTo(expectedShingles);
        }
    }

    @Test
    void namedFeaturesAreListedInFeatureOrder() {
        for (Comment c : varied()) {
            Features f = extractor.extract(c);
            List<Integer> named = new ArrayList<>();
            for (int i = 0; i < f.size(); i++) {
                FeatureKind k = f.kind(i);
                if (k != FeatureKind.WORD && k != FeatureKind.BIGRAM && k != FeatureKind.CHARS) named.add(i);
            }
            List<Integer> listed = new ArrayList<>();
            for (int k = 0; k < f.namedCount(); k++) listed.add(f.namedFeature(k));
            assertThat(listed).as(c.content()).isEqualTo(named);
        }
    }

    @Test
    void phrasesCompareLikeTheirJoinedText() {
        Features f = extractor.extract(Comment.ofText("ab cd ab cde abc de"));
        List<Integer> phrases = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) if (f.kind(i) == FeatureKind.BIGRAM) phrases.add(i);
        assertThat(phrases).hasSizeGreaterThan(4);
        for (int i : phrases) {
            for (int j : phrases) {
                assertThat(Integer.signum(f.compareDescriptions(i, j)))
                        .as(f.describe(i) + " vs " + f.describe(j))
                        .isEqualTo(Integer.signum(f.describe(i).compareTo(f.describe(j))));
            }
        }
    }
}
