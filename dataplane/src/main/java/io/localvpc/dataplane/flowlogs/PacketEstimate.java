package io.localvpc.dataplane.flowlogs;

/**
 * How many packets a TCP flow's bytes took in one direction. The proxy counts bytes, not packets, so packets are
 * estimated as a TCP stack sends them: data in segments of at most {@link #MSS} bytes (the largest a 1,500-byte MTU
 * carries), one acknowledgement for every two segments the other side sent (delayed ACKs), the handshake's SYN (or
 * SYN-ACK) and ACK in the window the connection opened, and a FIN in the window it closed.
 */
final class PacketEstimate {
    static final int MSS = 1460;

    /** TCP flags as flow logs OR them: FIN 1, SYN 2, and SYN-ACK written as 18. */
    static final int FIN = 1;
    static final int SYN = 2;
    static final int SYN_ACK = 18;

    private PacketEstimate() {
    }

    static long segments(long bytes) {
        return bytes <= 0 ? 0 : (bytes + MSS - 1) / MSS;
    }

    /**
     * @param sent     bytes this direction carried in the window
     * @param received bytes the other direction carried in the window (this direction acknowledges them)
     * @param opened   whether the connection was set up in the window (SYN or SYN-ACK, and the handshake's ACK)
     * @param closed   whether it closed in the window (a FIN)
     * @param request  the request direction (sends SYN and the handshake's ACK) or the return one (sends SYN-ACK)
     */
    static long packets(long sent, long received, boolean opened, boolean closed, boolean request) {
        long acks = (segments(received) + 1) / 2;
        long handshake = opened ? (request ? 2 : 1) : 0;
        return segments(sent) + acks + handshake + (closed ? 1 : 0);
    }

    static int flags(boolean opened, boolean closed, boolean request) {
        int f = opened ? (request ? SYN : SYN_ACK) : 0;
        return closed ? f | FIN : f;
    }
}
