package org.winnow.engine.traffic;

import org.winnow.engine.features.Features;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises a few Latin-script languages by their most common short words (written for Winnow, not
 * taken from a list): enough to say "this comment is Indonesian" when a site declares English and has
 * not yet seen enough ham for its own {@link LanguageProfile}. A guess needs several such words and a
 * clear lead over every other language, so mixed or unclear text gives no guess.
 */
final class StopWords {
    static final String[] CODES = {"en", "fr", "de", "es", "pt", "it", "nl", "id", "vi"};
    static final String[] NAMES = {"English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch",
            "Indonesian", "Vietnamese"};
    /** Languages close enough to share the list of another: Malay reads as Indonesian here ("in" is Indonesian's old code). */
    private static final Map<String, String> ALIASES = Map.of("ms", "id", "in", "id", "zsm", "id");
    /** Language words a guess needs at least, and the share of the comment's words they must be. */
    static final int MIN_HITS = 3;
    private static final double MIN_SHARE = 0.2;

    private static final String[][] WORDS = {
            // English
            {"the", "and", "you", "that", "this", "with", "have", "for", "are", "was", "not", "but", "what", "were", "your",
                    "there", "been", "which", "will", "would", "their", "they", "them", "his", "her", "she", "has", "had",
                    "about", "just", "like", "from", "because", "really", "very", "also", "how", "some", "only", "than",
                    "know", "think", "our", "who", "why", "thank", "thanks", "is", "it", "of", "to", "my", "we", "be",
                    "if", "or", "at", "by", "can", "all", "when", "did", "does", "should", "could", "these", "those"},
            // French
            {"le", "la", "les", "des", "une", "est", "et", "pas", "que", "qui", "dans", "pour", "sur", "avec", "sont",
                    "mais", "nous", "vous", "ils", "elle", "cette", "ce", "du", "au", "aux", "je", "tu", "il", "ne",
                    "plus", "tout", "très", "bien", "fait", "être", "été", "avoir", "comme", "leur", "aussi", "merci",
                    "moi", "mon", "ma", "mes", "ça", "de", "en", "un", "par", "ou", "où", "si", "se", "cet", "votre"},
            // German
            {"der", "die", "das", "und", "ist", "nicht", "ich", "ein", "eine", "einen", "mit", "auf", "für", "sich",
                    "dem", "den", "des", "von", "zu", "auch", "es", "sie", "wir", "ihr", "aber", "wie", "noch", "nur",
                    "oder", "wenn", "wird", "sind", "war", "hat", "haben", "kann", "schon", "sehr", "bei", "nach",
                    "über", "dass", "mir", "mich", "kein", "keine", "danke", "im", "um", "aus", "diese", "dieser"},
            // Spanish
            {"el", "la", "los", "las", "que", "de", "en", "un", "una", "es", "por", "para", "con", "no", "se", "lo",
                    "le", "su", "sus", "al", "del", "pero", "más", "muy", "como", "este", "esta", "todo", "también",
                    "ya", "yo", "mi", "me", "te", "hay", "está", "son", "fue", "ser", "gracias", "porque", "cuando",
                    "sí", "eso", "esto", "usted", "tiene", "puede"},
            // Portuguese
            {"os", "as", "um", "uma", "de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "que", "não",
                    "com", "por", "para", "mais", "muito", "como", "mas", "se", "ele", "ela", "eu", "você", "isso",
                    "este", "esta", "são", "foi", "ser", "tem", "está", "obrigado", "obrigada", "também", "já", "meu",
                    "minha", "ao", "pelo", "pela", "vai", "aqui", "voce"},
            // Italian
            {"il", "la", "lo", "gli", "le", "di", "che", "non", "per", "una", "un", "del", "della", "dei", "delle",
                    "con", "sono", "anche", "come", "ma", "più", "ho", "hai", "ha", "questo", "questa", "molto", "tutto",
                    "io", "tu", "noi", "voi", "mi", "ti", "ci", "si", "al", "alla", "nel", "nella", "grazie", "perché",
                    "se", "già", "era", "sei", "essere", "cosa", "quando"},
            // Dutch
            {"de", "het", "een", "en", "van", "is", "dat", "die", "niet", "op", "te", "zijn", "met", "voor", "ik",
                    "je", "er", "maar", "om", "ook", "als", "aan", "bij", "nog", "wel", "naar", "dan", "wat", "heb",
                    "heeft", "hebben", "kan", "mijn", "ze", "hij", "we", "zo", "deze", "dit", "veel", "geen",
                    "bedankt", "echt", "uit", "door", "over", "nu", "jij", "jullie", "worden"},
            // Indonesian (with the colloquial forms comments use)
            {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "gak", "ga", "nggak", "enggak", "ada",
                    "saya", "aku", "kamu", "kita", "kami", "mereka", "dia", "akan", "sudah", "udah", "bisa", "juga",
                    "dari", "ke", "pada", "karena", "kalau", "kalo", "aja", "saja", "lagi", "banget", "sama", "mau",
                    "apa", "tapi", "atau", "jadi", "belum", "masih", "sangat", "semua", "buat", "sih", "deh", "dong",
                    "nya", "yg", "dgn", "utk", "lebih", "orang", "terima", "kasih", "selalu", "hari", "kok", "bukan",
                    "lu", "gw", "gua", "nih", "emang", "mana", "punya", "bikin", "kan", "lah", "gk", "tau", "bener",
                    "cuma", "dulu", "banyak", "jangan", "tuh", "bgt", "iya", "doang", "mending", "paling", "pasti",
                    "biar", "dah", "mah", "kapan", "baru", "langsung", "pake", "wkwk", "wkwkwk"},
            // Vietnamese (the folding drops its diacritics; both forms are listed)
            {"là", "của", "và", "các", "những", "không", "được", "này", "cho", "với", "một", "người", "tôi", "bạn",
                    "có", "trong", "cũng", "rất", "như", "nhiều", "đã", "thì", "mình", "để", "khi", "làm", "gì", "mà",
                    "đến", "về", "quá", "rồi", "nhé", "nha", "bị", "lại", "ở", "vẫn", "luôn", "hơn", "nhưng",
                    "còn", "nên", "vì", "đây", "đó", "sẽ", "chưa", "thấy"}};

