package io.localvpc.core.iam;

/**
 * A pattern with AWS's two wildcards: {@code *} (any run of characters, also none) and {@code ?} (exactly
 * one character). Each character remembers whether it is a wildcard, so a {@code *} that came from a
 * policy variable's value or from {@code ${*}} stays a literal star.
 * Matching works on index ranges and allocates nothing.
 */
final class PolicyWildcard {
    final char[] chars;
    /** Per character: true when it is an active wildcard; null when the pattern has none. */
    final boolean[] wild;

    /** The pattern as text, for literal comparisons. */
    private final String text;
    /** Index of the first wildcard, or the length when there is none. */
    private final int firstWild;
    /** Whether the only wildcard is one {@code *} at the very end (a prefix pattern). */
    private final boolean prefixPattern;
    /** For ARN patterns whose first five components hold no wildcard: the index just past the fifth colon, else -1. */
    private final int arnHead;

    PolicyWildcard(char[] chars, boolean[] wild) {
        this.chars = chars;
        this.wild = wild;
        this.text = new String(chars);
        int first = chars.length;
        if (wild != null) {
            for (int i = 0; i < chars.length; i++) {
                if (wild[i]) {
                    first = i;
                    break;
                }
            }
        }
        this.firstWild = first;
        this.prefixPattern = first == chars.length - 1 && chars[first] == '*';
        int colons = 0, head = -1;
        for (int i = 0; i < first && head < 0; i++) {
            if (chars[i] == ':' && ++colons == 5) head = i + 1;
        }
        this.arnHead = head;
    }

    /** A pattern where every {@code *} and {@code ?} is a wildcard. */
    static PolicyWildcard of(String pattern) {
        char[] c = pattern.toCharArray();
        boolean[] w = null;
        for (int i = 0; i < c.length; i++) {
            if (c[i] == '*' || c[i] == '?') {
                if (w == null) w = new boolean[c.length];
                w[i] = true;
            }
        }
        return new PolicyWildcard(c, w);
    }

    boolean hasWildcards() {
        return wild != null;
    }

    boolean isMatchAll() {
        return chars.length == 1 && wild != null && chars[0] == '*';
    }

    boolean matches(String s) {
        return matchesFrom(0, s, 0);
    }

    /**
     * Pattern [ps, end) against s[ss, end), with fast paths for the common shapes: no wildcard (a
     * comparison) and a single trailing star (a prefix test). Only valid for ps not beyond the first wildcard.
     */
    private boolean matchesFrom(int ps, String s, int ss) {
        int pe = chars.length;
        if (firstWild == pe) {
            return pe - ps == s.length() - ss && text.regionMatches(ps, s, ss, pe - ps);
        }
        if (prefixPattern) {
            int n = pe - 1 - ps;
            return s.length() - ss >= n && text.regionMatches(ps, s, ss, n);
        }
        return matches(ps, pe, s, ss, s.length());
    }

    private boolean isWild(int i, char c) {
        return wild != null && wild[i] && chars[i] == c;
    }

    /**
     * Whether pattern characters [ps, pe) match s[ss, se), case-sensitively (actions are compared in lower
     * case). Greedy with one back-tracking point, which is exact for {@code *} and {@code ?}.
     */
    boolean matches(int ps, int pe, String s, int ss, int se) {
        int p = ps, i = ss, starP = -1, starI = -1;
        while (i < se) {
            if (p < pe && isWild(p, '*')) {
                starP = p++;
                starI = i;
                continue;
            }
            if (p < pe && (isWild(p, '?') || chars[p] == s.charAt(i))) {
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

    /**
     * Matches ARNs component by component, as AWS does: the first five {@code :}-separated parts
     * (arn, partition, service, region, account) each on their own, so a wildcard never spans a colon
     * there; the resource part (the rest, colons included) as one. A lone {@code *} matches anything.
     */
    boolean matchesArn(String arn) {
        int pe = chars.length;
        if (isMatchAll()) return true;
        if (arnHead > 0) {
            // The first five components are literal: the ARN must start with exactly them (its own first
            // five colons then sit at the same places), and only the resource part is left to match.
            return arn.length() >= arnHead && arn.regionMatches(0, text, 0, arnHead) && matchesFrom(arnHead, arn, arnHead);
        }
        int ps = 0, ss = 0, se = arn.length();
        for (int part = 0; part < 5; part++) {
            int pColon = indexOf(ps, pe);
            int sColon = arn.indexOf(':', ss);
            if (pColon < 0 || sColon < 0) {
                // A wildcard never stands for a missing ARN component: both sides must run out together.
                return pColon < 0 && sColon < 0 && matches(ps, pe, arn, ss, se);
            }
            if (!matches(ps, pColon, arn, ss, sColon)) return false;
            ps = pColon + 1;
            ss = sColon + 1;
        }
        return matches(ps, pe, arn, ss, se);
    }

    private int indexOf(int from, int to) {
        for (int i = from; i < to; i++) {
            if (chars[i] == ':') return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return text;
    }
}
