package io.localvpc.core.xml;

/**
 * Which characters XML 1.0 documents may hold (its {@code Char} production), and text escaped for them: the one
 * implementation the API's XML, the services' XML errors and input validation share.
 */
public final class XmlText {
    /** What {@link #escape} writes in place of a character XML 1.0 cannot carry. */
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

    /**
     * Appends text as XML 1.0 character data: markup characters escaped, and characters XML 1.0 cannot carry at all
     * (C0 controls other than tab, CR and LF; U+FFFE and U+FFFF; unpaired surrogates) written as U+FFFD, so a
     * document is always well-formed whatever a stored value holds.
     */
    public static void escape(StringBuilder sb, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        sb.append(c).append(text.charAt(++i));
                    } else if (isAllowed(c)) {
                        sb.append(c);
                    } else {
                        sb.append(REPLACEMENT);
                    }
                }
            }
        }
    }

    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escape(sb, text);
        return sb.toString();
    }
}
