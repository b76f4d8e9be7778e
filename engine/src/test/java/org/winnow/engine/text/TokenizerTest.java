package org.winnow.engine.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {
    private final Tokenizer tokenizer = new Tokenizer(true);

    @Test
    void splitsOnNonWordCharacters() {
        assertThat(tokenizer.tokenize("check out my-channel, now!").words())
                .containsExactly("check", "out", "my", "channel", "now");
    }

    @Test
    void collapsesSpacedOutLetters() {
        Tokenizer.Tokens t = tokenizer.tokenize("gabung di w e t o n 8 8 sekarang");
        assertThat(t.words()).containsExactly("gabung", "di", "weton88", "sekarang");
        assertThat(t.spacedRuns()).isEqualTo(1);
    }

    @Test
    void collapsesDottedLetters() {
        assertThat(tokenizer.tokenize("visit s.l.o.t now").words()).containsExactly("visit", "slot", "now");
    }

    @Test
    void shortRunsOfSingleLettersAreNotCollapsed() {
        Tokenizer.Tokens t = tokenizer.tokenize("i am a fan of 2 bands");
        assertThat(t.words()).containsExactly("am", "fan", "of", "2", "bands");
        assertThat(t.spacedRuns()).isZero();
    }
}
