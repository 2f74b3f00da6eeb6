package io.localvpc.dataplane.proxy;

import java.util.Objects;

/**
 * One connection a workload asks for.
 *
 * @param identity the workload the program runs as: an instance id ({@code i-…}) or a network interface id
 *                 ({@code eni-…}), taken from the proxy user name; always well formed when a policy sees it (a
 *                 {@link ConnectionListener#refused} event may carry a malformed one, or null when none was given)
 * @param host     the destination exactly as the program gave it: a DNS name (not resolved by the proxy: the
 *                 policy resolves it in the VPC's DNS view) or an IP literal
 * @param port     the destination port, 1–65535
 * @param protocol how the program asked
 */
public record ConnectRequest(String identity, String host, int port, ProxyProtocol protocol) {
    public ConnectRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** {@code host:port}, with brackets around IPv6 literals. */
    public String destination() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
