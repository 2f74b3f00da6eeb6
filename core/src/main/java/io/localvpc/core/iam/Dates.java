package io.localvpc.core.iam;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the dates of Date* conditions as AWS does: the W3C profile of ISO 8601 ({@code 2026}, {@code 2026-03},
 * {@code 2026-03-01}, {@code 2026-03-01T12:00Z}, {@code 2026-03-01T12:00:00.5+01:00}; a time without a zone
 * is UTC) or epoch seconds ({@code 1772366400}).
 */
final class Dates {
    private Dates() {}

    /** Epoch milliseconds, or null when the text is not a date. */
    static Long parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) return null;
        if (allDigits(t) && t.length() != 4) {
            try {
                return Math.multiplyExact(Long.parseLong(t), 1000L);
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        }
        try {
            if (t.length() == 4 && allDigits(t)) {
                return LocalDate.of(Integer.parseInt(t), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (t.length() == 7) {
                return YearMonth.parse(t).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            String s = t.endsWith("z") ? t.substring(0, t.length() - 1) + "Z" : t;
            if (hasZone(s)) return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean hasZone(String s) {
        int t = s.indexOf('T');
        if (t < 0) return false;
        return s.endsWith("Z") || s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
