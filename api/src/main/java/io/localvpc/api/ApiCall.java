package io.localvpc.api;

import java.util.Map;

/** An HTTP request as the API layer sees it, independent of the server library. Header names are lower case. */
public record ApiCall(String method, String path, String rawQuery, Map<String, String> headers, byte[] body, String remoteAddress) {
    public String header(String name) {
        return headers.get(name);
    }
}
