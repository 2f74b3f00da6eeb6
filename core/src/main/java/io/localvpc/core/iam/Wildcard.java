package io.localvpc.core.iam;

/**
 * A pattern with AWS's two wildcards: {@code *} (any run of characters, also none) and {@code ?} (exactly
 * one character). Each character remembers whether it is a wildcard, so a {@code *} that came from a
 * policy variable's value or from {@code ${*}} stays a literal star.
 * Matching works on index ranges and allocates nothing.
 */
final class Wildcard {
    final char[] chars;
    /** Per character: true when it is an active wildcard; null when the pattern has none. */
    final boolean[] wild;

    Wildcard(char[] chars, boolean[] wild) {
        this.chars = chars;
        this.wild = wild;
    }

    /** A pattern where every {@code *} and {@code ?} is a wildcard. */
    static Wildcard of(String pattern) {
        char[] c = pattern.toCharArray();
        boolean[] w = null;
        for (int i = 0; i < c.length; i++) {
            if (c[i] == '*' || c[i] == '?') {
                if (w == null) w = new boolean[c.length];
                w[i] = true;
            }
        }
        return new Wildcard(c, w);
    }

    boolean hasWildcards() {
        return wild != null;
    }

    boolean isMatchAll() {
        return chars.length == 1 && wild != null && chars[0] == '*';
    }

    boolean matches(String s) {
        return matches(0, chars.length, s, 0, s.length(), false);
    }

    boolean matchesIgnoreCase(String s) {
        return matches(0, chars.length, s, 0, s.length(), true);
    }

    private boolean isWild(int i, char c) {
        return wild != null && wild[i] && chars[i] == c;
    }

    /**
     * Whether pattern characters [ps, pe) match s[ss, se). With ignoreCase the pattern must already be in
     * lower case. Greedy with one back-tracking point, which is exact for {@code *} and {@code ?}.
     */
    boolean matches(int ps, int pe, String s, int ss, int se, boolean ignoreCase) {
        int p = ps, i = ss, starP = -1, starI = -1;
        while (i < se) {
            if (p < pe && isWild(p, '*')) {
                starP = p++;
                starI = i;
                continue;
            }
            if (p < pe && (isWild(p, '?') || same(chars[p], s.charAt(i), ignoreCase))) {
                p++;
                i++;
                continue;
            }
            if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
                continue;
            }
            return false;
        }
        while (p < pe && isWild(p, '*')) p++;
        return p == pe;
    }

    private static boolean same(char patternChar, char c, boolean ignoreCase) {
        if (patternChar == c) return true;
        return ignoreCase && patternChar == Character.toLowerCase(c);
    }

    /**
     * Matches ARNs component by component, as AWS does: the first five {@code :}-separated parts
     * (arn, partition, service, region, account) each on their own, so a wildcard never spans a colon
     * there; the resource part (the rest, colons included) as one. A lone {@code *} matches anything.
     */
    boolean matchesArn(String arn) {
        int pe = chars.length;
        if (isMatchAll()) return true;
        int ps = 0, ss = 0, se = arn.length();
        for (int part = 0; part < 5; part++) {
            int pColon = indexOf(ps, pe);
            int sColon = arn.indexOf(':', ss);
            if (pColon < 0 || sColon < 0) {
                // A wildcard never stands for a missing ARN component: both sides must run out together.
                return pColon < 0 && sColon < 0 && matches(ps, pe, arn, ss, se, false);
            }
            if (!matches(ps, pColon, arn, ss, sColon, false)) return false;
            ps = pColon + 1;
            ss = sColon + 1;
        }
        return matches(ps, pe, arn, ss, se, false);
    }

    private int indexOf(int from, int to) {
        for (int i = from; i < to; i++) {
            if (chars[i] == ':') return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return new String(chars);
    }
}
