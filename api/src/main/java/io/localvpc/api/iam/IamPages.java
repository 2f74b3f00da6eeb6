package io.localvpc.api.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.AwsException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** IAM's paging: MaxItems (1–1,000, default 100) and an opaque Marker; IsTruncated says whether more follow. */
final class IamPages {
    private IamPages() {
    }

    /** Writes one page of {@code sorted} (each item's key orders it) under {@code member}, with IsTruncated and Marker. */
    static <T> ObjectNode page(QueryRequest in, List<T> sorted, Function<T, String> key, String member, Function<T, ?> render) {
        int max = 100;
        if (in.params().has("MaxItems")) {
            max = in.params().get("MaxItems").intValue();
            if (max < 1 || max > 1000) {
                throw new AwsException("ValidationError", "1 validation error detected: Value '" + max
                        + "' at 'maxItems' failed to satisfy constraint: Member must have value " + (max < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
            }
        }
        int start = 0;
        String marker = in.string("Marker");
        if (marker != null) {
            String after = decode(marker);
            start = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                if (key.apply(sorted.get(i)).compareTo(after) > 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = Math.min(sorted.size(), start + max);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray(member);
        for (T t : sorted.subList(start, end)) {
            Object v = render.apply(t);
            if (v instanceof ObjectNode o) items.add(o);
            else items.add(String.valueOf(v));
        }
        boolean more = end < sorted.size();
        out.put("IsTruncated", more);
        if (more) out.put("Marker", Base64.getUrlEncoder().withoutPadding().encodeToString(key.apply(sorted.get(end - 1)).getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static String decode(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AwsException("ValidationError", "Invalid Marker. Pass the Marker of the previous answer unchanged.");
        }
    }
}
