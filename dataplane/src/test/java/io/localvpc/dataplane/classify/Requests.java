package io.localvpc.dataplane.classify;

import io.localvpc.dataplane.tls.RequestHead;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;

/** Request heads written as HTTP text, the way SDKs put them on the wire. */
final class Requests {

    static final String ACCOUNT = "111122223333";
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final RequestClassifier CLASSIFIER =
            new RequestClassifier("000000000000", "us-east-1", PrincipalDirectory.none());

    private Requests() {
    }

    /** A SigV4 {@code Authorization} header line for this scope. */
    static String sigv4(String akid, String region, String service) {
        return "Authorization: AWS4-HMAC-SHA256 Credential=" + akid + "/20250101/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
    }

    /**
     * Parses {@code "GET /b/k HTTP/1.1\nHost: …\nName: value\n"}; lines after an empty line are ignored (pass the
     * body separately).
     */
    static RequestHead head(String http) {
        String[] lines = http.split("\n");
        String[] requestLine = lines[0].trim().split(" ");
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 1; i < lines.length && !lines[i].isBlank(); i++) {
            int colon = lines[i].indexOf(':');
            headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
        String host = headers.get("Host");
        String hostOnly = host == null ? null : host.replaceFirst(":\\d+$", "");
        return new RequestHead(hostOnly, hostOnly, new InetSocketAddress("10.0.1.15", 50000),
                HttpMethod.valueOf(requestLine[0]), requestLine[1], headers, null, null, null);
    }

    static Classification classify(String http) {
        return CLASSIFIER.classify(head(http), RequestBody.absent(), ACCOUNT);
    }

    static Classification classify(String http, String body) {
        return CLASSIFIER.classify(head(http), RequestBody.complete(body), ACCOUNT);
    }

    static ClassifiedRequest classified(Classification c) {
        if (c instanceof ClassifiedRequest r) {
            return r;
        }
        throw new AssertionError("expected a classified request, got " + c);
    }

    static Unclassifiable unclassifiable(Classification c) {
        if (c instanceof Unclassifiable u) {
            return u;
        }
        throw new AssertionError("expected an unclassifiable request, got " + c);
    }
}
