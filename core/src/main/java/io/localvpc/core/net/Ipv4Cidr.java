package io.localvpc.core.net;

import java.util.Optional;

/**
 * An IPv4 CIDR block. {@link #parse} accepts what AWS accepts ("10.0.0.0/16", and also host bits set,
 * which AWS canonicalises for VPCs); {@link #isCanonical} tells whether host bits were set.
 */
public record Ipv4Cidr(long base, int prefixLength) implements Comparable<Ipv4Cidr> {

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) throw new IllegalArgumentException("prefix length " + prefixLength);
        base = base & mask(prefixLength);
    }

    public static Optional<Ipv4Cidr> parse(String text) {
        return Optional.ofNullable(parseOrNull(text));
    }

    /** As {@link #parse}, for hot paths (overlap checks over thousands of subnets): no copies, null if invalid. */
    public static Ipv4Cidr parseOrNull(String text) {
        if (text == null) return null;
        int slash = text.indexOf('/');
        if (slash < 0) return null;
        long addr = Ipv4.parse(text, 0, slash);
        if (addr < 0) return null;
        int digits = text.length() - slash - 1;
        if (digits < 1 || digits > 2) return null;
        int prefix = 0;
        for (int i = slash + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return null;
            prefix = prefix * 10 + (c - '0');
        }
        return prefix > 32 ? null : new Ipv4Cidr(addr, prefix);
    }

    /** True when the text names the block exactly, with no host bits set ("10.0.0.0/16", not "10.0.0.1/16"). */
    public static boolean isCanonical(String text) {
        return parse(text).map(c -> c.toString().equals(text)).orElse(false);
    }

    public static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public long first() {
        return base;
    }

    public long last() {
        return base + size() - 1;
    }

    public boolean contains(long address) {
        return (address & mask(prefixLength)) == base;
    }

    public boolean contains(Ipv4Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.base);
    }

    public boolean overlaps(Ipv4Cidr other) {
        return contains(other) || other.contains(this);
    }

    @Override
    public String toString() {
        return Ipv4.format(base) + "/" + prefixLength;
    }

    @Override
    public int compareTo(Ipv4Cidr o) {
        int c = Long.compare(base, o.base);
        return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
    }
}
