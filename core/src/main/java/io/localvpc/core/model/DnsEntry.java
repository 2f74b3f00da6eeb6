package io.localvpc.core.model;

/** One DNS name of an interface VPC endpoint and the Route 53 hosted zone that holds it. */
public record DnsEntry(String dnsName, String hostedZoneId) {
}
