package io.localvpc.dynamodb.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.value.JsonBooleans;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a request body against the operation's input shape as DynamoDB's front end does, in two passes: JSON types
 * (a SerializationException naming the Java type DynamoDB could not read, at the first mismatch) and then the model's
 * constraints (one ValidationException listing up to ten "Value … at '…' failed to satisfy constraint" errors).
 */
final class RequestShapeCheck {
    private static final String PACKAGE = "com.amazonaws.dynamodb.v20120810.";
    private static final String CAST = "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class "
            + "(sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of loader 'bootstrap')";
    private static final int MAX_ERRORS = 10;

    private enum Place { FIELD, LIST_MEMBER, MAP_VALUE }

    private final ApiModel.Shape tableName;

    RequestShapeCheck(ApiModel.Shape tableName) {
        this.tableName = tableName;
    }

    // ---- types

    static void types(JsonNode body, ApiModel.Shape input) {
        structure(body, input);
    }

    private static void structure(JsonNode object, ApiModel.Shape shape) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ApiModel.Shape member = shape.members.get(e.getKey());
            if (member != null && !e.getValue().isNull()) value(e.getValue(), member, Place.FIELD);
        }
    }

    private static void value(JsonNode v, ApiModel.Shape shape, Place place) {
        switch (shape.type) {
            case "string" -> scalar(v, "String");
            case "boolean" -> {
                if (v.isTextual() && !JsonBooleans.readable(v)) throw serialization("Unexpected token received from parser");
                if (!v.isTextual()) scalar(v, "Boolean");
            }
            case "integer" -> integral(v, "Integer");
            case "long" -> integral(v, "Long");
            case "blob" -> blob(v);
            case "list" -> {
                if (v.isObject()) throw serialization("Start of structure or map found where not expected");
                if (!v.isArray()) throw serialization(place == Place.MAP_VALUE ? CAST : "Unexpected field type");
                for (JsonNode m : v) if (!m.isNull()) value(m, shape.member, Place.LIST_MEMBER);
            }
            case "map" -> {
                if (v.isArray()) throw serialization("Unrecognized collection type " + javaType(shape));
                if (!v.isObject()) throw serialization(place == Place.LIST_MEMBER ? CAST : "Unexpected field type");
                for (JsonNode m : v) if (!m.isNull()) value(m, shape.value, Place.MAP_VALUE);
            }
            case "structure" -> {
                if (v.isArray()) throw serialization("Unrecognized collection type class " + PACKAGE + shape.name);
                if (!v.isObject()) throw serialization(place == Place.FIELD ? "Unexpected field type" : "Unexpected value type in payload");
                structure(v, shape);
            }
            default -> {
                // a type DynamoDB's model does not use for input; nothing to check
            }
        }
    }

    private static void scalar(JsonNode v, String type) {
        if (v.isTextual() && type.equals("String")) return;
        if (v.isBoolean()) {
            if (type.equals("Boolean")) return;
            throw serialization((v.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + type);
        }
        if (v.isNumber()) throw serialization((v.isIntegralNumber() ? "NUMBER_VALUE" : "DECIMAL_VALUE") + " cannot be converted to " + type);
        if (v.isArray()) throw serialization("Unrecognized collection type class java.lang." + type);
        if (v.isObject()) throw serialization("Start of structure or map found where not expected");
    }

    private static void integral(JsonNode v, String type) {
        if (v.isNumber()) return;
        if (v.isTextual()) throw serialization("STRING_VALUE cannot be converted to " + type);
        if (v.isBoolean()) throw serialization((v.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + type);
        if (v.isArray()) throw serialization("Unrecognized collection type class java.lang." + type);
        throw serialization("Start of structure or map found where not expected");
    }

    private static void blob(JsonNode v) {
        if (v.isArray()) throw serialization("Unrecognized collection type class java.nio.ByteBuffer");
        if (v.isObject()) throw serialization("Start of structure or map found where not expected");
        if (!v.isTextual()) throw serialization("only base-64-encoded strings are convertible to bytes");
        String s = v.asText();
        if (s.length() % 4 != 0) throw serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + s.length());
        boolean ok;
        try {
            ok = Base64.getEncoder().encodeToString(Base64.getDecoder().decode(s)).equals(s);
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (!ok) throw serialization("Invalid last non-pad Base64 character dectected");
    }

    private static String javaType(ApiModel.Shape s) {
        return switch (s.type) {
            case "structure" -> PACKAGE + s.name;
            case "list" -> "java.util.List<" + javaType(s.member) + ">";
            case "map" -> "java.util.Map<java.lang.String, " + javaType(s.value) + ">";
            case "blob" -> "java.nio.ByteBuffer";
            case "integer" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "boolean" -> "java.lang.Boolean";
            default -> "java.lang.String";
        };
    }

    private static DynamoDbException serialization(String message) {
        return DynamoDbException.serialization(message);
    }

    // ---- constraints

    /** Lists every constraint the body breaks (up to ten) and refuses it if there is any. */
    void constraints(JsonNode body, ApiModel.Shape input) {
        List<String> errors = new ArrayList<>();
        structureConstraints(body, input, "", errors);
        if (!errors.isEmpty()) {
            throw DynamoDbException.validation(errors.size() + " validation error" + (errors.size() == 1 ? "" : "s") + " detected: "
                    + String.join("; ", errors));
        }
    }

    private void structureConstraints(JsonNode object, ApiModel.Shape shape, String prefix, List<String> errors) {
        for (Map.Entry<String, ApiModel.Shape> m : shape.members.entrySet()) {
            if (errors.size() >= MAX_ERRORS) return;
            JsonNode v = object.get(m.getKey());
            String path = prefix + Character.toLowerCase(m.getKey().charAt(0)) + m.getKey().substring(1);
            if (v == null || v.isNull()) {
                if (shape.required.contains(m.getKey())) errors.add(error("null", path, "Member must not be null"));
                continue;
            }
            valueConstraints(v, m.getValue(), path, false, errors);
        }
    }

    /** {@code element}: the value is a list member or map value, whose own members DynamoDB names under "….member.". */
    private void valueConstraints(JsonNode v, ApiModel.Shape declared, String path, boolean element, List<String> errors) {
        ApiModel.Shape shape = effective(declared, v);
        if (shape.name.equals("AttributeValue")) return; // values carry no model constraints; DynamoDB checks them itself
        if (element && !shape.type.equals("structure")) path = path + ".member";
        switch (shape.type) {
            case "string" -> {
                String s = v.asText();
                if (shape.pattern != null && !shape.pattern.matcher(s).matches()) {
                    add(errors, error(quote(s), path, "Member must satisfy regular expression pattern: " + shape.patternText));
                }
                length(s.length(), shape, () -> quote(s), path, errors);
                if (shape.enumValues != null && !shape.enumValues.contains(s)) {
                    add(errors, error(quote(s), path, "Member must satisfy enum value set: [" + String.join(", ", shape.enumValues) + "]"));
                }
            }
            case "integer", "long" -> {
                long n = v.asLong();
                if (shape.min != null && n < shape.min) {
                    add(errors, error(quote(String.valueOf(n)), path, "Member must have value greater than or equal to " + shape.min));
                }
                if (shape.max != null && n > shape.max) {
                    add(errors, error(quote(String.valueOf(n)), path, "Member must have value less than or equal to " + shape.max));
                }
            }
            case "blob" -> length(v.asText().length() * 3 / 4, shape, () -> quote(v.asText()), path, errors);
            case "list" -> {
                length(v.size(), shape, () -> quote(text(v)), path, errors);
                int i = 1;
                for (JsonNode m : v) {
                    if (!m.isNull()) valueConstraints(m, shape.member, path + "." + i, true, errors);
                    i++;
                }
            }
            case "map" -> {
                length(v.size(), shape, () -> quote(text(v)), path, errors);
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    ApiModel.Shape key = shape.key.name.equals("TableArn") && !e.getKey().startsWith("arn:") && tableName != null ? tableName : shape.key;
                    List<String> broken = brokenBy(e.getKey(), e.getKey().length(), key);
                    if (!broken.isEmpty()) add(errors, error(quote(text(v)), path, "Map keys must satisfy constraint: " + constraintsOf(key)));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isNull()) continue;
                    if (shape.value.type.equals("structure")) {
                        valueConstraints(e.getValue(), shape.value, path + "." + e.getKey(), true, errors);
                    } else {
                        // a map of lists (BatchWriteItem's RequestItems): each list's length is judged at the map, as DynamoDB words it
                        if (!brokenBy(null, e.getValue().size(), shape.value).isEmpty()) {
                            add(errors, error(quote(text(v)), path, "Map value must satisfy constraint: " + constraintsOf(shape.value)));
                        }
                        if (shape.value.type.equals("list")) {
                            int i = 1;
                            for (JsonNode m : e.getValue()) {
                                if (!m.isNull()) valueConstraints(m, shape.value.member, path + "." + e.getKey() + ".member." + i, true, errors);
                                i++;
                            }
                        }
                    }
                }
            }
            case "structure" -> structureConstraints(v, shape, element ? path + ".member." : path + ".", errors);
            default -> {
                // booleans have no constraints
            }
        }
    }

    /** A table named by its name rather than its ARN is held to the name's rules (3 to 255 of a-z, A-Z, 0-9, '_', '-', '.'), as DynamoDB does. */
    private ApiModel.Shape effective(ApiModel.Shape declared, JsonNode v) {
        if (declared.name.equals("TableArn") && tableName != null && !v.asText().startsWith("arn:")) return tableName;
        return declared;
    }

    /** The constraints a map key or value breaks (its text for patterns, its length for limits). */
    private static List<String> brokenBy(String text, int length, ApiModel.Shape shape) {
        List<String> broken = new ArrayList<>();
        if (shape.max != null && length > shape.max) broken.add("max");
        if (shape.min != null && length < shape.min) broken.add("min");
        if (text != null && shape.pattern != null && !shape.pattern.matcher(text).matches()) broken.add("pattern");
        return broken;
    }

    /** All of a shape's constraints as DynamoDB lists them for map keys and values: the maximum, the minimum, then the pattern. */
    private static String constraintsOf(ApiModel.Shape shape) {
        List<String> all = new ArrayList<>();
        if (shape.max != null) all.add("Member must have length less than or equal to " + shape.max);
        if (shape.min != null) all.add("Member must have length greater than or equal to " + shape.min);
        if (shape.pattern != null) all.add("Member must satisfy regular expression pattern: " + shape.patternText);
        return all.toString();
    }

    /** {@code value} is only rendered when a limit is broken (rendering a whole item for every request would cost more than checking it). */
    private static void length(int length, ApiModel.Shape shape, java.util.function.Supplier<String> value, String path, List<String> errors) {
        if (shape.min != null && length < shape.min) add(errors, error(value.get(), path, "Member must have length greater than or equal to " + shape.min));
        if (shape.max != null && length > shape.max) add(errors, error(value.get(), path, "Member must have length less than or equal to " + shape.max));
    }

    private static void add(List<String> errors, String error) {
        if (errors.size() < MAX_ERRORS) errors.add(error);
    }

    private static String error(String value, String path, String constraint) {
        return "Value " + value + " at '" + path + "' failed to satisfy constraint: " + constraint;
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    /** A list or map as DynamoDB prints it in a constraint error. */
    private static String text(JsonNode v) {
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            v.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString())));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode m : v) parts.add(m.isValueNode() ? m.asText() : m.toString());
            return "[" + String.join(", ", parts) + "]";
        }
        return v.toString();
    }
}
