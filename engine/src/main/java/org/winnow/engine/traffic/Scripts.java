package org.winnow.engine.traffic;

import com.ibm.icu.lang.UScript;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The Unicode script a text is mostly written in, and the scripts a site's declared languages use. */
final class Scripts {
    /** Fewer letters than this in the dominant script: too little text to say. */
    static final int MIN_LETTERS = 8;
    private static final Character.UnicodeScript[] ALL = Character.UnicodeScript.values();

    private Scripts() {}

    /**
     * The script of most letters in {@code text}, or null when it has fewer than {@link #MIN_LETTERS}
     * letters of one script or no script holds half of its letters. Digits, punctuation, emoji and
     * styled mathematical letters are script-neutral (COMMON) and do not count. ASCII takes a fast path.
     */
    static Character.UnicodeScript dominant(String text) {
        int latin = 0;
        int[] counts = null;
        int letters = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            char ch = text.charAt(i);
            if (ch < 0x80) { // no code point decoding for ASCII
                i++;
                if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') {
                    latin++;
                    letters++;
                }
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            if (s == Character.UnicodeScript.COMMON || s == Character.UnicodeScript.INHERITED) continue;
            letters++;
            if (s == Character.UnicodeScript.LATIN) {
                latin++;
            } else {
                if (counts == null) counts = new int[ALL.length];
                counts[s.ordinal()]++;
            }
        }
        int best = latin;
        Character.UnicodeScript bestScript = Character.UnicodeScript.LATIN;
        if (counts != null) {
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] > best) {
                    best = counts[k];
                    bestScript = ALL[k];
                }
            }
        }
        return best >= MIN_LETTERS && 2 * best >= letters ? bestScript : null;
    }

    /**
     * The scripts of the languages a site declares (Akismet's blog_lang, e.g. {@code "en, fr_ca"}), from
     * ICU's locale data; empty when nothing is declared or nothing is recognised.
     */
    static Set<Character.UnicodeScript> ofLanguages(String declared) {
        Set<Character.UnicodeScript> out = EnumSet.noneOf(Character.UnicodeScript.class);
        for (String lang : declared.split("[,;\\s]+")) {
            String tag = lang.strip().replace('_', '-').toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) continue;
            int[] codes;
            try {
                codes = UScript.getCode(tag);
            } catch (RuntimeException e) {
                continue; // not a locale ICU knows
            }
            if (codes == null) continue;
            for (int code : codes) {
                try {
                    out.add(Character.UnicodeScript.forName(UScript.getName(code)));
                } catch (IllegalArgumentException e) {
                    // a script Java does not name the same way: leave it out
                }
            }
        }
        return out;
    }

    /** A readable script name: "Cyrillic", "Han". */
    static String name(Character.UnicodeScript s) {
        String n = s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
