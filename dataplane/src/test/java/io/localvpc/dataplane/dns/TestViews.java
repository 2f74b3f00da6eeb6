package io.localvpc.dataplane.dns;

import java.util.ArrayList;
import java.util.List;

/** Views for tests, shaped like what a VPC's resolver knows. */
final class TestViews {
    private TestViews() {
    }

    /** A VPC with an interface endpoint's private DNS name, a CNAME to it and many records on one name. */
    static DnsView vpc(String endpointIp) {
        return (name, type) -> {
            switch (name) {
                case "s3.us-east-1.amazonaws.com":
                    return type == DnsRecord.A ? DnsViewAnswer.found(DnsRecord.a(name, 60, endpointIp)) : DnsViewAnswer.noData();
                case "files.internal.example":
                    return type == DnsRecord.A || type == DnsRecord.CNAME
                            ? DnsViewAnswer.found(DnsRecord.cname(name, 300, "s3.us-east-1.amazonaws.com"),
                            DnsRecord.a("s3.us-east-1.amazonaws.com", 60, endpointIp))
                            : DnsViewAnswer.noData();
                case "many.internal.example":
                    List<DnsRecord> records = new ArrayList<>();
                    for (int i = 1; i <= 60; i++) records.add(DnsRecord.a(name, 30, "10.0." + i + ".10"));
                    return new DnsViewAnswer.Found(records);
                case "v6.internal.example":
                    return type == DnsRecord.AAAA ? DnsViewAnswer.found(DnsRecord.aaaa(name, 60, "fd00::5")) : DnsViewAnswer.noData();
                case "broken.internal.example":
                    throw new IllegalStateException("view bug");
                case "bad-record.internal.example":
                    return DnsViewAnswer.found(DnsRecord.a(name, 60, "not-an-ip"));
                default:
                    return DnsViewAnswer.nxDomain();
            }
        };
    }

    /** A VPC with enableDnsSupport off. */
    static DnsView dnsSupportOff(String vpcId) {
        return (name, type) -> new DnsViewAnswer.Refused("enableDnsSupport is false for " + vpcId);
    }
}
