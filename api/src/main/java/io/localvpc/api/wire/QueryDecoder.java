package io.localvpc.api.wire;

import io.localvpc.core.xml.XmlText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.AwsException;

import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decodes an EC2 Query request (flat {@code Key.N.Member=value} pairs) into a JSON tree keyed by the
 * model's member names, following the input shape. Lists are {@code Key.1, Key.2…}; nested structures
 * are {@code Key.Member}. A parameter the shape does not know is refused as AWS refuses it
 * ({@code UnknownParameter}), so a typo never passes silently.
 */
public final class QueryDecoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Parameters that belong to the protocol or to signing, not to the operation. */
    private static final Set<String> PROTOCOL_KEYS = Set.of("Action", "Version", "AWSAccessKeyId", "SignatureMethod",
            "SignatureVersion", "Signature", "Timestamp", "Expires", "SecurityToken");

    private QueryDecoder() {
    }

    public static ObjectNode decode(Shape input, Map<String, String> params) {
        NavigableMap<String, String> sorted = new TreeMap<>(params);
        Set<String> used = new HashSet<>();
        ObjectNode out = input == null ? NODES.objectNode() : decodeStructure(input, "", sorted, used);
        for (String key : sorted.keySet()) {
            if (!used.contains(key) && !PROTOCOL_KEYS.contains(key) && !key.startsWith("X-Amz-")) {
                throw new AwsException("UnknownParameter", "The parameter " + key + " is not recognized");
            }
        }
        return out;
    }

    private static ObjectNode decodeStructure(Shape shape, String prefix, NavigableMap<String, String> params, Set<String> used) {
        ObjectNode node = NODES.objectNode();
        for (Shape.Member m : shape.members().values()) {
            String key = prefix + m.queryKey();
            JsonNode value = decodeValue(m.shape(), key, params, used);
            if (value != null) node.set(m.name(), value);
        }
        for (String req : shape.required()) {
            if (!node.has(req)) throw AwsException.missingParameter(prefix + shape.member(req).queryKey());
        }
        return node;
    }

    private static JsonNode decodeValue(Shape shape, String key, NavigableMap<String, String> params, Set<String> used) {
        switch (shape.type()) {
            case STRUCTURE -> {
                String p = key + ".";
                if (!hasPrefix(params, p)) return null;
                return decodeStructure(shape, p, params, used);
            }
            case LIST -> {
                String p = key + "." + shape.listQueryInfix();
                NavigableMap<String, String> sub = params.subMap(p, true, p.substring(0, p.length() - 1) + "/", false);
                if (sub.isEmpty()) return null;
                TreeSet<Integer> indexes = indexes(sub, p);
                ArrayNode arr = NODES.arrayNode();
                for (int i : indexes) {
                    JsonNode item = decodeValue(shape.listMember(), p + i, params, used);
                    if (item != null) arr.add(item);
                }
                return arr;
            }
            case MAP -> {
                String p = key + ".entry.";
                NavigableMap<String, String> sub = params.subMap(p, true, key + ".entry/", false);
                if (sub.isEmpty()) return null;
                TreeSet<Integer> indexes = indexes(sub, p);
                ObjectNode map = NODES.objectNode();
                for (int i : indexes) {
                    String k = params.get(p + i + ".key");
                    if (k == null) throw AwsException.missingParameter(p + i + ".key");
                    used.add(p + i + ".key");
                    JsonNode v = decodeValue(shape.mapValue(), p + i + ".value", params, used);
                    map.set(k, v == null ? NODES.textNode("") : v);
                }
                return map;
            }
            default -> {
                String raw = params.get(key);
                if (raw == null) return null;
                used.add(key);
                return scalar(shape, key, raw);
            }
        }
    }

    /** The item numbers under {@code prefix} ({@code Key.member.3.Id} → 3), in order. */
    private static TreeSet<Integer> indexes(NavigableMap<String, String> sub, String prefix) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String k : sub.keySet()) {
            String rest = k.substring(prefix.length());
            int dot = rest.indexOf('.');
            String idx = dot < 0 ? rest : rest.substring(0, dot);
            if (!idx.isEmpty() && idx.length() < 6 && idx.chars().allMatch(Character::isDigit)) indexes.add(Integer.parseInt(idx));
        }
        return indexes;
    }

    private static long wholeNumber(String key, String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw AwsException.invalidParameterValue("Value (" + raw + ") for parameter " + key + " is invalid. Expected a whole number"
                    + (raw.trim().matches("[+-]?\\d+") ? " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "." : "."));
        }
    }

    private static boolean hasPrefix(NavigableMap<String, String> params, String prefix) {
        String next = params.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    private static JsonNode scalar(Shape shape, String key, String raw) {
        switch (shape.type()) {
            case INTEGER -> {
                // An int32 on AWS's side: a larger value is refused, never wrapped (4294967739 is not 443).
                long v = wholeNumber(key, raw);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw AwsException.invalidParameterValue("Value (" + raw + ") for parameter " + key
                            + " is invalid. Expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ".");
                }
                return NODES.numberNode((int) v);
            }
            case LONG -> {
                return NODES.numberNode(wholeNumber(key, raw));
            }
            case DOUBLE -> {
                try {
                    return NODES.numberNode(Double.parseDouble(raw.trim()));
                } catch (NumberFormatException e) {
                    throw AwsException.invalidParameterValue("Value (" + raw + ") for parameter " + key + " is invalid. Expected a number.");
                }
            }
            case BOOLEAN -> {
                if (raw.equalsIgnoreCase("true")) return NODES.booleanNode(true);
                if (raw.equalsIgnoreCase("false")) return NODES.booleanNode(false);
                throw AwsException.invalidParameterValue("Value (" + raw + ") for parameter " + key + " is invalid. Expected 'true' or 'false'.");
            }
            default -> {
                int bad = XmlText.firstDisallowed(raw);
                if (bad >= 0) {
                    // Stored, it would make every later answer that shows it malformed XML for the whole account.
                    throw AwsException.invalidParameterValue("Value for parameter " + key + " contains the character U+"
                            + String.format("%04X", (int) raw.charAt(bad)) + " at position " + bad
                            + ", which AWS's XML responses cannot carry. Remove control characters from the value.");
                }
                return NODES.textNode(raw);
            }
        }
    }
}
