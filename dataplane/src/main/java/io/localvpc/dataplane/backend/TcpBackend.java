package io.localvpc.dataplane.backend;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A local service that speaks its own protocol (SSH, a database, a broker): the workload proxy passes a
 * workload's bytes to it unchanged, in both directions; a client that reaches the endpoint listener over TLS
 * with this service's SNI name has TLS terminated there and the decrypted bytes relayed.
 */
public final class TcpBackend implements ServiceBackend {

    private final InetSocketAddress address;

    private TcpBackend(InetSocketAddress address) {
        this.address = address;
    }

    /** @throws IllegalArgumentException when {@code host} is not a loopback address */
    public static TcpBackend loopback(String host, int port) {
        return new TcpBackend(Loopback.require(host, port));
    }

    /**
     * @param url {@code tcp://HOST:PORT} where HOST is a loopback address or {@code localhost}
     * @throws IllegalArgumentException for another scheme, a missing port, a path, or a non-loopback host
     */
    public static TcpBackend fromUrl(URI url) {
        return new TcpBackend(Loopback.tcpAddress(url));
    }

    @Override
    public String name() {
        return "tcp " + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Protocol protocol() {
        return Protocol.TCP;
    }

    @Override
    public String toString() {
        return name();
    }
}
