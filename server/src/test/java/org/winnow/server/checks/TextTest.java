package org.winnow.server.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void removesNulAndReplacesLoneSurrogates() {
        assertThat(Text.clean("a\u0000b", 10)).isEqualTo("ab");
        assertThat(Text.clean("x\uD800y", 10)).isEqualTo("x\uFFFDy");
        assertThat(Text.clean("x\uDC00", 10)).isEqualTo("x\uFFFD");
        assertThat(Text.clean("😀ok", 10)).isEqualTo("😀ok");
        assertThat(Text.clean(null, 10)).isEmpty();
    }

    @Test
    void truncatesWithoutSplittingSurrogatePairs() {
        assertThat(Text.clean("abcdef", 3)).isEqualTo("abc");
        assertThat(Text.clean("ab😀", 3)).isEqualTo("ab");
        assertThat(Text.clean("ab😀", 4)).isEqualTo("ab😀");
    }

    @Test
    void normalizesForMatching() {
        assertThat(Text.normalize("  Hello\t\n World\u00A0 ")).isEqualTo("hello world");
        assertThat(Text.normalize("Cafe\u0301")).isEqualTo(Text.normalize("Café"));
    }
}
