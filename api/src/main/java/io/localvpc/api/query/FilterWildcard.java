package io.localvpc.api.query;

import java.util.Arrays;

/**
 * One value of an EC2 Describe filter: exact text, or a pattern where {@code *} matches any run of characters
 * (also none) and {@code ?} exactly one. As EC2 documents, a backslash makes the next {@code *}, {@code ?} or
 * {@code \} literal ({@code \*amazon\?\\} matches the text {@code *amazon?\}); a backslash before anything else
 * is itself literal, so values such as Windows paths need no escaping.
 *
 * <p>Matching is greedy with one back-tracking point (the last star), which is exact for these two wildcards
 * and takes at most (pattern length + 1) × (text length + 1) steps: patterns like {@code *a*a*a*a*b} cannot
 * make it explode, whatever a caller sends.
 */
final class FilterWildcard {
    private final char[] chars;
    /** Per pattern character: true when it is an active wildcard; null when there is none (a literal). */
    private final boolean[] wild;
    private final String literal;

    private FilterWildcard(char[] chars, boolean[] wild) {
        this.chars = chars;
        this.wild = wild;
        this.literal = wild == null ? new String(chars) : null;
    }

    static FilterWildcard of(String value) {
        char[] out = new char[value.length()];
        boolean[] wild = new boolean[value.length()];
        boolean anyWild = false;
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && isSpecial(value.charAt(i + 1))) {
                out[n++] = value.charAt(++i);
            } else {
                wild[n] = c == '*' || c == '?';
                anyWild |= wild[n];
                out[n++] = c;
            }
        }
        return new FilterWildcard(Arrays.copyOf(out, n), anyWild ? Arrays.copyOf(wild, n) : null);
    }

    private static boolean isSpecial(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    boolean matches(String text) {
        return match(text, null);
    }

    /** Matches, counting each step of the loop into {@code steps[0]} when given (for tests of the bound). */
    boolean match(String text, long[] steps) {
        if (literal != null) return literal.equals(text);
        int p = 0, t = 0, starP = -1, starT = -1;
        while (t < text.length()) {
            if (steps != null) steps[0]++;
            if (p < chars.length && wild[p] && chars[p] == '*') {
                // Remember the star and first let it match nothing.
                starP = p++;
                starT = t;
            } else if (p < chars.length && ((wild[p] && chars[p] == '?') || chars[p] == text.charAt(t))) {
                p++;
                t++;
            } else if (starP >= 0) {
                // Mismatch after a star: let that star swallow one more character and retry from there.
                // Earlier stars never need revisiting: the last one can absorb anything they could.
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < chars.length && wild[p] && chars[p] == '*') p++;
        return p == chars.length;
    }

    @Override
    public String toString() {
        return literal != null ? literal : new String(chars);
    }
}
