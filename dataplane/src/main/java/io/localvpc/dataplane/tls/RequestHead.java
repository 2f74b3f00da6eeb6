package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.route.S3Names;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link RequestGuard} sees of a request before it is forwarded: the head only, the body has not been
 * read yet (and is not buffered).
 *
 * @param sniHostName the TLS SNI name the client sent, or null
 * @param host        the host the request was routed by ({@code Host} without port, else the SNI name)
 * @param client      the client's address as the front sees it (a socket address, or the in-process address of a
 *                    connection the proxy opened)
 * @param method      the HTTP method
 * @param uri         the request target as sent (path and query, not decoded)
 * @param headers     the request headers; treat as read-only
 * @param backend     the backend the request would go to
 * @param origin      where the connection comes from in the emulated world (what the path engine decided), or null
 *                    for a client that connected directly (tests)
 * @param s3          the bucket and key an S3 request names, read once by the front for the policies and the embedded
 *                    S3 alike; null for other services (and where no front read it: the classifier then reads it
 *                    with the same parser)
 */
public record RequestHead(String sniHostName, String host, java.net.SocketAddress client, HttpMethod method, String uri,
                          HttpHeaders headers, ServiceBackend backend, FlowOrigin origin, S3Names s3) {

    private static final Pattern SIGV4_CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Pattern SIGV2 = Pattern.compile("^AWS ([^:\\s]+):");

    /**
     * The access key id the request is signed with: from a SigV4 {@code Authorization} header, a presigned
     * URL's {@code X-Amz-Credential}, or a SigV2 {@code Authorization: AWS AKID:signature}. Empty for
     * anonymous requests. The signature itself is not checked here.
     */
    public Optional<String> accessKeyId() {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null) {
            Matcher v4 = SIGV4_CREDENTIAL.matcher(authorization);
            if (authorization.startsWith("AWS4-") && v4.find()) {
                return Optional.of(v4.group(1));
            }
            Matcher v2 = SIGV2.matcher(authorization);
            if (v2.find()) {
                return Optional.of(v2.group(1));
            }
        }
        List<String> credential = new QueryStringDecoder(uri).parameters().get("X-Amz-Credential");
        if (credential != null && !credential.isEmpty()) {
            String c = credential.get(0);
            int slash = c.indexOf('/');
            return Optional.of(slash < 0 ? c : c.substring(0, slash));
        }
        return Optional.empty();
    }
}
