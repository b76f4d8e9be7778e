package org.winnow.engine.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {
    private final TextNormalizer normalizer = new TextNormalizer(true);

    @Test
    void cyrillicLookalikeFoldsToLatin() {
        TextNormalizer.Folded f = normalizer.fold("Log in to p\u0430yp\u0430l now");
        assertThat(f.text()).isEqualTo("log in to paypal now");
        assertThat(f.lookalikeChars()).isEqualTo(2);
    }

    @Test
    void mathematicalAlphanumericsFoldToAscii() {
        TextNormalizer.Folded f = normalizer.fold("main di \uD835\uDDEA\uD835\uDDD8\uD835\uDDE7\uD835\uDDE2\uD835\uDDE1\uD835\uDFF4\uD835\uDFF4");
        assertThat(f.text()).isEqualTo("main di weton88");
        assertThat(f.lookalikeChars()).isGreaterThan(0);
    }

    @Test
    void zeroWidthAndControlCharactersAreRemoved() {
        TextNormalizer.Folded f = normalizer.fold("ca\u200Bsi\u200Dno\uFEFF\u0007!");
        assertThat(f.text()).isEqualTo("casino !");
        assertThat(f.invisibleChars()).isEqualTo(3);
    }

    @Test
    void asciiIsLowerCasedAndEntitiesDecoded() {
        assertThat(normalizer.fold("Tom &amp; Jerry&#39;s<br />SHOW").text()).isEqualTo("tom & jerry's show");
    }

    @Test
    void accentsAreNotCountedAsLookalikes() {
        TextNormalizer.Folded f = normalizer.fold("Café crème");
        assertThat(f.text()).isEqualTo("cafe creme");
        assertThat(f.lookalikeChars()).isZero();
    }

    @Test
    void confusableFoldingCanBeSwitchedOff() {
        assertThat(new TextNormalizer(false).fold("p\u0430ypal").text()).isEqualTo("p\u0430ypal");
    }
}
