package io.localvpc.dataplane.route;

import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.netty.util.AttributeKey;

import java.util.Objects;

/**
 * What one connection at the endpoint front is for, settled once when it arrives: the service's backend, the host
 * name the workload asked for (read once: its bucket, for S3), and where the flow comes from. Everything the front
 * does for the connection's requests starts from here; nothing routes the connection again.
 *
 * @param backend the backend that plays the service
 * @param host    the host the connection was opened to (the CONNECT or SOCKS5 name, or, where none was given, the
 *                TLS SNI name or the first request's {@code Host}), lower case, no port
 * @param aws     what that host name says (service, region, bucket)
 * @param origin  what the path engine decided about the flow; null for a connection no path engine delivered (tests)
 */
public record ServiceRoute(ServiceBackend backend, String host, AwsHost aws, FlowOrigin origin) {

    /** Where the endpoint front keeps a connection's route. */
    public static final AttributeKey<ServiceRoute> KEY = AttributeKey.valueOf("localvpc.serviceRoute");

    public ServiceRoute {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(aws, "aws");
    }

    public static ServiceRoute of(ServiceBackend backend, String host, FlowOrigin origin) {
        return new ServiceRoute(backend, host, AwsHost.parse(host), origin);
    }

    /** What {@code requestHost} says: read once for the connection's own host, the usual case. */
    public AwsHost awsHost(String requestHost) {
        return host.equals(requestHost) ? aws : AwsHost.parse(requestHost);
    }
}
