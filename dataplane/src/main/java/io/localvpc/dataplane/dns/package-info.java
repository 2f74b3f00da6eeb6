/**
 * The DNS server that plays a VPC's Amazon-provided resolver: one server per VPC, UDP and TCP on one port of
 * 127.0.0.1, answering every question from that VPC's {@link io.localvpc.dataplane.dns.DnsView}. dnsjava reads
 * and writes the messages.
 *
 * <p>Start one: {@code DnsServer.start(view, 0, "vpc-0abc")}; or let a {@link
 * io.localvpc.dataplane.dns.DnsServerRegistry} start one per VPC on demand with {@code registry.ensure(vpcId)},
 * which returns the server's address ({@code dig @127.0.0.1 -p <port> s3.us-east-1.amazonaws.com}).
 */
package io.localvpc.dataplane.dns;
