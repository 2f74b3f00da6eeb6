package io.localvpc.dataplane.backend;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Another local emulator reached over plain HTTP, e.g. {@code http://127.0.0.1:4566}. Requests keep their
 * method, path, query, {@code Host} and signature; only the transport changes from TLS to clear text.
 */
public final class UpstreamBackend implements ServiceBackend {

    private final String name;
    private final InetSocketAddress address;

    private UpstreamBackend(String name, InetSocketAddress address) {
        this.name = name;
        this.address = address;
    }

    /**
     * @param url {@code http://HOST:PORT} where HOST is a loopback address or {@code localhost}
     * @throws IllegalArgumentException for another scheme, a path, or a non-loopback host
     */
    public static UpstreamBackend http(URI url) {
        InetSocketAddress address = Loopback.httpAddress(url);
        return new UpstreamBackend("upstream " + url, address);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Protocol protocol() {
        return Protocol.HTTP;
    }

    @Override
    public String toString() {
        return name;
    }
}
