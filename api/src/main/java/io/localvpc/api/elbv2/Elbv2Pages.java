package io.localvpc.api.elbv2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.ops.elbv2.Elbv2Errors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** ELBv2's paging: PageSize (1–400) and an opaque Marker; NextMarker is present when more follow. */
final class Elbv2Pages {
    static final int MAX_PAGE = 400;

    private Elbv2Pages() {
    }

    /** One page of {@code sorted} (each item's key orders it) under {@code member}, with NextMarker when more follow. */
    static <T> ObjectNode page(QueryRequest in, List<T> sorted, Function<T, String> key, String member, Function<T, ObjectNode> render) {
        int size = Elbv2Errors.range("pageSize", in.integer("PageSize"), 1, MAX_PAGE, MAX_PAGE);
        int start = 0;
        String marker = in.string("Marker");
        if (marker != null) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw Elbv2Errors.validation("Invalid Marker '" + marker + "'. Pass the NextMarker of the previous answer unchanged.");
            }
            start = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                if (key.apply(sorted.get(i)).compareTo(after) > 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = Math.min(sorted.size(), start + size);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray(member);
        for (T t : sorted.subList(start, end)) items.add(render.apply(t));
        if (end < sorted.size()) {
            out.put("NextMarker", Base64.getUrlEncoder().withoutPadding().encodeToString(key.apply(sorted.get(end - 1)).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}
