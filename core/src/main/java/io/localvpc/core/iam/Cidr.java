package io.localvpc.core.iam;

/**
 * An IPv4 or IPv6 address block for IpAddress / NotIpAddress ({@code 203.0.113.0/24}, {@code 2001:db8::/32});
 * a bare address is a /32 or /128. Parsed by hand so that no text is ever handed to a name resolver.
 */
final class Cidr {
    final boolean v6;
    final long hi;
    final long lo;
    final int prefix;

    private Cidr(boolean v6, long hi, long lo, int prefix) {
        this.v6 = v6;
        this.prefix = prefix;
        // Keep only the network bits, so equal blocks compare equal.
        this.hi = v6 ? hi & mask(Math.min(prefix, 64)) : 0;
        this.lo = v6 ? lo & mask(Math.max(prefix - 64, 0)) : lo & (mask(prefix + 32) & 0xFFFFFFFFL);
    }

    /** A mask with the top {@code bits} (0..64) of a long set. */
    private static long mask(int bits) {
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    /** Whether every address of {@code other} lies inside this block. */
    boolean contains(Cidr other) {
        if (other == null || other.v6 != v6 || other.prefix < prefix) return false;
        if (v6) {
            return (other.hi & mask(Math.min(prefix, 64))) == hi && (other.lo & mask(Math.max(prefix - 64, 0))) == lo;
        }
        return (other.lo & mask(prefix + 32) & 0xFFFFFFFFL) == lo;
    }

    /** The block, or null when the text is not an address or block. */
    static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        boolean v6 = addr.indexOf(':') >= 0;
        int max = v6 ? 128 : 32;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return null;
            prefix = Integer.parseInt(p);
            if (prefix > max) return null;
        }
        if (!v6) {
            long v = ipv4(addr);
            return v < 0 ? null : new Cidr(false, 0, v, prefix);
        }
        long[] words = ipv6(addr);
        return words == null ? null : new Cidr(true, words[0], words[1], prefix);
    }

    private static long ipv4(String s) {
        long v = 0;
        int parts = 0, i = 0;
        while (i <= s.length()) {
            int j = s.indexOf('.', i);
            if (j < 0) j = s.length();
            String part = s.substring(i, j);
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return -1;
            int n = Integer.parseInt(part);
            if (n > 255) return -1;
            v = (v << 8) | n;
            parts++;
            i = j + 1;
        }
        return parts == 4 ? v : -1;
    }

    private static long[] ipv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return null;
        int[] head = groups(dbl < 0 ? s : s.substring(0, dbl));
        int[] tail = dbl < 0 ? new int[0] : groups(s.substring(dbl + 2));
        if (head == null || tail == null) return null;
        int total = head.length + tail.length;
        if (dbl < 0 ? total != 8 : total > 7) return null;
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        long hi = 0, lo = 0;
        for (int k = 0; k < 4; k++) hi = (hi << 16) | all[k];
        for (int k = 4; k < 8; k++) lo = (lo << 16) | all[k];
        return new long[] {hi, lo};
    }

    /** 16-bit groups of a colon-separated run; a trailing dotted quad counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) return new int[0];
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean quad = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[quad ? n + 1 : n];
        for (int k = 0; k < n; k++) {
            String p = parts[k];
            if (quad && k == n - 1) {
                long v = ipv4(p);
                if (v < 0) return null;
                out[k] = (int) (v >>> 16);
                out[k + 1] = (int) (v & 0xFFFF);
                break;
            }
            if (p.isEmpty() || p.length() > 4) return null;
            try {
                out[k] = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }
}
