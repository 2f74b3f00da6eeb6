package io.localvpc.dataplane.backend;

import java.net.InetSocketAddress;

/**
 * A local service that speaks its own protocol inside TLS (a database, a broker): the listener terminates TLS
 * and relays the decrypted bytes unchanged, in both directions.
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
