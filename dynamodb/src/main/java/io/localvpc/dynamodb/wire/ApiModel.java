package io.localvpc.dynamodb.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DynamoDB's API model as localvpc ships it (the subset of botocore's model in dynamodb-model.json): each operation's
 * input shape, and for every shape its type, members and constraints. Requests are checked against it before any
 * operation looks at them, so every type and limit the model states is enforced in one place.
 */
final class ApiModel {
    /** One shape: a structure (members in the model's order), list, map or scalar, with its constraints. */
    static final class Shape {
        final String name;
        String type;
        final Map<String, Shape> members = new LinkedHashMap<>();
        Set<String> required = Set.of();
        Shape member;
        Shape key;
        Shape value;
        Long min;
        Long max;
        Pattern pattern;
        String patternText;
        List<String> enumValues;

        Shape(String name) {
            this.name = name;
        }
    }

    private static final ApiModel INSTANCE = load();

    private final Map<String, Shape> inputs;
    private final Map<String, Shape> shapes;

    private ApiModel(Map<String, Shape> inputs, Map<String, Shape> shapes) {
        this.inputs = inputs;
        this.shapes = shapes;
    }

    /** A shape by its model name, or null. */
    Shape shape(String name) {
        return shapes.get(name);
    }

    static ApiModel get() {
        return INSTANCE;
    }

    /** The input shape of an operation this module serves, or null for any other name. */
    Shape input(String operation) {
        return inputs.get(operation);
    }

    private static ApiModel load() {
        JsonNode root;
        try (InputStream in = ApiModel.class.getResourceAsStream("/io/localvpc/dynamodb/dynamodb-model.json")) {
            if (in == null) throw new IllegalStateException("dynamodb-model.json is missing from the classpath");
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Shape> shapes = new HashMap<>();
        JsonNode defs = root.get("shapes");
        defs.fieldNames().forEachRemaining(n -> shapes.put(n, new Shape(n)));
        for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Shape s = shapes.get(e.getKey());
            JsonNode d = e.getValue();
            s.type = d.get("type").asText();
            if (d.has("members")) {
                d.get("members").fields().forEachRemaining(m -> s.members.put(m.getKey(), shapes.get(m.getValue().get("shape").asText())));
            }
            if (d.has("required")) {
                List<String> req = new ArrayList<>();
                d.get("required").forEach(r -> req.add(r.asText()));
                s.required = Set.copyOf(req);
            }
            if (d.has("member")) s.member = shapes.get(d.get("member").get("shape").asText());
            if (d.has("key")) s.key = shapes.get(d.get("key").get("shape").asText());
            if (d.has("value")) s.value = shapes.get(d.get("value").get("shape").asText());
            if (d.has("min")) s.min = d.get("min").asLong();
            if (d.has("max")) s.max = d.get("max").asLong();
            if (d.has("pattern")) {
                s.patternText = d.get("pattern").asText();
                s.pattern = Pattern.compile(s.patternText);
            }
            if (d.has("enum")) {
                List<String> values = new ArrayList<>();
                d.get("enum").forEach(v -> values.add(v.asText()));
                s.enumValues = List.copyOf(values);
            }
        }
        DynamoDbCorrections.apply(shapes);
        Map<String, Shape> inputs = new HashMap<>();
        root.get("operations").fields().forEachRemaining(op -> {
            JsonNode input = op.getValue().get("input");
            if (input != null) inputs.put(op.getKey(), shapes.get(input.get("shape").asText()));
        });
        return new ApiModel(inputs, shapes);
    }
}
