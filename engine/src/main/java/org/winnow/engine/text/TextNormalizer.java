package org.winnow.engine.text;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds text to a canonical lower-case form: HTML entities decoded, zero-width and control characters
 * removed, NFKC case-folding (which also folds mathematical alphanumerics and full-width forms), and
 * UTS #39 confusable skeletons for single non-ASCII characters, so {@code pаypal} with a Cyrillic
 * {@code а} becomes {@code paypal}. Pure ASCII text takes a fast path without ICU.
 * Thread-safe.
 */
public final class TextNormalizer {
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    /** Per code point: the ASCII replacement, or the empty string when the character stays. */
    private static final ConcurrentHashMap<Integer, String> LOOKALIKES = new ConcurrentHashMap<>();

    private final boolean foldConfusables;

    public TextNormalizer(boolean foldConfusables) {
        this.foldConfusables = foldConfusables;
    }

    /**
     * The folded text plus counts of the tricks seen on the way: hidden characters, lookalikes (styled
     * letters and confusables such as Cyrillic letters, which ordinary Cyrillic text is full of), and
     * styled letters alone (mathematical alphanumerics, full-width and enclosed forms).
     */
    public record Folded(String text, int invisibleChars, int lookalikeChars, int styledChars) {}

    public Folded fold(String raw) {
        String s = raw.indexOf('&') >= 0 || raw.indexOf('<') >= 0 ? Html.decode(raw) : raw;
        String lower = asciiLower(s);
        return lower != null ? new Folded(lower, 0, 0, 0) : foldUnicode(s);
    }

    /** Plain ASCII text (below 0x7f) lower-cased, with control characters but newlines as spaces; null for any other text. */
    private static String asciiLower(String s) {
        int n = s.length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x7f) return null; // one pass: most text is ASCII, and the rest stops here
            if (c >= 'A' && c <= 'Z') c = (char) (c + 32);
            else if (c < 0x20 && c != '\n') c = ' ';
            out[i] = (byte) c;
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    private Folded foldUnicode(String s) {
        StringBuilder visible = new StringBuilder(s.length());
        int invisible = 0;
        int lookalikes = 0;
        int styled = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.FORMAT || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164
                    || (cp >= 0xFE00 && cp <= 0xFE0F)) {
                invisible++; // zero-width joiners, soft hyphens, BOM, variation selectors, Hangul fillers
                continue;
            }
            if (type == Character.CONTROL) {
                visible.append(cp == '\n' ? '\n' : ' ');
                continue;
            }
            if (isStyledLetter(cp)) styled++;
            visible.appendCodePoint(cp);
        }
        String nfkc = NFKC_CASEFOLD.normalize(visible);
        lookalikes += styled;
        if (!foldConfusables) return new Folded(nfkc, invisible, lookalikes, styled);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) cp);
                continue;
            }
            String replacement = LOOKALIKES.computeIfAbsent(cp, TextNormalizer::asciiLookalike);
            if (replacement.isEmpty()) {
                out.appendCodePoint(cp);
            } else {
                out.append(replacement, 1, replacement.length());
                if (replacement.charAt(0) == 'C') lookalikes++;
            }
        }
        return new Folded(out.toString(), invisible, lookalikes, styled);
    }

    /** Mathematical alphanumerics, full-width, enclosed and other styled forms that NFKC flattens. */
    private static boolean isStyledLetter(int cp) {
        return (cp >= 0x1D400 && cp <= 0x1D7FF) || (cp >= 0xFF01 && cp <= 0xFF5E)
                || (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x1F100 && cp <= 0x1F1FF)
                || (cp >= 0x2070 && cp <= 0x209F) || (cp >= 0x1D00 && cp <= 0x1DBF);
    }

    /**
     * Maps one code point to ASCII letters or digits when UTS #39 says it looks like them (prefix
     * {@code C}), or when it is a Latin letter with diacritics (prefix {@code D}); empty otherwise.
     */
    private static String asciiLookalike(int cp) {
        String one = new String(Character.toChars(cp));
        String base = stripMarks(NFD.normalize(one));
        if (!base.equals(one) && isAsciiAlnum(base)) return "D" + base;
        String skeleton = stripMarks(SPOOF.getSkeleton(one)).toLowerCase(java.util.Locale.ROOT);
        if (isAsciiAlnum(skeleton)) return "C" + skeleton;
        return "";
    }

    private static String stripMarks(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static boolean isAsciiAlnum(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
        }
        return true;
    }
}
