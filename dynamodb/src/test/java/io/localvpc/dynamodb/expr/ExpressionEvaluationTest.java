package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Conditions, updates and projections applied to one item, each with the answer DynamoDB gives. */
class ExpressionEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ITEM = "{\"id\":{\"S\":\"k\"},\"n\":{\"N\":\"5\"},\"s\":{\"S\":\"hello\"},\"b\":{\"B\":\"AQID\"},"
            + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},\"l\":{\"L\":[{\"N\":\"1\"},{\"S\":\"two\"},{\"M\":{\"x\":{\"N\":\"3\"}}}]},"
            + "\"m\":{\"M\":{\"a\":{\"M\":{\"b\":{\"S\":\"deep\"}}},\"flag\":{\"BOOL\":true},\"nothing\":{\"NULL\":true}}}}";
    private static final ExpressionAttributes VALUES = new ExpressionAttributes(Map.of("#m", "m"), Map.ofEntries(
            Map.entry(":five", AttributeValue.n("5")), Map.entry(":four", AttributeValue.n("4.0")), Map.entry(":six", AttributeValue.n("6")),
            Map.entry(":he", AttributeValue.s("he")), Map.entry(":hello", AttributeValue.s("hello")), Map.entry(":a", AttributeValue.s("a")),
            Map.entry(":one", AttributeValue.n("1")), Map.entry(":S", AttributeValue.s("S")), Map.entry(":M", AttributeValue.s("M")),
            Map.entry(":deep", AttributeValue.s("deep")), Map.entry(":two", AttributeValue.s("two")),
            Map.entry(":l", new AttributeValue.L(java.util.List.of(AttributeValue.n("9")))),
            Map.entry(":ssc", new AttributeValue.SS(java.util.Set.of("c"))), Map.entry(":ssa", new AttributeValue.SS(java.util.Set.of("a", "b"))),
            Map.entry(":bin", new AttributeValue.B(io.localvpc.dynamodb.value.Binary.fromBase64("AQ==")))));

    private static Map<String, AttributeValue> item(String json) throws Exception {
        return AttributeValueJson.readItem(JSON.readTree(json));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "n = :five                          | true",
            "n = :four                          | false",
            "n > :four AND n < :six             | true",
            "n BETWEEN :four AND :five          | true",
            "n IN (:one, :five)                 | true",
            "s <> :five                         | true",
            "gone <> :five                   | true",
            "gone = :five                    | false",
            "gone < :five                    | false",
            "s > :five                          | false",
            "begins_with(s, :he)                | true",
            "begins_with(b, :bin)               | true",
            "contains(s, :he)                   | true",
            "contains(ss, :a)                   | true",
            "contains(ns, :one)                 | true",
            "contains(l, :two)                  | true",
            "attribute_exists(#m.a.b)           | true",
            "attribute_exists(l[2].x)           | true",
            "attribute_not_exists(l[3])         | true",
            "attribute_type(s, :S)              | true",
            "attribute_type(#m, :M)             | true",
            "size(s) = :five                    | true",
            "size(ss) > :one                    | true",
            "size(n) > :one                     | false",
            "#m.a.b = :deep AND NOT n <> :five  | true",
            "m.nothing = :five OR s = :hello    | true",
    })
    void decidesConditions(String expression, boolean expected) throws Exception {
        Condition c = ConditionCompiler.compile(expression, VALUES);
        assertEquals(expected, ConditionEvaluator.test(c, item(ITEM)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SET n = n + :one                               | n                | {\"N\":\"6\"}",
            "SET n = :one - n                               | n                | {\"N\":\"-4\"}",
            "SET z = if_not_exists(z, :five)                | z                | {\"N\":\"5\"}",
            "SET n = if_not_exists(n, :one)                 | n                | {\"N\":\"5\"}",
            "SET l = list_append(l, :l)                     | l[3]             | {\"N\":\"9\"}",
            "SET l[9] = :a                                  | l[3]             | {\"S\":\"a\"}",
            "SET #m.a.c = :a                                | m.a.c            | {\"S\":\"a\"}",
            "SET n = s, s = n                               | s                | {\"N\":\"5\"}",
            "REMOVE l[0], l[1]                              | l[0]             | {\"M\":{\"x\":{\"N\":\"3\"}}}",
            "ADD n :one                                     | n                | {\"N\":\"6\"}",
            "ADD ss :ssc                                    | ss               | {\"SS\":[\"a\",\"b\",\"c\"]}",
            "ADD fresh :one                                 | fresh            | {\"N\":\"1\"}",
            "DELETE ss :ssa                                 | ss               | ",
            "REMOVE #m.a                                    | m.a              | ",
    })
    void appliesUpdates(String expression, String path, String expected) throws Exception {
        Map<String, AttributeValue> updated = UpdateApplier.apply(item(ITEM), UpdateCompiler.compile(expression, VALUES));
        AttributeValue v = ItemPaths.get(updated, ProjectionCompiler.compile(path, ExpressionAttributes.none()).get(0));
        assertEquals(expected == null ? null : AttributeValueJson.read(JSON.readTree(expected)), v);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SET x = gone                 | The provided expression refers to an attribute that does not exist in the item",
            "SET x = s + :one                | An operand in the update expression has an incorrect data type",
            "SET x = list_append(s, :l)      | An operand in the update expression has an incorrect data type",
            "ADD s :one                      | An operand in the update expression has an incorrect data type",
            "SET nope.a = :one               | The document path provided in the update expression is invalid for update",
            "SET s[1] = :one                 | The document path provided in the update expression is invalid for update",
            "REMOVE nope.a                   | The document path provided in the update expression is invalid for update",
            "ADD s.x :one                    | The document path provided in the update expression is invalid for update",
    })
    void refusesUpdatesThatDoNotFitTheItem(String expression, String message) throws Exception {
        Map<String, AttributeValue> old = item(ITEM);
        EvaluationProblem p = assertThrows(EvaluationProblem.class, () -> UpdateApplier.apply(old, UpdateCompiler.compile(expression, VALUES)));
        assertEquals(message, p.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s, n                    | {\"s\":{\"S\":\"hello\"},\"n\":{\"N\":\"5\"}}",
            "#m.a.b, l[2].x, l[0]    | {\"m\":{\"M\":{\"a\":{\"M\":{\"b\":{\"S\":\"deep\"}}}}},\"l\":{\"L\":[{\"N\":\"1\"},{\"M\":{\"x\":{\"N\":\"3\"}}}]}}",
            "gone, l[7]           | {}",
    })
    void projects(String expression, String expected) throws Exception {
        Map<String, AttributeValue> projected = Projector.project(item(ITEM), ProjectionCompiler.compile(expression, VALUES));
        assertEquals(item(expected), projected);
    }
}
