package io.localvpc.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.state.ResourceCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS service model (botocore's JSON form), loaded once. It is the single source of every wire name:
 * request query keys and response XML element names are read from it, never written by hand.
 */
public final class ServiceModel {
    /**
     * An operation's input and output shapes (either may be absent), and for the Query protocol the element
     * its result is wrapped in ({@code GetCallerIdentityResult}).
     */
    public record Operation(String name, Shape input, Shape output, String resultWrapper) {
    }

    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Operation> operations = new HashMap<>();
    private final String xmlNamespace;
    private final String apiVersion;
    /**
     * The Query protocol of IAM and STS rather than EC2's variant of it: query keys are the member (or
     * location) names as they are, and lists travel as {@code Key.member.N} and answer {@code <member>} items.
     */
    private final boolean awsQuery;

    private ServiceModel(JsonNode root) {
        JsonNode meta = root.get("metadata");
        this.awsQuery = meta.path("protocol").asText().equals("query");
        JsonNode shapeDefs = root.get("shapes");
        for (Iterator<String> it = shapeDefs.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            shapes.put(n, new Shape(n));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = shapeDefs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            resolve(shapes.get(e.getKey()), e.getValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("operations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode op = e.getValue();
            operations.put(e.getKey(), new Operation(e.getKey(),
                    op.has("input") ? shapes.get(op.get("input").get("shape").asText()) : null,
                    op.has("output") ? shapes.get(op.get("output").get("shape").asText()) : null,
                    op.path("output").path("resultWrapper").asText(null)));
        }
        String ns = meta.path("xmlNamespace").asText("");
        this.xmlNamespace = ns.endsWith("/") ? ns : ns + "/";
        this.apiVersion = meta.path("apiVersion").asText();
    }

    private void resolve(Shape shape, JsonNode def) {
        String type = def.get("type").asText();
        switch (type) {
            case "structure" -> {
                shape.type = Shape.Type.STRUCTURE;
                for (Iterator<Map.Entry<String, JsonNode>> it = def.path("members").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = it.next();
                    JsonNode md = m.getValue();
                    String locationName = md.path("locationName").asText(null);
                    String queryKey = awsQuery ? (locationName != null ? locationName : m.getKey())
                            : md.has("queryName") ? md.get("queryName").asText()
                            : locationName != null ? Character.toUpperCase(locationName.charAt(0)) + locationName.substring(1)
                            : m.getKey();
                    String xmlName = locationName != null ? locationName : m.getKey();
                    shape.members.put(m.getKey(), new Shape.Member(m.getKey(), shapes.get(md.get("shape").asText()), queryKey, xmlName));
                }
                List<String> req = new ArrayList<>();
                def.path("required").forEach(r -> req.add(r.asText()));
                shape.required = List.copyOf(req);
            }
            case "list" -> {
                shape.type = Shape.Type.LIST;
                shape.listMember = shapes.get(def.get("member").get("shape").asText());
                boolean flattened = def.path("flattened").asBoolean(false);
                shape.listItemName = def.get("member").path("locationName").asText(awsQuery ? "member" : "item");
                // EC2 flattens every list on the wire (Key.N); the Query protocol only those marked flattened.
                shape.listQueryInfix = awsQuery && !flattened ? shape.listItemName + "." : "";
                shape.listFlattened = awsQuery && flattened;
            }
            case "map" -> {
                // Query maps travel as Key.entry.N.key / Key.entry.N.value (ELBv2's authentication parameters)
                shape.type = Shape.Type.MAP;
                shape.mapValue = shapes.get(def.get("value").get("shape").asText());
            }
            case "string", "blob" -> shape.type = Shape.Type.STRING;
            case "integer", "long" -> {
                shape.type = type.equals("integer") ? Shape.Type.INTEGER : Shape.Type.LONG;
                if (def.has("min")) shape.min = def.get("min").asLong();
                if (def.has("max")) shape.max = def.get("max").asLong();
            }
            case "boolean" -> shape.type = Shape.Type.BOOLEAN;
            case "timestamp" -> shape.type = Shape.Type.TIMESTAMP;
            case "double", "float" -> shape.type = Shape.Type.DOUBLE;
            default -> throw new IllegalStateException("shape " + shape.name + " has unsupported type " + type);
        }
    }

    public static ServiceModel load(String resource) {
        try (InputStream in = ServiceModel.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("service model " + resource + " is missing from the jar");
            return new ServiceModel(ResourceCodec.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Operation> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Shape shape(String name) {
        Shape s = shapes.get(name);
        if (s == null) throw new IllegalArgumentException("no shape " + name + " in the model");
        return s;
    }

    public String xmlNamespace() {
        return xmlNamespace;
    }

    public String apiVersion() {
        return apiVersion;
    }
}
