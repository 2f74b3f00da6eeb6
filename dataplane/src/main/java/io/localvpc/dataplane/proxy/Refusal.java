package io.localvpc.dataplane.proxy;

/**
 * Why a connection did not go through, in the terms the two proxy protocols can express: the SOCKS5 reply
 * code (RFC 1928 §6) and the HTTP status the proxy answers with.
 */
public enum Refusal {
    /** A rule said no: security group, network ACL, endpoint policy, an unknown workload. */
    NOT_ALLOWED((byte) 0x02, 403),
    /** No route to the destination's network. */
    NETWORK_UNREACHABLE((byte) 0x03, 502),
    /** The route exists but nothing answers for that address (e.g. a blackhole route, a name that does not resolve). */
    HOST_UNREACHABLE((byte) 0x04, 502),
    /** The path was open but the target refused the TCP connection. */
    CONNECTION_REFUSED((byte) 0x05, 502),
    /** localvpc itself failed while deciding. */
    GENERAL_FAILURE((byte) 0x01, 502);

    private final byte socksReply;
    private final int httpStatus;

    Refusal(byte socksReply, int httpStatus) {
        this.socksReply = socksReply;
        this.httpStatus = httpStatus;
    }

    /** The SOCKS5 REP field. */
    public byte socksReply() {
        return socksReply;
    }

    /** The status of the HTTP proxy's answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
