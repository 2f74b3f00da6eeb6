package io.localvpc.core.net;

import java.util.Optional;

/**
 * An IPv6 CIDR block held as two 64-bit halves. {@link #parse} accepts the usual text forms
 * ("2001:db8::/32", "::/0", upper or lower case, full or compressed) and clears host bits;
 * {@link #toString} gives the canonical RFC 5952 form (lowercase, longest zero run as "::").
 */
public record Ipv6Cidr(long high, long low, int prefixLength) {

    public Ipv6Cidr {
        if (prefixLength < 0 || prefixLength > 128) throw new IllegalArgumentException("prefix length " + prefixLength);
        high &= prefixLength >= 64 ? -1L : (prefixLength == 0 ? 0L : -1L << (64 - prefixLength));
        low &= prefixLength >= 128 ? -1L : (prefixLength <= 64 ? 0L : -1L << (128 - prefixLength));
    }

    public static Optional<Ipv6Cidr> parse(String text) {
        if (text == null) return Optional.empty();
        int slash = text.indexOf('/');
        if (slash < 0) return Optional.empty();
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) return Optional.empty();
        int prefix = Integer.parseInt(len);
        if (prefix > 128) return Optional.empty();
        int[] groups = parseAddress(text.substring(0, slash));
        if (groups == null) return Optional.empty();
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) high = (high << 16) | groups[i];
        for (int i = 4; i < 8; i++) low = (low << 16) | groups[i];
        return Optional.of(new Ipv6Cidr(high, low, prefix));
    }

    /** The eight 16-bit groups of an IPv6 address in text form, or null if it is not one. */
    static int[] parseAddress(String text) {
        if (text.isEmpty() || text.length() > 39) return null;
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) return null;
        String[] head = gap < 0 ? text.split(":", -1) : splitNonEmpty(text.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : splitNonEmpty(text.substring(gap + 2));
        if (head == null || tail == null) return null;
        int given = head.length + tail.length;
        if (gap < 0 ? given != 8 : given > 7) return null;
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            int g = group(head[i]);
            if (g < 0) return null;
            groups[i] = g;
        }
        for (int i = 0; i < tail.length; i++) {
            int g = group(tail[i]);
            if (g < 0) return null;
            groups[8 - tail.length + i] = g;
        }
        return groups;
    }

    private static String[] splitNonEmpty(String part) {
        if (part.isEmpty()) return new String[0];
        String[] out = part.split(":", -1);
        for (String s : out) if (s.isEmpty()) return null;
        return out;
    }

    private static int group(String s) {
        if (s.isEmpty() || s.length() > 4) return -1;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }

    @Override
    public String toString() {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) g[i] = (int) ((high >>> (48 - 16 * i)) & 0xFFFF);
        for (int i = 0; i < 4; i++) g[4 + i] = (int) ((low >>> (48 - 16 * i)) & 0xFFFF);
        // RFC 5952: compress the longest run of two or more zero groups (the first such run on a tie).
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b + "/" + prefixLength;
    }
}
