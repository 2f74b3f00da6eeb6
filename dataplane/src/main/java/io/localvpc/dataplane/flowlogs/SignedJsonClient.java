package io.localvpc.dataplane.flowlogs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls an AWS JSON 1.1 API (CloudWatch Logs, Firehose) on a local upstream, signed with SigV4 by the AWS SDK's
 * signer. Blocking: for the flow log writer's thread only.
 */
final class SignedJsonClient {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** An error answer: the service's exception name (after any {@code namespace#}) and message. */
    static final class ServiceError extends IOException {
        final int status;
        final String type;

        ServiceError(int status, String type, String message) {
            super(type + " (HTTP " + status + ")" + (message == null ? "" : ": " + message));
            this.status = status;
            this.type = type;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** POSTs {@code body} as {@code target} (e.g. {@code Logs_20140328.PutLogEvents}); the answer, or a ServiceError. */
    JsonNode call(InetSocketAddress upstream, String service, String region, AwsCredentialsIdentity credentials, String target, ObjectNode body)
            throws IOException, InterruptedException {
        byte[] payload = JSON.writeValueAsBytes(body);
        URI uri = URI.create("http://" + upstream.getHostString() + ":" + upstream.getPort() + "/");
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target).build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials).request(request).payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service).putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder out = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            if (RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) continue;
            for (String v : h.getValue()) out.header(h.getKey(), v);
        }
        HttpResponse<byte[]> response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer;
        try {
            answer = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            answer = JSON.createObjectNode();
        }
        if (response.statusCode() / 100 != 2) {
            String type = answer.path("__type").asText(answer.path("code").asText("HTTP " + response.statusCode()));
            type = type.substring(type.lastIndexOf('#') + 1);
            String message = answer.path("message").asText(answer.path("Message").asText(null));
            throw new ServiceError(response.statusCode(), type, message);
        }
        return answer;
    }
}
