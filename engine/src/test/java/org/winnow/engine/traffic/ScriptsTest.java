package org.winnow.engine.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptsTest {
    @Test
    void findsTheScriptOfMostLetters() {
        assertThat(Scripts.dominant("Great article, thanks for writing it")).isEqualTo(Character.UnicodeScript.LATIN);
        assertThat(Scripts.dominant("Дешёвые кредиты без проверки: пишите на site.ru")).isEqualTo(Character.UnicodeScript.CYRILLIC);
        assertThat(Scripts.dominant("最便宜的手机和电脑就在我们的网店里 http://x.cn")).isEqualTo(Character.UnicodeScript.HAN);
        assertThat(Scripts.dominant("مرحبا بكم في موقعنا الجديد للربح السريع")).isEqualTo(Character.UnicodeScript.ARABIC);
    }

    @Test
    void tooLittleTextOrNoMajorityGivesNothing() {
        assertThat(Scripts.dominant("ok 👍 !!! 12345")).isNull();
        assertThat(Scripts.dominant("hello привет")).isNull(); // 5 and 6 letters: too few
        assertThat(Scripts.dominant("")).isNull();
    }

    @Test
    void declaredLanguagesMapToTheirScripts() {
        assertThat(Scripts.ofLanguages("en, fr_ca")).containsExactly(Character.UnicodeScript.LATIN);
        assertThat(Scripts.ofLanguages("ru")).containsExactly(Character.UnicodeScript.CYRILLIC);
        assertThat(Scripts.ofLanguages("ja")).contains(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA);
        assertThat(Scripts.ofLanguages("")).isEmpty();
        assertThat(Scripts.ofLanguages("???")).isEmpty();
    }
}
