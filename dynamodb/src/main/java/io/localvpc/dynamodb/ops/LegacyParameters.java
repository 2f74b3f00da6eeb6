package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.expr.Condition;
import io.localvpc.dynamodb.expr.DocumentPath;
import io.localvpc.dynamodb.expr.Operand;
import io.localvpc.dynamodb.expr.UpdateAction;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.KeyValueOrder;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's legacy parameters (Expected, AttributesToGet, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter,
 * ConditionalOperator), which older SDK mappers still send: checked with DynamoDB's messages and turned into the
 * same conditions, updates and projections the expressions compile to.
 */
final class LegacyParameters {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final Set<String> SCALAR_AND_SET = Set.of("S", "N", "B", "SS", "NS", "BS");
    private static final Set<String> SCALAR = Set.of("S", "N", "B");

    private LegacyParameters() {
    }

    /** Fills in what legacy parameters say where the request has no expression for it. */
    static RequestExpressions.Compiled complete(JsonNode in, RequestExpressions.Compiled c) {
        Condition condition = c.condition() != null ? c.condition() : conditions(in, "Expected", true);
        Condition filter = c.filter() != null ? c.filter() : Requests.has(in, "QueryFilter") ? conditions(in, "QueryFilter", false)
                : conditions(in, "ScanFilter", false);
        List<DocumentPath> projection = c.projection();
        if (projection == null && Requests.has(in, "AttributesToGet")) {
            projection = new ArrayList<>();
            for (JsonNode a : in.get("AttributesToGet")) {
                DocumentPath p = DocumentPath.of(a.asText());
                if (projection.contains(p)) throw DynamoDbException.validation(INVALID + "Duplicate value in attribute name: " + a.asText());
                projection.add(p);
            }
        }
        List<UpdateAction> update = c.update() != null ? c.update() : attributeUpdates(in);
        return new RequestExpressions.Compiled(update, condition, c.keyCondition(), filter, projection);
    }

