package org.winnow.store;

import java.time.Instant;
import java.util.Set;

/**
 * Argument checks done before anything reaches the database, so bad input fails the same way on
 * SQLite (which ignores VARCHAR lengths) and PostgreSQL, with a message naming the field.
 */
final class Validate {

    static final Set<String> VERDICTS = Set.of("ham", "spam", "discard");

    private Validate() {}

    static String text(String field, String value, int maxChars) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required but was null");
        }
        if (value.length() > maxChars) {
            throw new IllegalArgumentException(
                    field + " is too long: " + value.length() + " characters, at most " + maxChars + " allowed");
        }
        if (value.indexOf('\0') >= 0) {
            // PostgreSQL cannot store NUL in text; refuse it everywhere so both databases agree.
            throw new IllegalArgumentException(field + " contains a NUL character, which cannot be stored");
        }
        return value;
    }

    static String nonBlank(String field, String value, int maxChars) {
        text(field, value, maxChars);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static String optionalText(String field, String value, int maxChars) {
        return value == null ? null : text(field, value, maxChars);
    }

    static String verdict(String field, String value) {
        if (value == null || !VERDICTS.contains(value)) {
            throw new IllegalArgumentException(field + " must be \"ham\", \"spam\" or \"discard\", not " + quote(value));
        }
        return value;
    }

    static long id(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be a positive id, not " + value);
        }
        return value;
    }

    static long millis(String field, Instant value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required but was null");
        }
        try {
            return value.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is out of range: " + value);
        }
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required but was null");
        }
        return value;
    }

    static boolean isLowerHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return '"' + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + '"';
    }
}
