package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.expr.Condition;
import io.localvpc.dynamodb.expr.Operand;
import io.localvpc.dynamodb.table.KeySchema;
import io.localvpc.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Query's key condition as one term per key attribute (EQ on the partition key; EQ, LT, LE, GT, GE, BETWEEN or
 * BEGINS_WITH on the sort key), read from a KeyConditionExpression or from legacy KeyConditions, and checked against
 * the table's or index's key schema with DynamoDB's messages.
 */
final class KeyConditions {
    /** One condition on one key attribute. */
    record Term(String op, List<AttributeValue> values) {
    }

    private static final String INVALID_OPERATOR = "Invalid operator used in KeyConditionExpression: ";

    private KeyConditions() {
    }

    static Map<String, Term> fromExpression(Condition c) {
        Map<String, Term> terms = new LinkedHashMap<>();
        collect(c, terms);
        return terms;
    }

    private static void collect(Condition c, Map<String, Term> terms) {
        if (c instanceof Condition.And a) {
            collect(a.left(), terms);
            collect(a.right(), terms);
            return;
        }
        if (c instanceof Condition.Or) throw DynamoDbException.validation(INVALID_OPERATOR + "OR");
        if (c instanceof Condition.Not) throw DynamoDbException.validation(INVALID_OPERATOR + "NOT");
        if (c instanceof Condition.In) throw DynamoDbException.validation(INVALID_OPERATOR + "IN");
        if (c instanceof Condition.Exists e) throw DynamoDbException.validation(INVALID_OPERATOR + (e.exists() ? "attribute_exists" : "attribute_not_exists"));
        if (c instanceof Condition.TypeIs) throw DynamoDbException.validation(INVALID_OPERATOR + "attribute_type");
        if (c instanceof Condition.Contains) throw DynamoDbException.validation(INVALID_OPERATOR + "contains");
        if (c instanceof Condition.Compare cmp) {
            if (cmp.op() == Condition.Comparator.NE) throw DynamoDbException.validation(INVALID_OPERATOR + "<>");
            List<Operand> operands = List.of(cmp.left(), cmp.right());
            int at = attributeAt(operands);
            String op = switch (at == 0 ? cmp.op() : cmp.op().flipped()) {
                case EQ -> "EQ";
                case LT -> "LT";
                case LE -> "LE";
                case GT -> "GT";
                default -> "GE";
            };
            add(terms, operands, at, op, List.of(value(operands.get(1 - at))));
        } else if (c instanceof Condition.Between b) {
            if (!(b.value() instanceof Operand.Path)) {
                throw DynamoDbException.validation("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
            }
            List<Operand> operands = List.of(b.value(), b.low(), b.high());
            int at = attributeAt(operands);
            add(terms, operands, at, "BETWEEN", List.of(value(b.low()), value(b.high())));
        } else if (c instanceof Condition.BeginsWith bw) {
            if (!(bw.value() instanceof Operand.Path)) {
                throw DynamoDbException.validation("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
            }
            List<Operand> operands = List.of(bw.value(), bw.prefix());
            int at = attributeAt(operands);
            add(terms, operands, at, "BEGINS_WITH", List.of(value(bw.prefix())));
        }
    }

    /** Which operand names the key attribute: exactly one must, and not a nested path. */
    private static int attributeAt(List<Operand> operands) {
        int at = -1;
        for (int i = 0; i < operands.size(); i++) {
            Operand o = operands.get(i);
            if (o instanceof Operand.Size) throw DynamoDbException.validation("KeyConditionExpressions cannot contain nested operations");
            if (o instanceof Operand.Path p) {
                if (at >= 0) throw DynamoDbException.validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                if (!p.path().isTopLevel()) throw DynamoDbException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
                at = i;
            }
        }
        if (at < 0) throw DynamoDbException.validation("Invalid condition in KeyConditionExpression: No key attribute specified");
        return at;
    }

    private static AttributeValue value(Operand o) {
        if (o instanceof Operand.Value v) return v.value();
        throw DynamoDbException.validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
    }

    private static void add(Map<String, Term> terms, List<Operand> operands, int at, String op, List<AttributeValue> values) {
        String name = ((Operand.Path) operands.get(at)).path().attribute();
        if (terms.containsKey(name)) throw DynamoDbException.validation("KeyConditionExpressions must only contain one condition per key");
        terms.put(name, new Term(op, values));
    }

    static Map<String, Term> fromLegacy(JsonNode keyConditions) {
        Map<String, Term> terms = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keyConditions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<AttributeValue> values = new ArrayList<>();
            JsonNode list = e.getValue().get("AttributeValueList");
            if (list != null) for (JsonNode v : list) values.add(Requests.value(v));
            terms.put(e.getKey(), new Term(Requests.text(e.getValue(), "ComparisonOperator"), values));
        }
        return terms;
    }

    /**
     * Checks the term on one key attribute of the schema queried (DynamoDB checks them attribute by attribute, after
     * that attribute's part of ExclusiveStartKey): the partition key by EQ, the sort key (if named) by a range operator,
     * values of the key's type.
     */
    static void check(Map<String, Term> terms, KeySchema keys, String name) {
        boolean hash = name.equals(keys.hashName());
        if (hash && !keys.hasRange() && terms.size() > 1) throw DynamoDbException.validation("Query key condition not supported");
        Term t = terms.get(name);
        if (t == null) {
            if (hash || terms.size() > 1) throw DynamoDbException.validation("Query condition missed key schema element: " + name);
            return;
        }
        if (List.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN").contains(t.op())) {
            throw DynamoDbException.validation("Attempted conditional constraint is not an indexable operation");
        }
        for (AttributeValue v : t.values()) {
            if (!v.type().equals(keys.typeOf(name))) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
        }
        if (hash && !t.op().equals("EQ")) throw DynamoDbException.validation("Query key condition not supported");
        if (t.op().equals("BEGINS_WITH") && "N".equals(keys.typeOf(name))) {
            throw DynamoDbException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        }
    }

}
