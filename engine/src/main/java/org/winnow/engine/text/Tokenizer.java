package org.winnow.engine.text;

import java.util.Arrays;

/**
 * Splits folded text into word tokens (runs of letters, digits and combining marks). Runs of four or
 * more single characters separated by a little punctuation or space ({@code w e t o n 8 8},
 * {@code w.e.t.o.n}) are collapsed into one token, the way spammers spell names to dodge filters.
 */
public final class Tokenizer {
    private static final int MIN_SPACED_RUN = 4;
    private static final int MAX_SPACED_GAP = 3;

    private final boolean collapseSpacedLetters;

    public Tokenizer(boolean collapseSpacedLetters) {
        this.collapseSpacedLetters = collapseSpacedLetters;
    }

    /** Tokens in order, and how many spaced-out runs were collapsed. */
    public record Tokens(String[] words, int spacedRuns) {}

    /** A growable array of tokens (the caller gets the array itself, not a list around it). */
    private static final class Out {
        String[] words;
        int size;

        Out(int capacity) {
            words = new String[capacity];
        }

        void add(String w) {
            if (size == words.length) words = Arrays.copyOf(words, size * 2 + 4);
            words[size++] = w;
        }

        String[] toArray() {
            return size == words.length ? words : Arrays.copyOf(words, size);
        }
    }

    public Tokens tokenize(String text) {
        Out out = new Out(text.length() / 5 + 4);
        int spacedRuns = 0;
        int n = text.length();
        int i = 0;
        // pending run of single-character tokens
        StringBuilder run = new StringBuilder(16);
        int runEnd = -1;
        while (i < n) {
            int start = i;
            while (start < n && !isWordChar(text.charAt(start))) start++;
            if (start >= n) break;
            int end = start;
            while (end < n && isWordChar(text.charAt(end))) end++;
            int cps = end - start; // word characters exclude surrogates: one char per code point
            if (collapseSpacedLetters && cps == 1) {
                if (run.length() > 0 && !smallGap(text, runEnd, start)) {
                    spacedRuns += flushRun(run, out);
                }
                run.append(text, start, end);
                runEnd = end;
            } else {
                if (run.length() > 0) spacedRuns += flushRun(run, out);
                if (cps >= 2 || !collapseSpacedLetters) {
                    if (cps >= 2 || Character.isDigit(text.charAt(start))) out.add(text.substring(start, end));
                }
            }
            i = end;
        }
        if (run.length() > 0) spacedRuns += flushRun(run, out);
        return new Tokens(out.toArray(), spacedRuns);
    }

    /** Emits a collapsed run, or its single digits when the run is short; returns 1 if collapsed. */
    private static int flushRun(StringBuilder run, Out out) {
        int cps = run.codePointCount(0, run.length());
        int collapsed = 0;
        if (cps >= MIN_SPACED_RUN) {
            out.add(run.toString());
            collapsed = 1;
        } else {
            for (int j = 0; j < run.length(); ) {
                int cp = run.codePointAt(j);
                if (Character.isDigit(cp)) out.add(new String(Character.toChars(cp)));
                j += Character.charCount(cp);
            }
        }
        run.setLength(0);
        return collapsed;
    }

    private static boolean smallGap(String text, int from, int to) {
        if (to - from > MAX_SPACED_GAP) return false;
        for (int k = from; k < to; k++) if (text.charAt(k) == '\n') return false;
        return true;
    }

    static boolean isWordChar(char c) {
        if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        if (Character.isHighSurrogate(c) || Character.isLowSurrogate(c)) return false;
        int t = Character.getType(c);
        return Character.isLetterOrDigit(c) || t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK;
    }
}
