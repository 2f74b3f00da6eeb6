package io.localvpc.api.wire;

/** Which characters XML 1.0 documents may hold (its {@code Char} production), for writers and validators alike. */
public final class XmlText {
    /** What {@link XmlEncoder} writes in place of a character XML 1.0 cannot carry. */
    public static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /**
     * Whether a single UTF-16 unit is a character XML 1.0 allows on its own: tab, LF, CR, U+0020–U+D7FF and
     * U+E000–U+FFFD. Surrogates are allowed only in pairs and are checked by the caller.
     */
    public static boolean isAllowed(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    /** The index of the first character of {@code s} that XML 1.0 cannot carry, or -1 when there is none. */
    public static int firstDisallowed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (!isAllowed(c)) {
                return i;
            }
        }
        return -1;
    }
}
