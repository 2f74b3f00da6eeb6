package io.localvpc.dataplane.classify;

import io.localvpc.dataplane.tls.RequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a request is signed, read from its head without checking the signature: the access key id, the SigV4
 * credential scope ({@code AKID/date/region/service/aws4_request}) and the facts S3 exposes as condition keys.
 *
 * @param accessKeyId      null when unsigned
 * @param scopeRegion      the credential scope's region, or null (SigV2, SigV4a, unsigned)
 * @param scopeService     the credential scope's service (signing name), or null
 * @param signatureVersion {@code AWS4-HMAC-SHA256} or {@code AWS} (SigV2), as {@code s3:signatureversion} has it; null
 * @param authType         {@code REST-HEADER} or {@code REST-QUERY-STRING}, as {@code s3:authType} has it; null
 */
record Signature(String accessKeyId, String scopeRegion, String scopeService, String signatureVersion,
                 String authType) {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");
    private static final Signature UNSIGNED = new Signature(null, null, null, null, null);

    static Signature of(RequestHead head, Map<String, List<String>> query) {
        String authorization = head.headers().get(HttpHeaderNames.AUTHORIZATION);
        String accessKeyId = head.accessKeyId().orElse(null);
        if (authorization != null && authorization.startsWith("AWS4-")) {
            int space = authorization.indexOf(' ');
            String algorithm = space < 0 ? authorization : authorization.substring(0, space);
            Matcher m = CREDENTIAL.matcher(authorization);
            return scoped(accessKeyId, m.find() ? m.group(1) : null, algorithm, "REST-HEADER");
        }
        if (authorization != null && authorization.startsWith("AWS ")) {
            return new Signature(accessKeyId, null, null, "AWS", "REST-HEADER");
        }
        String credential = first(query, "X-Amz-Credential");
        if (credential != null) {
            String algorithm = first(query, "X-Amz-Algorithm");
            return scoped(accessKeyId, credential, algorithm == null ? "AWS4-HMAC-SHA256" : algorithm,
                    "REST-QUERY-STRING");
        }
        String v2Key = first(query, "AWSAccessKeyId");
        if (v2Key != null && first(query, "Signature") != null) {
            // SigV2 presigned URL (?AWSAccessKeyId=…&Expires=…&Signature=…), which RequestHead does not read
            return new Signature(v2Key, null, null, "AWS", "REST-QUERY-STRING");
        }
        return accessKeyId == null ? UNSIGNED : new Signature(accessKeyId, null, null, null, null);
    }

    private static Signature scoped(String accessKeyId, String credential, String algorithm, String authType) {
        String region = null;
        String service = null;
        if (credential != null) {
            String[] parts = credential.split("/");
            if (parts.length == 5) { // AKID/date/region/service/aws4_request
                region = parts[2];
                service = parts[3];
            } else if (parts.length == 4) { // SigV4a: AKID/date/service/aws4_request, regions in X-Amz-Region-Set
                service = parts[2];
            }
        }
        return new Signature(accessKeyId, region, service, algorithm, authType);
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
