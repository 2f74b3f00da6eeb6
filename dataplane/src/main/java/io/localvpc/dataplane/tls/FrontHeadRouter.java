package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.route.AwsHost;
import io.localvpc.dataplane.route.InvalidS3Address;
import io.localvpc.dataplane.route.S3Names;
import io.localvpc.dataplane.route.ServiceRoute;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * Settles, for each request head on an endpoint-front connection, the backend it goes to — the connection's
 * {@link ServiceRoute}, decided once — and the S3 bucket and key it names, or how it is refused before any guard sees
 * it: malformed, for a host no service here answers, for another service than the connection's, or HTTP to a backend
 * that does not speak it.
 */
final class FrontHeadRouter {

    /** What a request head was routed to. */
    sealed interface HeadRoute {
    }

    /** The request goes to {@code backend} (named {@code host}); {@code s3} is null for services other than S3. */
    record Routed(ServiceRoute route, ServiceBackend backend, String host, S3Names s3) implements HeadRoute {
    }

    /** The request is answered with {@code refusal}; {@code close} when where the next request starts cannot be known. */
    record Refused(RequestVerdict.Refuse refusal, boolean close) implements HeadRoute {
    }

    private final BackendRouter router;
    /** The TLS SNI name the client asked for; null on plain HTTP. */
    private final String sniHostName;

    FrontHeadRouter(BackendRouter router, String sniHostName) {
        this.router = router;
        this.sniHostName = sniHostName;
    }

    String sniHostName() {
        return sniHostName;
    }

    HeadRoute route(HttpRequest request, Channel connection) {
        String problem = FrontRequestProblems.of(request);
        if (problem != null) {
            // Answered in the format of the service the connection was for (by SNI or Host), then closed: where a
            // malformed request ends, and so where the next one would start, cannot be known.
            return new Refused(FrontRequestProblems.answer(request, problem, errorFormat(request, connection)), true);
        }
        String requestHost = hostHeader(request);
        ServiceRoute route = connectionRoute(requestHost, connection);
        if (route == null) {
            return new Refused(ServiceErrors.error(errorFormat(request, connection), HttpResponseStatus.BAD_REQUEST, "InvalidRequest",
                    "No AWS service that localvpc plays answers for the host '" + requestHost + "' at this endpoint"), false);
        }
        String host = requestHost == null ? route.host() : requestHost;
        ServiceBackend backend = route.backend();
        if (!host.equals(route.host()) && router.route(host).orElse(null) != backend) {
            // The path engine decided this connection for one service; another is reached by a connection of its own.
            return new Refused(ServiceErrors.error(errorFormat(request, connection), HttpResponseStatus.BAD_REQUEST, "InvalidRequest",
                    "This connection was opened to " + route.host() + " (" + backend.name() + "); the host '" + host
                            + "' is not served on it. Open a connection to that host."), false);
        }
        if (backend.protocol() == ServiceBackend.Protocol.TCP) {
            return new Refused(ServiceErrors.error(ServiceErrors.QUERY, HttpResponseStatus.BAD_REQUEST, "InvalidRequest",
                    backend.name() + " does not speak HTTP; connect with TLS SNI '" + host + "' and send its own protocol"), true);
        }
        try {
            return new Routed(route, backend, host, s3Names(request, route.awsHost(host), backend));
        } catch (InvalidS3Address e) {
            return new Refused(ServiceErrors.error(ServiceErrors.S3, HttpResponseStatus.BAD_REQUEST, e.code(), e.getMessage()), false);
        }
    }

    /**
     * The bucket and key an S3 request names, read once here for the policies and the embedded S3 alike; null for
     * other services.
     */
    private static S3Names s3Names(HttpRequest request, AwsHost aws, ServiceBackend backend) {
        if (!ServiceErrors.S3.equals(backend.errorFormat()) && !"s3".equals(aws.service())) return null;
        String uri = request.uri();
        int q = uri.indexOf('?');
        return S3Names.read(aws, request.method().name(), q < 0 ? uri : uri.substring(0, q), request.headers().get("x-amz-copy-source"));
    }

    /** The error format of the service this request is for: S3's, else the JSON or Query protocol's. */
    String errorFormat(HttpRequest request, Channel connection) {
        ServiceRoute route = connection.attr(ServiceRoute.KEY).get();
        Optional<ServiceBackend> backend = route != null ? Optional.of(route.backend())
                : Optional.ofNullable(sniHostName != null ? sniHostName : hostHeader(request)).flatMap(router::route);
        if (backend.isPresent() && backend.get().errorFormat().equals(ServiceErrors.S3)) return ServiceErrors.S3;
        return request.headers().contains("X-Amz-Target") ? ServiceErrors.JSON : ServiceErrors.QUERY;
    }

    /**
     * The connection's route: as the path engine settled it, or, for a connection no path engine delivered (a test's
     * listener), from the TLS SNI name or else the first request's {@code Host}, settled then for the connection.
     */
    private ServiceRoute connectionRoute(String requestHost, Channel connection) {
        ServiceRoute route = connection.attr(ServiceRoute.KEY).get();
        if (route != null) return route;
        String host = sniHostName != null ? sniHostName.toLowerCase(Locale.ROOT) : requestHost;
        Optional<ServiceBackend> backend = host == null ? Optional.empty() : router.route(host);
        if (backend.isEmpty()) return null;
        route = ServiceRoute.of(backend.get(), host, null);
        connection.attr(ServiceRoute.KEY).set(route);
        return route;
    }

    /** {@code Host} without its port, lower case; null when the request has none. */
    private static String hostHeader(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank()) {
            return null;
        }
        host = host.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    }
}
