package io.localvpc.dataplane.policy;

import io.localvpc.dataplane.tls.Verdict;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A refused request answered in the service's own error format, as the service would answer it: S3's
 * XML {@code AccessDenied} (403), the JSON protocols' {@code AccessDeniedException} (400), and the Query
 * protocol's XML {@code AccessDenied} (403).
 */
final class ServiceErrors {
    private ServiceErrors() {
    }

    static Verdict.Refuse accessDenied(String protocol, String message) {
        String requestId = UUID.randomUUID().toString();
        return switch (protocol) {
            case "json" -> new Verdict.Refuse(HttpResponseStatus.BAD_REQUEST, "application/x-amz-json-1.0",
                    ("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"message\":" + jsonString(message) + "}")
                            .getBytes(StandardCharsets.UTF_8), Map.of("x-amzn-RequestId", requestId));
            case "query" -> new Verdict.Refuse(HttpResponseStatus.FORBIDDEN, "text/xml",
                    ("<?xml version=\"1.0\"?><ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>" + xml(message)
                            + "</Message><Detail/></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8),
                    Map.of("x-amzn-RequestId", requestId));
            default -> s3Error(HttpResponseStatus.FORBIDDEN, "AccessDenied", message, requestId);
        };
    }

    static Verdict.Refuse s3Error(HttpResponseStatus status, String code, String message, String requestId) {
        return new Verdict.Refuse(status, "application/xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + xml(message)
                        + "</Message><RequestId>" + requestId + "</RequestId><HostId>localvpc</HostId></Error>").getBytes(StandardCharsets.UTF_8),
                Map.of("x-amz-request-id", requestId));
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String jsonString(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
