package io.localvpc.core.iam;

import java.math.BigDecimal;

/** Reads the numbers of Numeric* conditions: integers or decimals, compared exactly. */
final class Numbers {
    private Numbers() {}

    /** The number, or null when the text is not one. */
    static BigDecimal parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) return null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
                    || ((c == '-' || c == '+') && (i == 0 || t.charAt(i - 1) == 'e' || t.charAt(i - 1) == 'E'));
            if (!ok) return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
