package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.IdempotencyRecord;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.SecurityGroupOps;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.ResourceTypes;
import io.localvpc.core.state.ScopeMarker;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** CreateTags, DeleteTags and DescribeTags, for every taggable resource alike. */
public final class TagHandlers implements Ec2Family {

    /** One row of DescribeTags; its id orders rows by resource, then key. */
    record TagRow(String id, String resourceId, String key, String value) implements Resource {
    }

    @Override
    public void register(OperationRegistry r) {
        r.family("Tags")
                .write("CreateTags", this::create)
                .write("DeleteTags", this::delete)
                .read("DescribeTags", this::describe);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : in.objects("Tags")) tags.put(t.path("Key").asText(""), t.path("Value").asText(""));
        if (tags.isEmpty()) throw AwsException.missingParameter("Tag.1.Key");
        for (String id : in.strings("Resources")) {
            requireTaggable(tx, id);
            Tagging.merge(tx, id, tags);
        }
        return null;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        List<JsonNode> asked = in.objects("Tags");
        for (String id : in.strings("Resources")) {
            requireTaggable(tx, id);
            Map<String, String> current = new LinkedHashMap<>(tx.find(ResourceTags.class, id).map(ResourceTags::tags).orElse(Map.of()));
            if (asked.isEmpty()) {
                current.clear();
            } else {
                for (JsonNode t : asked) {
                    String key = t.path("Key").asText("");
                    // With a value, AWS deletes the tag only if the value matches; without one, whatever it is.
                    if (!t.has("Value") || t.get("Value").asText("").equals(current.get(key))) current.remove(key);
                }
            }
            if (current.isEmpty()) tx.remove(ResourceTags.class, id);
            else tx.put(new ResourceTags(id, current));
        }
        return null;
    }

    private static void requireTaggable(View view, String id) {
        Resource r = resource(view, id);
        // Security group rules live inside their group rather than as resources of their own, but AWS tags them.
        if (r == null && id.startsWith(IdKind.SECURITY_GROUP_RULE.prefix() + "-") && SecurityGroupOps.findRule(view, id).isPresent()) return;
        if (r == null) {
            for (IdKind kind : IdKind.values()) {
                if (id.startsWith(kind.prefix() + "-")) throw kind.notFound(id);
            }
            throw new AwsException("InvalidID", "The ID '" + id + "' is not valid");
        }
    }

    /**
     * The resource an id names. Its tags are kept under the same id, so a lookup by id alone can land on the tag
     * record (or on a client-token or scope record) and miss the resource: each stored type is asked in turn,
     * bookkeeping records skipped.
     */
    private static Resource resource(View view, String id) {
        for (String name : ResourceTypes.names()) {
            Class<? extends Resource> type = ResourceTypes.classOf(name).orElseThrow();
            if (type == ResourceTags.class || type == IdempotencyRecord.class || type == ScopeMarker.class) continue;
            Optional<? extends Resource> r = view.find(type, id);
            if (r.isPresent()) return r.get();
        }
        return null;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        List<TagRow> rows = new ArrayList<>();
        for (ResourceTags t : view.all(ResourceTags.class)) {
            for (Map.Entry<String, String> e : t.tags().entrySet()) {
                rows.add(new TagRow(t.id() + "\u0000" + e.getKey(), t.id(), e.getKey(), e.getValue()));
            }
        }
        FilterSpec<TagRow> spec = FilterSpec.<TagRow>builder()
                .field("key", TagRow::key)
                .field("value", TagRow::value)
                .field("resource-id", TagRow::resourceId)
                .field("resource-type", row -> resourceType(row.resourceId()))
                .build();
        Predicate<TagRow> filter = spec.compile(in.objects("Filters"), view);
        List<TagRow> selected = rows.stream().filter(filter).toList();
        Page<TagRow> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode set = out.putArray("Tags");
        for (TagRow row : page.items()) {
            set.addObject().put("ResourceId", row.resourceId()).put("ResourceType", resourceType(row.resourceId()))
                    .put("Key", row.key()).put("Value", row.value());
        }
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    /** AWS's resource type for DescribeTags, from the id's prefix. */
    static String resourceType(String id) {
        String prefix = id.substring(0, Math.max(0, id.lastIndexOf('-')));
        return switch (prefix) {
            case "vpc" -> "vpc";
            case "subnet" -> "subnet";
            case "rtb" -> "route-table";
            case "igw" -> "internet-gateway";
            case "nat" -> "natgateway";
            case "eipalloc" -> "elastic-ip";
            case "sg" -> "security-group";
            case "sgr" -> "security-group-rule";
            case "acl" -> "network-acl";
            case "eni" -> "network-interface";
            case "i" -> "instance";
            case "vpce" -> "vpc-endpoint";
            case "vpce-svc" -> "vpc-endpoint-service";
            case "pl" -> "prefix-list";
            case "fl" -> "vpc-flow-log";
            default -> prefix;
        };
    }
}