    /** Word to a bit mask of the languages it is common in. */
    private static final Map<String, Integer> LANGUAGES = new HashMap<>();

    static {
        for (int lang = 0; lang < WORDS.length; lang++) {
            for (String w : WORDS[lang]) {
                LANGUAGES.merge(w, 1 << lang, (a, b) -> a | b);
                String plain = unaccented(w);
                if (!plain.equals(w)) LANGUAGES.merge(plain, 1 << lang, (a, b) -> a | b);
            }
        }
    }

    private StopWords() {}

    /**
     * The language most of the comment's common words belong to, as an index into {@link #CODES}, or -1
     * when none has {@link #MIN_HITS} words, a fifth of the letter words and twice the words of any other.
     */
    static int guess(Features f) {
        int[] hits = new int[CODES.length];
        int n = 0;
        for (int i = 0, words = f.wordCount(); i < words && n < LanguageProfile.MAX_WORDS_PER_COMMENT; i++) {
            String w = f.word(i);
            if (!LanguageProfile.isLetterWord(w)) continue;
            n++;
            Integer mask = LANGUAGES.get(w);
            if (mask == null) continue;
            for (int m = mask; m != 0; m &= m - 1) hits[Integer.numberOfTrailingZeros(m)]++;
        }
        int best = -1, second = 0;
        for (int k = 0; k < hits.length; k++) {
            if (best < 0 || hits[k] > hits[best]) {
                if (best >= 0) second = Math.max(second, hits[best]);
                best = k;
            } else {
                second = Math.max(second, hits[k]);
            }
        }
        boolean clear = hits[best] >= MIN_HITS && hits[best] >= MIN_SHARE * n && hits[best] >= 2 * second;
        return clear ? best : -1;
    }

    /**
     * The known languages a site declares (Akismet's blog_lang, e.g. {@code "en_us, fr"}) as a bit mask
     * over {@link #CODES}; 0 when nothing is declared, or when any declared language is one these lists
     * do not know (its readers' words could look like a known language: Javanese like Indonesian).
     */
    static int declared(String declared) {
        int mask = 0;
        for (String lang : declared.split("[,;\\s]+")) {
            String tag = lang.strip().toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) continue;
            int cut = indexOfAny(tag);
            String base = cut < 0 ? tag : tag.substring(0, cut);
            base = ALIASES.getOrDefault(base, base);
            int k = java.util.Arrays.asList(CODES).indexOf(base);
            if (k < 0) return 0;
            mask |= 1 << k;
        }
        return mask;
    }

    private static int indexOfAny(String tag) {
        int u = tag.indexOf('_'), h = tag.indexOf('-');
        return u < 0 ? h : h < 0 ? u : Math.min(u, h);
    }

    private static String unaccented(String w) {
        String d = Normalizer.normalize(w, Normalizer.Form.NFD).replace("đ", "d");
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) b.append(c);
        }
        return b.toString();
    }
}
