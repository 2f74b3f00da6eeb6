package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, shared by all its expressions, remembering which
 * were used: DynamoDB refuses a request that defines a placeholder none of its expressions uses.
 */
public final class ExpressionAttributes {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    public ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : new LinkedHashMap<>(names);
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    public static ExpressionAttributes none() {
        return new ExpressionAttributes(null, null);
    }

    String name(String placeholder) {
        String name = names.get(placeholder);
        if (name == null) {
            throw new ExpressionProblem("An expression attribute name used in the document path is not defined; attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    AttributeValue value(String placeholder) {
        AttributeValue value = values.get(placeholder);
        if (value == null) {
            throw new ExpressionProblem("An expression attribute value used in expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /** DynamoDB's refusal of placeholders defined but never used (names first), if there are any. */
    public Optional<String> unused() {
        List<String> n = new ArrayList<>();
        for (String k : names.keySet()) if (!usedNames.contains(k)) n.add(k);
        if (!n.isEmpty()) return Optional.of("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + String.join(", ", n) + "}");
        List<String> v = new ArrayList<>();
        for (String k : values.keySet()) if (!usedValues.contains(k)) v.add(k);
        if (!v.isEmpty()) return Optional.of("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + String.join(", ", v) + "}");
        return Optional.empty();
    }
}
