package io.localvpc.dynamodb.value;

import com.fasterxml.jackson.databind.JsonNode;

/** DynamoDB reads a boolean member leniently: JSON true/false, or the strings true/false, 1/0, yes/no in any case. */
public final class JsonBooleans {
    private JsonBooleans() {
    }

    /** Whether {@code node} is a boolean DynamoDB accepts (JSON boolean or one of the strings it converts). */
    public static boolean readable(JsonNode node) {
        if (node.isBoolean()) return true;
        if (!node.isTextual()) return false;
        String s = node.asText().toUpperCase(java.util.Locale.ROOT);
        return s.equals("TRUE") || s.equals("1") || s.equals("YES") || s.equals("FALSE") || s.equals("0") || s.equals("NO");
    }

    public static boolean read(JsonNode node) {
        if (node.isBoolean()) return node.booleanValue();
        String s = node.asText().toUpperCase(java.util.Locale.ROOT);
        return s.equals("TRUE") || s.equals("1") || s.equals("YES");
    }
}
