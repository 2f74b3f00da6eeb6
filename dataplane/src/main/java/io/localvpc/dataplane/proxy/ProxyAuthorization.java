package io.localvpc.dataplane.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the workload identity from {@code Proxy-Authorization: Basic base64(user:password)}. */
final class ProxyAuthorization {
    private ProxyAuthorization() {
    }

    /** The user name, or null when the header is missing, not Basic, or not valid base64. */
    static String user(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.PROXY_AUTHORIZATION);
        if (value == null) return null;
        value = value.trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        return user.isEmpty() ? null : user;
    }
}
