package io.localvpc.api;

import io.localvpc.core.AwsException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of a Query-protocol request: the form body's, and for GET the query string's (AWS accepts both). */
public final class FormBody {
    private FormBody() {
    }

    public static Map<String, String> parameters(ApiCall call) {
        Map<String, String> params = new LinkedHashMap<>();
        if (call.rawQuery() != null && !call.rawQuery().isEmpty()) parseInto(call.rawQuery(), params);
        if (call.body() != null && call.body().length > 0) parseInto(new String(call.body(), StandardCharsets.UTF_8), params);
        return params;
    }

    private static void parseInto(String form, Map<String, String> params) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(k, v);
            } catch (IllegalArgumentException e) {
                throw new AwsException("MalformedQueryString", "The request body is not valid form encoding near '"
                        + (pair.length() > 40 ? pair.substring(0, 40) + "…" : pair) + "'. Send application/x-www-form-urlencoded parameters.");
            }
        }
    }
}
