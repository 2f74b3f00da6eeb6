package io.localvpc.dataplane.dns;

/**
 * One VPC's view of DNS, as its resolver (the Amazon-provided DNS server at the VPC base + 2) sees it: private
 * hosted zones, endpoint private DNS names, instance host names. The DNS server asks it for every question.
 *
 * <p>Called on a Netty event loop, so it must answer from memory without blocking. An exception is answered
 * with SERVFAIL.
 */
@FunctionalInterface
public interface DnsView {
    /**
     * @param name the question name in lower case without the trailing dot, e.g. {@code s3.us-east-1.amazonaws.com}
     * @param type the numeric record type asked for ({@code org.xbill.DNS.Type.A} = 1, {@code AAAA} = 28, …)
     */
    DnsViewAnswer lookup(String name, int type);
}
