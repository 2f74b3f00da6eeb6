package io.localvpc.core.path;

/**
 * A connection a workload wants to open: from an instance or network interface ({@code i-…}/{@code eni-…}),
 * to a host name or IPv4 address and port. {@code sourcePort} is the client's ephemeral port, which
 * stateless network ACLs must let the return traffic reach.
 */
public record Flow(String source, String destination, int port, int protocol, int sourcePort) {
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** A typical Linux/Windows ephemeral port, used when the real client port is not known. */
    public static final int DEFAULT_EPHEMERAL_PORT = 50000;

    public static Flow tcp(String source, String destination, int port) {
        return new Flow(source, destination, port, TCP, DEFAULT_EPHEMERAL_PORT);
    }

    public String describe() {
        return Protocols.name(protocol) + " " + destination + ":" + port;
    }
}
