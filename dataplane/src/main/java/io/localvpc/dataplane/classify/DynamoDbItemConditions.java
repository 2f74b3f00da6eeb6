package io.localvpc.dataplane.classify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DynamoDB's fine-grained condition keys for one table's part of a request, read from its members as IAM reads them:
 * {@code dynamodb:LeadingKeys}, the partition key values the request touches (the table's partition key, or the
 * index's for a Query of an index), and {@code dynamodb:Attributes}, the top-level attribute names it reads or
 * writes (key, item, projection, update and key-condition attributes). A key is left out when the request does not
 * say (a Scan has no leading keys; a GetItem without a projection names no attributes, which is why AWS's examples
 * pair {@code dynamodb:Attributes} with {@code dynamodb:Select}).
 */
final class DynamoDbItemConditions {

    static final String LEADING_KEYS = "dynamodb:LeadingKeys";
    static final String ATTRIBUTES = "dynamodb:Attributes";

    /** A path's first element: an attribute name or a {@code #placeholder}, not after a dot or a {@code :value}. */
    private static final Pattern NAME = Pattern.compile("(?<![.:#\\w])(#?[A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> WORDS = Set.of("set", "remove", "add", "delete", "and", "or", "not", "between", "in",
            "if_not_exists", "list_append", "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with",
            "contains", "size");

    private DynamoDbItemConditions() {
    }

    /**
     * The condition keys of one table's part of a request.
     *
     * @param partitionKey the partition key attribute of the table (or of the index queried), if known
     * @param request      the members that describe this part: a whole request, or one entry of a batch or transaction
     */
    static ConditionKeys of(Optional<String> partitionKey, JsonNode request, String operation) {
        return of(partitionKey, request, operation, List.of());
    }

    /** The condition keys of one table's entry of a BatchGetItem ({@code Keys}, a projection) or BatchWriteItem (its writes). */
    static ConditionKeys ofBatchEntry(Optional<String> partitionKey, JsonNode entry) {
        List<JsonNode> keysAndItems = new ArrayList<>();
        if (entry.isObject() && entry.get("Keys") != null) entry.get("Keys").forEach(keysAndItems::add);
        if (entry.isArray()) {
            for (JsonNode write : entry) {
                addIfObject(keysAndItems, write.path("PutRequest").get("Item"));
                addIfObject(keysAndItems, write.path("DeleteRequest").get("Key"));
            }
        }
        return of(partitionKey, entry.isObject() ? entry : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                "BatchEntry", keysAndItems);
    }

    private static ConditionKeys of(Optional<String> partitionKey, JsonNode request, String operation, List<JsonNode> moreItems) {
        ConditionKeys keys = new ConditionKeys();
        JsonNode names = request.get("ExpressionAttributeNames");
        List<JsonNode> items = new ArrayList<>();
        addIfObject(items, request.get("Key"));
        addIfObject(items, request.get("Item"));
        for (JsonNode item : moreItems) addIfObject(items, item);
        Set<String> leading = new LinkedHashSet<>();
        Set<String> attributes = new LinkedHashSet<>();
        for (JsonNode item : items) {
            item.fieldNames().forEachRemaining(attributes::add);
            String pk = partitionKey.orElse(item.size() == 1 ? item.fieldNames().next() : null);
            if (pk != null && item.get(pk) != null) scalar(item.get(pk)).ifPresent(leading::add);
        }
        if (operation.equals("Query")) queryLeadingKeys(partitionKey, request, names, leading, attributes);
        for (String member : List.of("ProjectionExpression", "UpdateExpression")) {
            JsonNode e = request.get(member);
            if (e != null && e.isTextual()) attributes.addAll(topLevelNames(e.asText(), names));
        }
        for (String member : List.of("AttributesToGet")) {
            JsonNode list = request.get(member);
            if (list != null && list.isArray()) list.forEach(n -> attributes.add(n.asText()));
        }
        JsonNode updates = request.get("AttributeUpdates");
        if (updates != null && updates.isObject()) updates.fieldNames().forEachRemaining(attributes::add);
        if (!leading.isEmpty()) keys.put(LEADING_KEYS, new ArrayList<>(leading));
        if (!attributes.isEmpty()) keys.put(ATTRIBUTES, new ArrayList<>(attributes));
        return keys;
    }

    /** A Query's partition key value: the equality on it in the KeyConditionExpression (or the legacy KeyConditions). */
    private static void queryLeadingKeys(Optional<String> partitionKey, JsonNode request, JsonNode names, Set<String> leading,
                                         Set<String> attributes) {
        JsonNode values = request.get("ExpressionAttributeValues");
        JsonNode expression = request.get("KeyConditionExpression");
        if (expression != null && expression.isTextual()) {
            List<String[]> equalities = new ArrayList<>();
            for (String clause : expression.asText().split("(?i)\\s+and\\s+")) {
                Matcher m = Pattern.compile("^\\s*\\(?\\s*(#?[A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(:[A-Za-z0-9_]+)\\s*\\)?\\s*$").matcher(clause);
                Matcher reversed = Pattern.compile("^\\s*\\(?\\s*(:[A-Za-z0-9_]+)\\s*=\\s*(#?[A-Za-z_][A-Za-z0-9_]*)\\s*\\)?\\s*$").matcher(clause);
                if (m.matches()) equalities.add(new String[]{resolve(m.group(1), names), m.group(2)});
                else if (reversed.matches()) equalities.add(new String[]{resolve(reversed.group(2), names), reversed.group(1)});
            }
            attributes.addAll(topLevelNames(expression.asText(), names));
            for (String[] eq : equalities) {
                boolean isPartitionKey = partitionKey.map(eq[0]::equals).orElse(equalities.size() == 1);
                if (isPartitionKey && values != null && values.get(eq[1]) != null) scalar(values.get(eq[1])).ifPresent(leading::add);
            }
        }
        JsonNode legacy = request.get("KeyConditions");
        if (legacy != null && legacy.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = legacy.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> c = it.next();
                attributes.add(c.getKey());
                boolean eq = "EQ".equals(c.getValue().path("ComparisonOperator").asText());
                boolean isPartitionKey = partitionKey.map(c.getKey()::equals).orElse(legacy.size() == 1);
                JsonNode list = c.getValue().get("AttributeValueList");
                if (eq && isPartitionKey && list != null && list.size() == 1) scalar(list.get(0)).ifPresent(leading::add);
            }
        }
    }

    /** The top-level attribute names an expression's paths begin with, placeholders resolved. */
    static List<String> topLevelNames(String expression, JsonNode names) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = NAME.matcher(expression);
        while (m.find()) {
            String token = m.group(1);
            int after = m.end();
            while (after < expression.length() && expression.charAt(after) == ' ') after++;
            boolean function = after < expression.length() && expression.charAt(after) == '(';
            if (function || (!token.startsWith("#") && WORDS.contains(token.toLowerCase(Locale.ROOT)))) continue;
            found.add(resolve(token, names));
        }
        return new ArrayList<>(found);
    }

    private static String resolve(String token, JsonNode names) {
        if (!token.startsWith("#") || names == null) return token;
        JsonNode n = names.get(token);
        return n != null && n.isTextual() ? n.asText() : token;
    }

    /** The value of a key attribute as IAM compares it: a string or a number as written, a binary as its base64. */
    private static Optional<String> scalar(JsonNode attributeValue) {
        for (String type : List.of("S", "N", "B")) {
            JsonNode v = attributeValue.get(type);
            if (v != null && v.isTextual()) return Optional.of(v.asText());
        }
        return Optional.empty();
    }

    private static void addIfObject(List<JsonNode> into, JsonNode node) {
        if (node != null && node.isObject()) into.add(node);
    }
}
