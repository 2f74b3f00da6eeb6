package io.localvpc.dataplane.dns;

import java.util.List;
import java.util.Objects;

/** A {@link DnsView}'s answer to one question; each variant is one DNS response code. */
public sealed interface DnsViewAnswer {

    /**
     * NOERROR with records, in answer-section order: a CNAME chain first, then the records of its end, as
     * Route 53 Resolver answers it. An empty list is the same as {@link NoData}.
     */
    record Found(List<DnsRecord> records) implements DnsViewAnswer {
        public Found {
            records = List.copyOf(records);
        }
    }

    /** NOERROR without records: the name exists but has no record of the type asked. */
    record NoData() implements DnsViewAnswer {
    }

    /** NXDOMAIN: the name does not exist in this view. */
    record NxDomain() implements DnsViewAnswer {
    }

    /** REFUSED, e.g. a VPC whose {@code enableDnsSupport} is off; the reason goes to the log only. */
    record Refused(String reason) implements DnsViewAnswer {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** SERVFAIL: the view could not answer; the reason goes to the log only. */
    record ServFail(String reason) implements DnsViewAnswer {
        public ServFail {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static DnsViewAnswer found(DnsRecord... records) {
        return new Found(List.of(records));
    }

    static DnsViewAnswer noData() {
        return new NoData();
    }

    static DnsViewAnswer nxDomain() {
        return new NxDomain();
    }
}