    /** AttributesToGet may not name an attribute twice. */
    static void checkAttributesToGet(JsonNode in) {
        JsonNode a = in.get("AttributesToGet");
        if (a == null || a.isNull()) return;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode n : a) {
            if (!seen.add(n.asText())) throw DynamoDbException.validation(INVALID + "Duplicate value in attribute name: " + n.asText());
        }
    }

    /** DynamoDB's checks of the Expected map. */
    static void checkExpected(JsonNode in) {
        JsonNode expected = in.get("Expected");
        if (expected == null || expected.isNull()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode c = e.getValue();
            boolean hasList = Requests.has(c, "AttributeValueList");
            boolean hasValue = Requests.has(c, "Value");
            boolean hasExists = Requests.has(c, "Exists");
            if (hasList && hasValue) {
                throw DynamoDbException.validation(INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + name);
            }
            if (Requests.has(c, "ComparisonOperator")) {
                String op = Requests.text(c, "ComparisonOperator");
                if (hasExists) throw DynamoDbException.validation(INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: " + name);
                if (!op.equals("NULL") && !op.equals("NOT_NULL") && !hasList && !hasValue) {
                    throw DynamoDbException.validation(INVALID + "Value or AttributeValueList must be used with ComparisonOperator: " + op
                            + " for Attribute: " + name);
                }
                List<AttributeValue> values = new ArrayList<>();
                if (hasList) for (JsonNode v : c.get("AttributeValueList")) values.add(Requests.value(v));
                if (hasValue) values.add(Requests.value(c.get("Value")));
                checkOperands(op, values, false);
            } else if (hasList) {
                throw DynamoDbException.validation(INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
            } else {
                boolean exists = !hasExists || Requests.bool(c, "Exists", true);
                if (exists && !hasValue) {
                    throw DynamoDbException.validation(INVALID + "Value must be provided when Exists is " + (hasExists ? "true" : "null")
                            + " for Attribute: " + name);
                }
                if (!exists && hasValue) throw DynamoDbException.validation(INVALID + "Value cannot be used when Exists is false for Attribute: " + name);
                if (hasValue) Requests.value(c.get("Value"));
            }
        }
    }

    /** DynamoDB's checks of AttributeUpdates. */
    static void checkAttributeUpdates(JsonNode in) {
        JsonNode updates = in.get("AttributeUpdates");
        if (updates == null || updates.isNull()) return;
        for (JsonNode u : updates) {
            String action = Requests.has(u, "Action") ? Requests.text(u, "Action") : "PUT";
            AttributeValue v = Requests.has(u, "Value") ? Requests.value(u.get("Value")) : null;
            if (v == null && !action.equals("DELETE")) {
                throw DynamoDbException.validation(INVALID + "Only DELETE action is allowed when no attribute value is specified");
            }
            if (v != null && action.equals("DELETE") && !Set.of("SS", "NS", "BS").contains(v.type())) {
                throw DynamoDbException.validation(INVALID + "DELETE action with value is not supported for the type " + v.type());
            }
            if (v != null && action.equals("ADD") && !Set.of("L", "SS", "NS", "BS", "N").contains(v.type())) {
                throw DynamoDbException.validation(INVALID + "ADD action is not supported for the type " + v.type());
            }
        }
    }

    /** Whether the request updates through AttributeUpdates (whose type errors DynamoDB words differently). */
    static boolean usesAttributeUpdates(JsonNode in) {
        return Requests.has(in, "AttributeUpdates");
    }

    private static List<UpdateAction> attributeUpdates(JsonNode in) {
        JsonNode updates = in.get("AttributeUpdates");
        if (updates == null || updates.isNull()) return null;
        List<UpdateAction> actions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = updates.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            DocumentPath path = DocumentPath.of(e.getKey());
            JsonNode u = e.getValue();
            String action = Requests.has(u, "Action") ? Requests.text(u, "Action") : "PUT";
            AttributeValue v = Requests.has(u, "Value") ? Requests.value(u.get("Value")) : null;
            switch (action) {
                case "PUT" -> actions.add(new UpdateAction.Set(path, new Operand.Value(v)));
                case "DELETE" -> actions.add(v == null ? new UpdateAction.Remove(path) : new UpdateAction.Delete(path, v));
                default -> {
                    if (v instanceof AttributeValue.L) {
                        Operand existing = new Operand.IfNotExists(path, new Operand.Value(new AttributeValue.L(List.of())));
                        actions.add(new UpdateAction.Set(path, new Operand.ListAppend(existing, new Operand.Value(v))));
                    } else {
                        actions.add(new UpdateAction.Add(path, v));
                    }
                }
            }
        }
        return actions;
    }

    /** Expected (legacy form allowed: Value and Exists) or a map of Conditions, joined by ConditionalOperator. */
    private static Condition conditions(JsonNode in, String member, boolean expected) {
        JsonNode map = in.get(member);
        if (map == null || map.isNull()) return null;
        boolean or = "OR".equals(Requests.text(in, "ConditionalOperator"));
        Condition all = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Condition c = condition(e.getKey(), e.getValue(), expected);
            all = all == null ? c : or ? new Condition.Or(all, c) : new Condition.And(all, c);
        }
        return all == null ? new Condition.True() : all;
    }

    private static Condition condition(String name, JsonNode c, boolean expected) {
        Operand attribute = new Operand.Path(DocumentPath.of(name));
        List<AttributeValue> values = new ArrayList<>();
        if (Requests.has(c, "AttributeValueList")) for (JsonNode v : c.get("AttributeValueList")) values.add(Requests.value(v));
        if (Requests.has(c, "Value")) values.add(Requests.value(c.get("Value")));
        String op = Requests.text(c, "ComparisonOperator");
        if (op == null) {
            if (expected) {
                boolean exists = !Requests.has(c, "Exists") || Requests.bool(c, "Exists", true);
                if (!exists) return new Condition.Exists(DocumentPath.of(name), false);
                return new Condition.Compare(attribute, Condition.Comparator.EQ, new Operand.Value(values.get(0)));
            }
            op = "EQ";
        }
        if (!expected) checkOperands(op, values, true);
        List<Operand> operands = new ArrayList<>();
        for (AttributeValue v : values) operands.add(new Operand.Value(v));
        return switch (op) {
            case "EQ" -> new Condition.Compare(attribute, Condition.Comparator.EQ, operands.get(0));
            case "NE" -> new Condition.Compare(attribute, Condition.Comparator.NE, operands.get(0));
            case "LT" -> new Condition.Compare(attribute, Condition.Comparator.LT, operands.get(0));
            case "LE" -> new Condition.Compare(attribute, Condition.Comparator.LE, operands.get(0));
            case "GT" -> new Condition.Compare(attribute, Condition.Comparator.GT, operands.get(0));
            case "GE" -> new Condition.Compare(attribute, Condition.Comparator.GE, operands.get(0));
            case "NOT_NULL" -> new Condition.Exists(DocumentPath.of(name), true);
            case "NULL" -> new Condition.Exists(DocumentPath.of(name), false);
            case "CONTAINS" -> new Condition.Contains(attribute, operands.get(0));
            case "NOT_CONTAINS" -> new Condition.And(new Condition.Exists(DocumentPath.of(name), true),
                    new Condition.Not(new Condition.Contains(attribute, operands.get(0))));
            case "BEGINS_WITH" -> new Condition.BeginsWith(attribute, operands.get(0));
            case "IN" -> new Condition.In(attribute, operands);
            default -> new Condition.Between(attribute, operands.get(0), operands.get(1));
        };
    }

    /** DynamoDB's checks of a map of legacy Conditions (KeyConditions, QueryFilter, ScanFilter). */
    static void checkConditions(JsonNode map) {
        if (map == null || map.isNull()) return;
        for (JsonNode c : map) {
            List<AttributeValue> values = new ArrayList<>();
            if (Requests.has(c, "AttributeValueList")) for (JsonNode v : c.get("AttributeValueList")) values.add(Requests.value(v));
            checkOperands(Requests.text(c, "ComparisonOperator"), values, true);
        }
    }

    /** The operand count and types each legacy comparison operator takes. */
    private static void checkOperands(String op, List<AttributeValue> values, boolean typed) {
        int n = values.size();
        boolean countOk = switch (op) {
            case "NULL", "NOT_NULL" -> n == 0;
            case "IN" -> n >= 1;
            case "BETWEEN" -> n == 2;
            default -> n == 1;
        };
        if (!countOk) throw DynamoDbException.validation(INVALID + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
        if (n == 0) return;
        String type = values.get(0).type();
        for (AttributeValue v : values) {
            if (!v.type().equals(type)) throw DynamoDbException.validation(INVALID + "AttributeValues inside AttributeValueList must be of same type");
        }
        if (typed) {
            Set<String> allowed = switch (op) {
                case "EQ", "NE" -> SCALAR_AND_SET;
                case "BEGINS_WITH" -> Set.of("S", "B");
                default -> SCALAR;
            };
            for (AttributeValue v : values) {
                if (!allowed.contains(v.type())) {
                    throw DynamoDbException.validation(INVALID + "ComparisonOperator " + op + " is not valid for " + v.type() + " AttributeValue type");
                }
            }
        }
        if (op.equals("BETWEEN") && KeyValueOrder.comparable(values.get(0), values.get(1))
                && KeyValueOrder.INSTANCE.compare(values.get(0), values.get(1)) > 0) {
            throw DynamoDbException.validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }
}
