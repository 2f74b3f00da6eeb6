package io.localvpc.dataplane.proxy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;

/**
 * The instance metadata service of one workload, asked for on the proxy's own port: {@code GET
 * /imds/<instance-or-eni>/latest/…} (origin form, or absolute form naming this proxy). SDKs that never use a proxy for
 * the metadata service (the AWS SDK for Java v2, JavaScript v3) reach it this way through
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:<proxy port>/imds/<id>}; the identity is in the path
 * because they send no proxy credentials. The connection is still the path engine's to decide, as a flow from that
 * workload to {@code 169.254.169.254:80}.
 *
 * @param identity the workload named in the path
 * @param rest     the path below it, e.g. {@code /latest/api/token}, with the query
 */
record MetadataPath(String identity, String rest) {
    static final String PREFIX = "/imds/";
    static final String ADDRESS = "169.254.169.254";
    static final int PORT = 80;

    /** The metadata request {@code uri} asks for, or null when it is not one. */
    static MetadataPath parse(URI uri, SocketAddress proxyAddress) {
        if (uri.isAbsolute() && !namesThisProxy(uri, proxyAddress)) return null;
        String path = uri.getRawPath();
        if (path == null || !path.startsWith(PREFIX)) return null;
        int slash = path.indexOf('/', PREFIX.length());
        String identity = slash < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), slash);
        String rest = slash < 0 ? "/" : path.substring(slash);
        // Some SDKs join the endpoint and their path with a slash of their own.
        while (rest.startsWith("//")) rest = rest.substring(1);
        if (uri.getRawQuery() != null) rest += "?" + uri.getRawQuery();
        return identity.isEmpty() ? null : new MetadataPath(identity, rest);
    }

    private static boolean namesThisProxy(URI uri, SocketAddress proxyAddress) {
        if (!(proxyAddress instanceof InetSocketAddress own) || uri.getHost() == null) return false;
        String host = uri.getHost();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals(own.getAddress().getHostAddress());
        return loopback && uri.getPort() == own.getPort();
    }

    /** The request as the metadata service gets it: the path below the identity, {@code Host: 169.254.169.254}. */
    HttpRequest originForm(HttpRequest request) {
        HttpHeaders headers = request.headers().copy();
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        headers.remove("Proxy-Connection");
        headers.set(HttpHeaderNames.HOST, ADDRESS);
        return new DefaultHttpRequest(request.protocolVersion(), request.method(), rest, headers);
    }
}
