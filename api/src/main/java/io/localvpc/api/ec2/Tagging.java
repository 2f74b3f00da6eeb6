package io.localvpc.api.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.model.Tag;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags as every family uses them: the {@code TagSpecifications} of a create, and the {@code tagSet} of an item. */
public final class Tagging {
    public static final int MAX_TAGS = 50;

    private Tagging() {
    }

    /**
     * Applies the request's TagSpecifications for {@code resourceType} (e.g. "vpc") to a new resource.
     * A specification for a type this action does not create is refused as AWS refuses it.
     */
    public static void applySpecifications(Ec2Request in, Tx tx, String resourceType, String resourceId) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode spec : in.objects("TagSpecifications")) {
            String type = spec.path("ResourceType").asText(null);
            if (type != null && !type.equals(resourceType)) {
                throw AwsException.invalidParameterValue("'" + type + "' is not a valid taggable resource type for this operation. Use '" + resourceType + "'.");
            }
            for (JsonNode t : spec.path("Tags")) {
                tags.put(t.path("Key").asText(""), t.path("Value").asText(""));
            }
        }
        if (!tags.isEmpty()) merge(tx, resourceId, tags);
    }

    /** Adds or overwrites tags on a resource, with AWS's limits on keys, values and count. */
    public static void merge(Tx tx, String resourceId, Map<String, String> add) {
        for (Map.Entry<String, String> e : add.entrySet()) validate(e.getKey(), e.getValue());
        Map<String, String> next = new LinkedHashMap<>(tx.find(ResourceTags.class, resourceId).map(ResourceTags::tags).orElse(Map.of()));
        next.putAll(add);
        if (next.size() > MAX_TAGS) {
            throw new AwsException("TagLimitExceeded", "The maximum number of tags (" + MAX_TAGS + ") for resource " + resourceId + " has been exceeded.");
        }
        tx.put(new ResourceTags(resourceId, next));
    }

    public static void validate(String key, String value) {
        if (key == null || key.isEmpty()) throw AwsException.invalidParameterValue("Tag keys must not be empty.");
        if (key.length() > 127) throw AwsException.invalidParameterValue("Tag key exceeds the maximum length of 127 characters: " + key);
        if (key.startsWith("aws:")) throw AwsException.invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use: " + key);
        if (value != null && value.length() > 255) throw AwsException.invalidParameterValue("Tag value exceeds the maximum length of 255 characters for key " + key);
    }

    public static List<Tag> tagsOf(View view, String resourceId) {
        return view.find(ResourceTags.class, resourceId).map(ResourceTags::asList).orElse(List.of());
    }

    /** The {@code Tags} member of an output item: [{Key, Value}…], present even when empty. */
    public static ArrayNode tagSet(View view, String resourceId) {
        ArrayNode arr = Json.array();
        for (Tag t : tagsOf(view, resourceId)) arr.addObject().put("Key", t.key()).put("Value", t.value());
        return arr;
    }
}
