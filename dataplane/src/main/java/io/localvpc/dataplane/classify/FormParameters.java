package io.localvpc.dataplane.classify;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code a=1&b=2} (query strings, form bodies, {@code x-amz-tagging}); {@code ;} is an ordinary character. The
 * embedded S3 reads its query parameters with it too, so it serves the parameters the policies judged.
 */
public final class FormParameters {

    private FormParameters() {
    }

    public static Map<String, List<String>> decode(String encoded) {
        return new QueryStringDecoder(encoded, StandardCharsets.UTF_8, false, 10_000, true).parameters();
    }

    /**
     * A form body's parameters. When the body is only a prefix, the last parameter may be cut short, so it is
     * dropped.
     */
    static Map<String, List<String>> decode(RequestBody body) {
        String text = new String(body.bytes(), StandardCharsets.UTF_8);
        if (!body.isComplete()) {
            int amp = text.lastIndexOf('&');
            text = amp < 0 ? "" : text.substring(0, amp);
        }
        return decode(text);
    }
}
