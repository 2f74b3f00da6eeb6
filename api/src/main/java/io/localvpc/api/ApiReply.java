package io.localvpc.api;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP response from the API layer. {@code requestId}, when set, is the id its body names; it is also
 * sent as the {@code x-amzn-RequestId} header, the only place some SDKs (JavaScript v3) read it from.
 */
public record ApiReply(int status, String contentType, byte[] body, String requestId) {
    public ApiReply(int status, String contentType, byte[] body) {
        this(status, contentType, body, null);
    }

    public static ApiReply xml(int status, String xml) {
        return xml(status, xml, null);
    }

    public static ApiReply xml(int status, String xml, String requestId) {
        return new ApiReply(status, "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8), requestId);
    }

    public static ApiReply json(int status, String json) {
        return new ApiReply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
