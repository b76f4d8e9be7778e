package org.winnow.engine.traffic;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;

import static org.assertj.core.api.Assertions.assertThat;

class StopWordsTest {
    private static final FeatureExtractor EXTRACTOR = new FeatureExtractor(FeatureConfig.all());

    private static String guess(String text) {
        int g = StopWords.guess(EXTRACTOR.extract(Comment.builder().content(text).build()));
        return g < 0 ? null : StopWords.CODES[g];
    }

    @Test
    void recognisesLanguagesByTheirCommonWords() {
        assertThat(guess("I think that the second chapter is really the best part of this book")).isEqualTo("en");
        assertThat(guess("Ayo main di situs ini, dijamin menang terus dan bonus untuk member baru hari ini")).isEqualTo("id");
        assertThat(guess("Merci pour cet article, je pense que la fin est très bien écrite")).isEqualTo("fr");
        assertThat(guess("Ich habe das Buch gelesen und die Geschichte ist nicht schlecht")).isEqualTo("de");
        assertThat(guess("Gracias por el artículo, pero no estoy de acuerdo con la conclusión")).isEqualTo("es");
        assertThat(guess("Muito obrigado, você explicou isso muito bem e não tenho dúvidas")).isEqualTo("pt");
        assertThat(guess("Grazie per questo articolo, non sono molto convinto della conclusione")).isEqualTo("it");
        assertThat(guess("Bedankt voor het artikel, ik heb er veel van geleerd maar niet alles")).isEqualTo("nl");
        // Vietnamese, with its diacritics and as spam often writes it, without
        assertThat(guess("Sản phẩm này rất tốt, tôi đã mua cho mẹ và bà cũng thích")).isEqualTo("vi");
        assertThat(guess("san pham nay rat tot, toi da mua cho me va ba cung thich")).isEqualTo("vi");
    }

    @Test
    void unclearTextGivesNoGuess() {
        assertThat(guess("Weton88 gacor maxwin 2024")).isNull(); // names and numbers, no common words
        assertThat(guess("lol ok")).isNull();
        assertThat(guess("Bitcoin Ethereum Solana Cardano Polkadot Chainlink")).isNull();
    }

    @Test
    void declaredLanguagesAreReadLikeBlogLang() {
        int en = 1, id = 1 << 7;
        assertThat(StopWords.declared("en_us")).isEqualTo(en);
        assertThat(StopWords.declared("en-GB, ms")).isEqualTo(en | id); // Malay reads as Indonesian
        assertThat(StopWords.declared("")).isZero();
        assertThat(StopWords.declared("en, jv")).as("a language the lists do not know").isZero();
    }
}
