package io.localvpc.dataplane.policy;

import io.localvpc.core.sigv4.SigV4Errors;
import io.localvpc.core.sigv4.SigV4Failure;
import io.localvpc.core.sigv4.SigV4Outcome;
import io.localvpc.core.sigv4.SigV4Request;
import io.localvpc.core.sigv4.SigV4Verifier;
import io.localvpc.core.sigv4.UriEncoding;
import io.localvpc.core.xml.XmlText;
import io.localvpc.dataplane.backend.S3ErrorDocument;
import io.localvpc.dataplane.route.AwsHost;
import io.localvpc.dataplane.tls.RequestHead;
import io.localvpc.dataplane.tls.RequestVerdict;
import io.localvpc.dataplane.tls.ServiceErrors;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code --verify-signatures} at the endpoints: the same {@link SigV4Verifier} as the API port, applied to the request
 * head (and the body, when the front holds all of it) before it is classified. A bad signature is answered in the
 * service's own words: S3's XML with {@code StringToSign} and {@code CanonicalRequest} as S3 gives them, the JSON
 * protocols' {@code __type}, the Query protocol's {@code ErrorResponse}. Unsigned requests pass on as anonymous
 * ones, for the policies to judge. Runs on the event loop: a few HMACs, no I/O.
 */
public final class EndpointSignatures {
    private static final System.Logger LOG = System.getLogger("localvpc.policy");

    private final SigV4Verifier verifier;

    public EndpointSignatures(SigV4Verifier verifier) {
        this.verifier = verifier;
    }

    /**
     * The refusal of a request whose signature is not good, or null.
     *
     * @param body the whole body when the front buffered all of it, an empty array for a request without one, or null
     */
    RequestVerdict.Refuse refusal(RequestHead head, byte[] body) {
        String uri = originForm(head.uri());
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        Map<String, List<String>> headers = new HashMap<>();
        head.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue()));
        String service = serviceOf(head);
        boolean s3 = "s3".equals(service);
        SigV4Outcome outcome = verifier.verify(new SigV4Request(head.method().name(), path, q < 0 ? null : uri.substring(q + 1), headers, body),
                s3 ? UriEncoding.S3 : UriEncoding.DOUBLE);
        if (outcome instanceof SigV4Outcome.Unverifiable u) {
            LOG.log(System.Logger.Level.DEBUG, () -> head.method() + " " + head.host() + " by " + u.accessKeyId()
                    + ": signature not verified (the body is longer than the front holds and its hash is not sent)");
            return null;
        }
        if (!(outcome instanceof SigV4Outcome.Refused refused)) return null;
        SigV4Failure f = refused.failure();
        SigV4Errors.Family family = s3 ? SigV4Errors.Family.S3
                : head.headers().contains("X-Amz-Target") ? SigV4Errors.Family.JSON : SigV4Errors.Family.QUERY;
        SigV4Errors.Answer a = SigV4Errors.answer(f, family);
        LOG.log(System.Logger.Level.INFO, head.method() + " " + head.host() + " refused: " + a.code() + " (" + f.kind() + ", key " + f.accessKeyId() + ")");
        HttpResponseStatus status = HttpResponseStatus.valueOf(a.status());
        if (!s3) return ServiceErrors.error(family == SigV4Errors.Family.JSON ? ServiceErrors.JSON : ServiceErrors.QUERY, status, a.code(), a.message());
        return s3Error(status, a, f.kind() == SigV4Failure.Kind.SKEWED || f.kind() == SigV4Failure.Kind.PRESIGNED_EXPIRED
                || f.kind() == SigV4Failure.Kind.MISMATCH || f.kind() == SigV4Failure.Kind.UNKNOWN_KEY ? f.s3Details() : Map.of());
    }

    /** The path and query of a request target, also when it came in absolute form ({@code http://host/path}). */
    private static String originForm(String target) {
        if (target.startsWith("/")) return target;
        int scheme = target.indexOf("://");
        if (scheme < 0) return target;
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }

    /** The signing name of the service: from the host name, else from the credential scope. */
    private static String serviceOf(RequestHead head) {
        String fromHost = AwsHost.parse(head.host()).service();
        if (fromHost != null) return fromHost;
        String auth = head.headers().get(HttpHeaderNames.AUTHORIZATION);
        String credential = auth != null ? auth : head.uri();
        int at = credential.indexOf("Credential=");
        if (at < 0) return null;
        String[] parts = credential.substring(at + "Credential=".length()).replace("%2F", "/").replace("%2f", "/").split("[/,&\\s]");
        return parts.length >= 4 ? parts[3] : null;
    }

    /** S3's error document with the elements S3 adds for this refusal ({@code StringToSign}, {@code RequestTime}…). */
    private static RequestVerdict.Refuse s3Error(HttpResponseStatus status, SigV4Errors.Answer a, Map<String, String> details) {
        String requestId = UUID.randomUUID().toString();
        if (details.isEmpty()) return ServiceErrors.s3Error(status, a.code(), a.message(), requestId);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>").append(XmlText.escape(a.code()))
                .append("</Code><Message>").append(XmlText.escape(a.message())).append("</Message>");
        details.forEach((name, value) -> xml.append('<').append(name).append('>').append(XmlText.escape(value)).append("</").append(name).append('>'));
        xml.append("<RequestId>").append(requestId).append("</RequestId><HostId>localvpc</HostId></Error>");
        return new RequestVerdict.Refuse(status, S3ErrorDocument.CONTENT_TYPE, xml.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("x-amz-request-id", requestId));
    }
}
