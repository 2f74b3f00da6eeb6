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

/**
 * Calls an AWS JSON 1.1 API (CloudWatch Logs, Firehose) on a local upstream, signed with SigV4 by the AWS SDK's
 * signer. Blocking: for the flow log writer's thread only.
 */
final class SignedJsonClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

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

    private final OneShotHttpClient http = new OneShotHttpClient();
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
        OneShotHttpClient.Answer response = http.post(upstream, "/", signed.request().headers(), payload);
        JsonNode answer;
        try {
            answer = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            answer = JSON.createObjectNode();
        }
        if (response.status() / 100 != 2) {
            String type = answer.path("__type").asText(answer.path("code").asText("HTTP " + response.status()));
            type = type.substring(type.lastIndexOf('#') + 1);
            String message = answer.path("message").asText(answer.path("Message").asText(null));
            throw new ServiceError(response.status(), type, message);
        }
        return answer;
    }

    @Override
    public void close() {
        http.close();
    }
}
