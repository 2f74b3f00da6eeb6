package io.localvpc.core.net;

/** IPv4 addresses as unsigned 32-bit values held in a long, and their dotted text form. */
public final class Ipv4 {
    private Ipv4() {
    }

    /** Parses a dotted quad strictly (four decimal parts 0–255, no leading '+' or spaces); -1 if it is not one. */
    public static long parse(String text) {
        return text == null ? -1 : parse(text, 0, text.length());
    }

    /** Parses the dotted quad in {@code text[from, to)} without copying it; -1 if it is not one. */
    public static long parse(CharSequence text, int from, int to) {
        if (to - from < 7 || to - from > 15) return -1;
        long value = 0;
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int part = 0;
            while (i < to && text.charAt(i) != '.') {
                char c = text.charAt(i);
                if (c < '0' || c > '9' || i - start >= 3) return -1;
                part = part * 10 + (c - '0');
                i++;
            }
            if (i == start || part > 255) return -1;
            value = (value << 8) | part;
            parts++;
            i++;
            if (parts == 4) return i == to + 1 ? value : -1;
        }
        return -1;
    }

    public static boolean isValid(String text) {
        return parse(text) >= 0;
    }

    public static String format(long value) {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "." + (value & 0xFF);
    }
}
