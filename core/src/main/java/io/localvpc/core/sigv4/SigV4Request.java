package io.localvpc.core.sigv4;

import java.util.List;
import java.util.Map;

/**
 * A request as SigV4 signs it: what came over the wire, before anything decoded it.
 *
 * @param method   the HTTP method
 * @param rawPath  the path as sent (percent-encoded as the client encoded it), without the query
 * @param rawQuery the query string as sent, without {@code ?}, or null/empty
 * @param headers  header values by lower-case name (several values when the header came several times)
 * @param body     the whole body when the caller holds it (the API port), or null when it does not (the endpoint front
 *                 streams bodies): then the payload hash must come from {@code x-amz-content-sha256}
 */
public record SigV4Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    /** The header's values joined as SigV4 joins them, or null when absent. */
    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        if (values == null || values.isEmpty()) return null;
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }
}
