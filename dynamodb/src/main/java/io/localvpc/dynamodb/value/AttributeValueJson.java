package io.localvpc.dynamodb.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attribute values and items in DynamoDB's JSON ({"S":"x"}, {"N":"1"}, {"M":{…}}), both ways. Reading checks each
 * value as DynamoDB does and refuses with its messages; the JSON types were already checked against the model.
 */
public final class AttributeValueJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeValueJson() {
    }

    /** Reads a map of attribute values (an item, a key); absent or null reads as empty. */
    public static Map<String, AttributeValue> readItem(JsonNode node) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        if (node == null || !node.isObject()) return item;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            item.put(e.getKey(), read(e.getValue()));
        }
        return item;
    }

    /**
     * Reads one value.
     *
     * @throws AttributeValueProblem with DynamoDB's message for a value it refuses
     */
    public static AttributeValue read(JsonNode node) {
        AttributeValue found = null;
        int types = 0;
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v == null || v.isNull()) continue;
                AttributeValue value = readMember(e.getKey(), v);
                if (value == null) continue;
                types++;
                if (found == null) found = value;
            }
        }
        if (types == 0) throw new AttributeValueProblem("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        if (types > 1) {
            throw new AttributeValueProblem("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        return found;
    }

    private static AttributeValue readMember(String type, JsonNode v) {
        switch (type) {
            case "S":
                return new AttributeValue.S(v.asText());
            case "N":
                return new AttributeValue.N(number(v.asText()));
            case "B":
                return new AttributeValue.B(Binary.fromBase64(v.asText()));
            case "BOOL":
                return AttributeValue.Bool.of(JsonBooleans.read(v));
            case "NULL":
                if (!JsonBooleans.read(v)) throw new AttributeValueProblem(INVALID + "Null attribute value types must have the value of true");
                return AttributeValue.Null.INSTANCE;
            case "SS": {
                if (v.size() == 0) throw new AttributeValueProblem(INVALID + "An string set  may not be empty");
                Set<String> set = new LinkedHashSet<>();
                List<String> all = new ArrayList<>();
                for (JsonNode m : v) {
                    all.add(m.asText());
                    set.add(m.asText());
                }
                if (set.size() != all.size()) throw new AttributeValueProblem(INVALID + "Input collection " + all + " contains duplicates.");
                return new AttributeValue.SS(set);
            }
            case "NS": {
                if (v.size() == 0) throw new AttributeValueProblem(INVALID + "An number set  may not be empty");
                Set<BigDecimal> set = new LinkedHashSet<>();
                for (JsonNode m : v) set.add(number(m.asText()));
                if (set.size() != v.size()) throw new AttributeValueProblem("Input collection contains duplicates");
                return new AttributeValue.NS(set);
            }
            case "BS": {
                if (v.size() == 0) throw new AttributeValueProblem(INVALID + "Binary sets should not be empty");
                Set<Binary> set = new LinkedHashSet<>();
                List<String> all = new ArrayList<>();
                for (JsonNode m : v) {
                    all.add(m.asText());
                    set.add(Binary.fromBase64(m.asText()));
                }
                if (set.size() != all.size()) throw new AttributeValueProblem(INVALID + "Input collection " + all + "of type BS contains duplicates.");
                return new AttributeValue.BS(set);
            }
            case "L": {
                List<AttributeValue> list = new ArrayList<>(v.size());
                for (JsonNode m : v) list.add(read(m));
                return new AttributeValue.L(list);
            }
            case "M":
                return new AttributeValue.M(readItem(v));
            default:
                return null;
        }
    }

    private static BigDecimal number(String text) {
        try {
            return DynamoNumbers.parse(text);
        } catch (DynamoNumbers.NumberProblem e) {
            throw new AttributeValueProblem(e.getMessage());
        }
    }

    public static ObjectNode writeItem(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.objectNode();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) node.set(e.getKey(), write(e.getValue()));
        return node;
    }

    public static ObjectNode write(AttributeValue value) {
        ObjectNode node = JSON.objectNode();
        if (value instanceof AttributeValue.S s) {
            node.put("S", s.value());
        } else if (value instanceof AttributeValue.N n) {
            node.put("N", n.text());
        } else if (value instanceof AttributeValue.B b) {
            node.put("B", b.value().toBase64());
        } else if (value instanceof AttributeValue.Bool b) {
            node.put("BOOL", b.value());
        } else if (value instanceof AttributeValue.Null) {
            node.put("NULL", true);
        } else if (value instanceof AttributeValue.SS ss) {
            ArrayNode a = node.putArray("SS");
            ss.values().forEach(a::add);
        } else if (value instanceof AttributeValue.NS ns) {
            ArrayNode a = node.putArray("NS");
            ns.values().forEach(d -> a.add(DynamoNumbers.format(d)));
        } else if (value instanceof AttributeValue.BS bs) {
            ArrayNode a = node.putArray("BS");
            bs.values().forEach(b -> a.add(b.toBase64()));
        } else if (value instanceof AttributeValue.L l) {
            ArrayNode a = node.putArray("L");
            l.values().forEach(v -> a.add(write(v)));
        } else if (value instanceof AttributeValue.M m) {
            node.set("M", writeItem(m.values()));
        }
        return node;
    }
}
