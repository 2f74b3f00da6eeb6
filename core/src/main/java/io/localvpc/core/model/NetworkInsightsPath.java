package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/**
 * A Reachability Analyzer path: what to analyse, never a result. {@code source} and {@code destination} are the
 * resource ids as given (an ARN given is kept as its id; {@code sourceArn}/{@code destinationArn} are the ARNs);
 * {@code destination} is null for a path to an address only ({@code destinationIp}). {@code protocol} is
 * {@code tcp} or {@code udp}; {@code destinationPort} null means any port. The filters are null when not given.
 */
public record NetworkInsightsPath(
        String id,
        String ownerId,
        Instant createdAt,
        String source,
        String sourceArn,
        String destination,
        String destinationArn,
        String sourceIp,
        String destinationIp,
        String protocol,
        Integer destinationPort,
        Filter filterAtSource,
        Filter filterAtDestination) implements Resource {

    /** AWS's PathFilter: addresses and port ranges a path's packets must have at one end. */
    public record Filter(String sourceAddress, PortRange sourcePortRange, String destinationAddress, PortRange destinationPortRange) {
    }

    /** An inclusive port range; either bound may be missing (AWS's FilterPortRange). */
    public record PortRange(Integer fromPort, Integer toPort) {
    }
}
