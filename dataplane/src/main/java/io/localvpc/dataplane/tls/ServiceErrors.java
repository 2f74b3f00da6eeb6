package io.localvpc.dataplane.tls;

import io.localvpc.core.xml.XmlText;
import io.localvpc.dataplane.backend.S3ErrorDocument;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Answers in the service's own error format, as the service would answer: S3's XML {@code <Error>}, the JSON
 * protocols' {@code __type} document, and the Query protocol's XML {@code <ErrorResponse>}. Used for refusals by
 * policy and for requests the endpoint front cannot take (malformed, too large), so a client's SDK always finds
 * an error it can parse. Text from requests is escaped and stripped of what XML 1.0 cannot carry.
 */
public final class ServiceErrors {
    /** The error formats: by service ({@code s3}) or by protocol ({@code json}, {@code query}). */
    public static final String S3 = "s3";
    public static final String JSON = "json";
    public static final String QUERY = "query";

    private ServiceErrors() {
    }

    public static RequestVerdict.Refuse accessDenied(String protocol, String message) {
        HttpResponseStatus status = JSON.equals(protocol) ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.FORBIDDEN;
        return error(protocol, status, JSON.equals(protocol) ? "AccessDeniedException" : "AccessDenied", message);
    }

    /** An error with {@code code} (AWS's code for the service) in {@code protocol}'s format. */
    public static RequestVerdict.Refuse error(String protocol, HttpResponseStatus status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        return switch (protocol) {
            case JSON -> new RequestVerdict.Refuse(status, "application/x-amz-json-1.0",
                    ("{\"__type\":\"com.amazon.coral.service#" + code + "\",\"message\":" + jsonString(message) + "}")
                            .getBytes(StandardCharsets.UTF_8), Map.of("x-amzn-RequestId", requestId));
            case QUERY -> new RequestVerdict.Refuse(status, "text/xml",
                    ("<?xml version=\"1.0\"?><ErrorResponse><Error><Type>" + (status.code() >= 500 ? "Receiver" : "Sender")
                            + "</Type><Code>" + XmlText.escape(code) + "</Code><Message>" + XmlText.escape(message)
                            + "</Message><Detail/></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8),
                    Map.of("x-amzn-RequestId", requestId));
            default -> s3Error(status, code, message, requestId);
        };
    }

    public static RequestVerdict.Refuse s3Error(HttpResponseStatus status, String code, String message, String requestId) {
        return new RequestVerdict.Refuse(status, S3ErrorDocument.CONTENT_TYPE, S3ErrorDocument.xml(code, message, requestId),
                Map.of("x-amz-request-id", requestId));
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
