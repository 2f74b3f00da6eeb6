package io.localvpc.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends EC2 Query requests by hand, for tests of the wire itself (exact XML, malformed input) that an
 * SDK would hide or refuse to send.
 */
public final class RawEc2 {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;

    public RawEc2(URI endpoint) {
        this.endpoint = endpoint;
    }

    public record Reply(int status, String body) {
    }

    /** POSTs {@code Action=…&Version=2016-11-15&k=v…} signed for us-east-1 / ec2 with the given key. */
    public Reply call(String action, String... keyValues) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", action);
        p.put("Version", "2016-11-15");
        for (int i = 0; i + 1 < keyValues.length; i += 2) p.put(keyValues[i], keyValues[i + 1]);
        String form = p.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return post(form, "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0");
    }

    public Reply post(String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) b.header("Authorization", authorization);
        return send(b.build());
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build());
    }

    /** POSTs a JSON body to a path (the admin endpoints, which take only JSON for calls that change state). */
    public Reply postPath(String path, String body) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Reply send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
