package io.localvpc.api.query;

/** An AWS filter value: exact text, or a pattern where {@code *} is any run and {@code ?} one character. */
record Wildcard(String pattern, boolean literal) {
    static Wildcard of(String pattern) {
        return new Wildcard(pattern, pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0);
    }

    boolean matches(String text) {
        if (literal) return pattern.equals(text);
        return match(0, 0, text);
    }

    private boolean match(int p, int t, String text) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int k = t; k <= text.length(); k++) if (match(p + 1, k, text)) return true;
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) return false;
            p++;
            t++;
        }
        return t == text.length();
    }
}
