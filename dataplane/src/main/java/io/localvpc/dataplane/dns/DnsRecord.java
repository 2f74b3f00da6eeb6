package io.localvpc.dataplane.dns;

import java.util.Objects;

/**
 * One resource record of an answer, in presentation form so views need no DNS library.
 *
 * @param name  owner name, with or without the trailing dot
 * @param type  {@link #A}, {@link #AAAA} or {@link #CNAME}
 * @param ttl   seconds
 * @param value an IPv4 literal (A), an IPv6 literal (AAAA) or a host name (CNAME)
 */
public record DnsRecord(String name, int type, long ttl, String value) {
    public static final int A = 1;
    public static final int CNAME = 5;
    public static final int AAAA = 28;

    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (type != A && type != AAAA && type != CNAME) throw new IllegalArgumentException("unsupported record type " + type);
        if (ttl < 0 || ttl > 0x7fffffffL) throw new IllegalArgumentException("ttl out of range: " + ttl);
    }

    public static DnsRecord a(String name, long ttl, String ipv4) {
        return new DnsRecord(name, A, ttl, ipv4);
    }

    public static DnsRecord aaaa(String name, long ttl, String ipv6) {
        return new DnsRecord(name, AAAA, ttl, ipv6);
    }

    public static DnsRecord cname(String name, long ttl, String target) {
        return new DnsRecord(name, CNAME, ttl, target);
    }
}
