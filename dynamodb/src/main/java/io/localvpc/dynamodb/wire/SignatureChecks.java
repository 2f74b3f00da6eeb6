package io.localvpc.dynamodb.wire;

import io.localvpc.dynamodb.DynamoDbException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks DynamoDB's front end makes on how a request is signed before it looks at the operation: a signature
 * must be there (Authorization header or X-Amz-* query parameters, not both) and have all its parts. Whether the
 * signature is right is for whoever authenticates the caller (localvpc's endpoint), not for this handler.
 */
final class SignatureChecks {
    private SignatureChecks() {
    }

    static void check(Map<String, String> headers, String uri) {
        String authorization = headers.get("Authorization");
        Map<String, String> query = query(uri);
        boolean algorithmInQuery = query.containsKey("X-Amz-Algorithm");
        if (authorization != null && algorithmInQuery) {
            throw DynamoDbException.signature("InvalidSignatureException",
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }
        if (algorithmInQuery) {
            List<String> missing = new ArrayList<>();
            for (String p : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date")) {
                String v = query.get(p);
                if (v == null || v.isEmpty()) missing.add("AWS query-string parameters must include '" + p + "'. ");
            }
            if (!missing.isEmpty()) {
                throw DynamoDbException.signature("IncompleteSignatureException", String.join("", missing) + "Re-examine the query-string parameters.");
            }
            return;
        }
        if (authorization == null || !authorization.startsWith("AWS4-")) throw DynamoDbException.missingAuthenticationToken();
        StringBuilder missing = new StringBuilder();
        for (String p : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!hasParameter(authorization, p)) missing.append("Authorization header requires '").append(p).append("' parameter. ");
        }
        if (!headers.containsKey("X-Amz-Date") && !headers.containsKey("Date")) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) throw DynamoDbException.signature("IncompleteSignatureException", missing + "Authorization=" + authorization);
    }

    /** Whether the header has {@code name=} after a space or comma. */
    private static boolean hasParameter(String authorization, String name) {
        String wanted = name + "=";
        for (int i = authorization.indexOf(wanted); i >= 0; i = authorization.indexOf(wanted, i + 1)) {
            if (i > 0 && (Character.isWhitespace(authorization.charAt(i - 1)) || authorization.charAt(i - 1) == ',')) return true;
        }
        return false;
    }

    private static Map<String, String> query(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) return Map.of();
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : uri.substring(q + 1).split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return out;
    }
}
