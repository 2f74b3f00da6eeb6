package io.localvpc.api;

import java.nio.charset.StandardCharsets;

/** An HTTP response from the API layer. */
public record ApiReply(int status, String contentType, byte[] body) {
    public static ApiReply xml(int status, String xml) {
        return new ApiReply(status, "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiReply json(int status, String json) {
        return new ApiReply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
