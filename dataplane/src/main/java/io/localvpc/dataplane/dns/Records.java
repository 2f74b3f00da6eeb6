package io.localvpc.dataplane.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a view's {@link DnsRecord} into dnsjava's record; literals only, never a lookup. */
final class Records {
    private Records() {
    }

    static Record toDnsjava(DnsRecord r) throws TextParseException, UnknownHostException {
        Name name = Name.fromString(r.name(), Name.root);
        return switch (r.type()) {
            case DnsRecord.A -> new ARecord(name, DClass.IN, r.ttl(), literal(r.value(), Address.IPv4));
            case DnsRecord.AAAA -> new AAAARecord(name, DClass.IN, r.ttl(), literal(r.value(), Address.IPv6));
            case DnsRecord.CNAME -> new CNAMERecord(name, DClass.IN, r.ttl(), Name.fromString(r.value(), Name.root));
            default -> throw new IllegalArgumentException("unsupported record type " + r.type());
        };
    }

    private static InetAddress literal(String text, int family) throws UnknownHostException {
        byte[] bytes = Address.toByteArray(text, family);
        if (bytes == null) {
            throw new UnknownHostException("'" + text + "' is not an IPv" + (family == Address.IPv4 ? "4" : "6") + " literal");
        }
        return InetAddress.getByAddress(bytes);
    }
}
