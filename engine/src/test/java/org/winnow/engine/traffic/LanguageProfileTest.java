package org.winnow.engine.traffic;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.Features;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageProfileTest {
    private static final FeatureExtractor EXTRACTOR = new FeatureExtractor(FeatureConfig.all());

    private static Features features(String text) {
        return EXTRACTOR.extract(Comment.builder().content(text).build());
    }

    /** A made-up word of letters only, distinct for each n ("ba", "ca", ... "bab"...). */
    private static String word(int n) {
        StringBuilder b = new StringBuilder();
        for (int v = n + 26; v > 0; v /= 26) b.append((char) ('a' + v % 26));
        return b.append('q').toString();
    }

    @Test
    void countsLetterWordsOnlyAndReadsWhatItDoesNotKnow() {
        LanguageProfile p = new LanguageProfile();
        p.learn(features("the garden was lovely in May, 42 roses and w3ton88"));
        assertThat(p.learned()).isEqualTo(8); // "42" and "w3ton88" say nothing about a language
        assertThat(p.count("garden")).isEqualTo(1);
        assertThat(p.count("42")).isZero();
        int[] r = p.read(features("the garden of my neighbour"));
        assertThat(r).containsExactly(5, 3, 8); // the, garden known; of, my, neighbour not
    }

    @Test
    void countsHalveOnceTheHalfLifeIsPassed() {
        LanguageProfile p = new LanguageProfile();
        StringBuilder text = new StringBuilder("often");
        for (int i = 1; i < LanguageProfile.MAX_WORDS_PER_COMMENT; i++) text.append(i % 2 == 0 ? " often" : " seldom");
        Features f = features(text.toString()); // 100 "often", 100 "seldom"
        int comments = LanguageProfile.HALF_LIFE / LanguageProfile.MAX_WORDS_PER_COMMENT;
        for (int i = 0; i < comments; i++) p.learn(f);
        assertThat(p.count("often")).isEqualTo(100 * comments);
        assertThat(p.learned()).isEqualTo(LanguageProfile.HALF_LIFE);
        p.learn(f); // passes the half-life
        assertThat(p.count("often")).isEqualTo((100 * comments + 100) / 2);
        assertThat(p.learned()).isEqualTo((LanguageProfile.HALF_LIFE + 200) / 2);
    }

    @Test
    void memoryStaysBoundedAndTheCommonWordsStay() {
        LanguageProfile p = new LanguageProfile();
        int next = 0;
        for (int c = 0; c < 2_000; c++) {
            StringBuilder text = new StringBuilder("the and you");
            for (int k = 0; k < 12; k++) text.append(' ').append(word(next++)); // 24,000 words never seen again
            p.learn(features(text.toString()));
            assertThat(p.size()).isLessThanOrEqualTo(LanguageProfile.MAX_WORDS);
        }
        assertThat(p.slots()).isLessThanOrEqualTo(2 * LanguageProfile.MAX_WORDS);
        assertThat(p.count("the")).isPositive();
        assertThat(p.count("you")).isPositive();
        assertThat(p.read(features("the and you"))[1]).isZero();
        // a quiet site's table stays small
        LanguageProfile quiet = new LanguageProfile();
        quiet.learn(features("thanks for the post"));
        assertThat(quiet.slots()).isEqualTo(64);
    }

    @Test
    void onlyTokensWithoutDigitsAreLetterWords() {
        assertThat(LanguageProfile.isLetterWord("gacor")).isTrue();
        assertThat(LanguageProfile.isLetterWord("không")).isTrue();
        assertThat(LanguageProfile.isLetterWord("weton88")).isFalse();
        assertThat(LanguageProfile.isLetterWord("2024")).isFalse();
        assertThat(LanguageProfile.isLetterWord("١٢٣")).isFalse(); // Arabic-Indic digits
    }
}
