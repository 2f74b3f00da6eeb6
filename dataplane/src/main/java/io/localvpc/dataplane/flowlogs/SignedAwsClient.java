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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Calls an AWS JSON 1.1 API (CloudWatch Logs, Firehose) or a Query API (SNS) on a local upstream, signed with SigV4 by
 * the AWS SDK's signer. Blocking: for a delivery thread only (the flow log writer's, the connection-event publisher's).
 */
public final class SignedAwsClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An error answer: the service's exception name (after any {@code namespace#}) and message. */
    public static final class ServiceError extends IOException {
        final int status;
        final String type;

        ServiceError(int status, String type, String message) {
            super(type + " (HTTP " + status + ")" + (message == null ? "" : ": " + message));
            this.status = status;
            this.type = type;
        }
    }

    private final OneShotHttpClient http = new OneShotHttpClient();

    public SignedAwsClient() {
    }
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** POSTs {@code body} as {@code target} (e.g. {@code Logs_20140328.PutLogEvents}); the answer, or a ServiceError. */
    JsonNode call(InetSocketAddress upstream, String service, String region, AwsCredentialsIdentity credentials, String target, ObjectNode body)
            throws IOException, InterruptedException {
        byte[] payload = JSON.writeValueAsBytes(body);
        OneShotHttpClient.Answer response = signedPost(upstream, service, region, credentials, payload,
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target));
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

    /**
     * POSTs a Query-protocol form ({@code Action=Publish&…}) to a service such as SNS; the answer's body, or a
     * ServiceError naming the error code of the service's XML error document.
     */
    public String callQuery(InetSocketAddress upstream, String service, String region, AwsCredentialsIdentity credentials, Map<String, String> form)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (body.length() > 0) body.append('&');
            body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        OneShotHttpClient.Answer response = signedPost(upstream, service, region, credentials, payload,
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() / 100 != 2) {
            java.util.regex.Matcher code = java.util.regex.Pattern.compile("<Code>([^<]*)</Code>").matcher(text);
            java.util.regex.Matcher message = java.util.regex.Pattern.compile("<Message>([^<]*)</Message>").matcher(text);
            throw new ServiceError(response.status(), code.find() ? code.group(1) : "HTTP " + response.status(), message.find() ? message.group(1) : null);
        }
        return text;
    }

    private OneShotHttpClient.Answer signedPost(InetSocketAddress upstream, String service, String region, AwsCredentialsIdentity credentials,
                                                byte[] payload, Map<String, String> headers) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + upstream.getHostString() + ":" + upstream.getPort() + "/");
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(builder::putHeader);
        SdkHttpRequest request = builder.build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials).request(request).payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service).putProperty(AwsV4HttpSigner.REGION_NAME, region));
        return http.post(upstream, "/", signed.request().headers(), payload);
    }

    @Override
    public void close() {
        http.close();
    }
}
