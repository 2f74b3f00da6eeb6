package io.localvpc.dataplane.backend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Backends are local processes only: localvpc never forwards a user's decrypted traffic off the machine.
 */
final class Loopback {

    private Loopback() {
    }

    /** The socket address of an {@code http://127.0.0.1:PORT} (or {@code localhost}, {@code [::1]}) URL. */
    static InetSocketAddress httpAddress(URI url) {
        if (url == null || !"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("upstream URL must look like http://127.0.0.1:PORT (or tcp://127.0.0.1:PORT"
                    + " for a service that does not speak HTTP), got " + url);
        }
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
            throw new IllegalArgumentException("upstream URL " + url + " must not have a path: requests keep"
                    + " their own path");
        }
        int port = url.getPort() == -1 ? 80 : url.getPort();
        return require(url.getHost(), port);
    }

    /** The socket address of a {@code tcp://127.0.0.1:PORT} URL (the port is required: no protocol implies one). */
    static InetSocketAddress tcpAddress(URI url) {
        if (url == null || !"tcp".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getPort() == -1) {
            throw new IllegalArgumentException("a TCP upstream URL must look like tcp://127.0.0.1:PORT, got " + url);
        }
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
            throw new IllegalArgumentException("TCP upstream URL " + url + " must not have a path");
        }
        return require(url.getHost(), url.getPort());
    }

    /** The address of {@code host:port}, refusing any host that does not resolve to a loopback address. */
    static InetSocketAddress require(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress address;
        try {
            address = h.equalsIgnoreCase("localhost") ? InetAddress.getLoopbackAddress() : InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown upstream host " + host, e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("upstream " + host + ":" + port + " is not a loopback address;"
                    + " only services on this machine (127.0.0.1, ::1, localhost) can be backends");
        }
        return new InetSocketAddress(address, port);
    }
}
