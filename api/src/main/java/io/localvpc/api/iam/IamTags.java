package io.localvpc.api.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags on IAM users, roles, policies and instance profiles, with IAM's limits (50 per resource; keys 1–128, values 0–256 characters). */
final class IamTags {
    static final int MAX_TAGS = 50;

    private IamTags() {
    }

    static void add(Tx tx, String id, JsonNode tags) {
        if (tags == null || tags.isEmpty()) return;
        Map<String, String> next = new LinkedHashMap<>(tx.find(ResourceTags.class, id).map(ResourceTags::tags).orElse(Map.of()));
        for (JsonNode t : tags) {
            String key = t.path("Key").asText("");
            String value = t.path("Value").asText("");
            if (key.isEmpty() || key.length() > 128) throw invalid("tags.member.key", key, "Member must have length between 1 and 128");
            if (value.length() > 256) throw invalid("tags.member.value", value, "Member must have length less than or equal to 256");
            if (key.startsWith("aws:")) throw new AwsException("InvalidInput", "Tag keys starting with 'aws:' are reserved: " + key);
            next.put(key, value);
        }
        if (next.size() > MAX_TAGS) throw new AwsException("LimitExceeded", "The number of tags has reached the maximum limit.", 409);
        tx.put(new ResourceTags(id, next));
    }

    static void remove(Tx tx, String id, List<String> keys) {
        Map<String, String> next = new LinkedHashMap<>(tx.find(ResourceTags.class, id).map(ResourceTags::tags).orElse(Map.of()));
        keys.forEach(next::remove);
        if (next.isEmpty()) tx.remove(ResourceTags.class, id);
        else tx.put(new ResourceTags(id, next));
    }

    /** List…Tags: the resource's tags by key, paged by MaxItems and Marker as IAM's lists are. */
    static ObjectNode page(QueryRequest in, View view, String id) {
        List<Map.Entry<String, String>> tags = new ArrayList<>(view.find(ResourceTags.class, id).map(ResourceTags::tags).orElse(Map.of()).entrySet());
        tags.sort(Map.Entry.comparingByKey());
        return IamPages.page(in, tags, Map.Entry::getKey, "Tags", t -> Json.object().put("Key", t.getKey()).put("Value", t.getValue()));
    }

    private static AwsException invalid(String member, String value, String constraint) {
        return new AwsException("ValidationError", "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
    }
}
