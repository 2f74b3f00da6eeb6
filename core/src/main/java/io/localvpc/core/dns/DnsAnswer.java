package io.localvpc.core.dns;

import java.util.List;

/** What a VPC's resolver answers for a name, with the reason, so a refusal can say why. */
public sealed interface DnsAnswer {
    /**
     * A records. {@code source} says which rule produced them (e.g. "private DNS of vpce-…");
     * {@code insideVpc} is true when they are interfaces of the VPC (an endpoint's, an instance's), which is
     * when a client's choice among several (same zone first) matters.
     */
    record Addresses(List<String> addresses, String source, boolean insideVpc) implements DnsAnswer {
        public Addresses {
            addresses = List.copyOf(addresses);
        }
    }

    /** NXDOMAIN. */
    record NoSuchName(String reason) implements DnsAnswer {
    }

    /** The name exists but nothing can answer for it now (every interface of it is in a down zone): SERVFAIL. */
    record Unavailable(String reason) implements DnsAnswer {
    }

    /** The VPC's resolver answers nothing at all (enableDnsSupport off): REFUSED. */
    record Refused(String reason) implements DnsAnswer {
    }
}
