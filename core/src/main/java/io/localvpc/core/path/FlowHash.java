package io.localvpc.core.path;

/**
 * The hash a Network Load Balancer spreads connections by: the flow's 5-tuple (protocol, source address and port,
 * destination address and port), so every packet of one connection meets the same target and different connections
 * spread. Deterministic, so a trace and the connection it explains choose alike.
 */
final class FlowHash {
    private FlowHash() {
    }

    /** A non-negative hash of the 5-tuple. */
    static int of(int protocol, long sourceIp, int sourcePort, long destinationIp, int destinationPort) {
        long h = sourceIp * 0x9E3779B97F4A7C15L;
        h ^= destinationIp + 0x632BE59BD9B4E019L + (h << 6) + (h >>> 2);
        h ^= ((long) sourcePort << 32 | (long) destinationPort << 8 | protocol) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) (h & 0x7FFFFFFF);
    }
}
