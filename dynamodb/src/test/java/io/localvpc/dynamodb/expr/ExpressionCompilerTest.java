package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expressions DynamoDB refuses, each with the message it answers (the facts come from DynamoDB's answers as recorded by other emulators' tests). */
class ExpressionCompilerTest {
    private static ExpressionAttributes attributes() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#a", "a");
        names.put("#c", "c");
        names.put("#d", "[3]");
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":s", AttributeValue.s("x"));
        values.put(":n", AttributeValue.n("1"));
        values.put(":n2", AttributeValue.n("2"));
        values.put(":bool", AttributeValue.Bool.TRUE);
        values.put(":l", new AttributeValue.L(java.util.List.of()));
        values.put(":ss", new AttributeValue.SS(java.util.Set.of("a")));
        return new ExpressionAttributes(names, values);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                   | The expression can not be empty;",
            "a > 4                                | Syntax error; token: \"4\", near: \"> 4\"",
            "things are not gonna be ok           | Syntax error; token: \"are\", near: \"things are not\"",
            "a in (b,c,)                          | Syntax error; token: \")\", near: \",)\"",
            "a > between                          | Syntax error; token: \"between\", near: \"> between\"",
            "size(a).b > a                        | Syntax error; token: \".\", near: \").b\"",
            "ü > a                                | Syntax error; token: \"ü\", near: \"ü >\"",
            "a=a and a > ((views))                | The expression has redundant parentheses;",
            "a=a AND ((a=a AND a=a)) AND a=a      | The expression has redundant parentheses;",
            "a=a and whatever((:s)) > a           | Invalid function name; function: whatever",
            "attribute_not_exists(things) > b     | The function is not allowed to be used this way in an expression; function: attribute_not_exists",
            "size(things)                         | The function is not allowed to be used this way in an expression; function: size",
            "a in (b, attribute_exists(things))   | The function is not allowed to be used this way in an expression; function: attribute_exists",
            ":s < abOrT                           | Attribute name is a reserved keyword; reserved keyword: abOrT",
            "begins_with(:hello, #a, #b)          | An expression attribute value used in expression is not defined; attribute value: :hello",
            "#zz > a                              | An expression attribute name used in the document path is not defined; attribute name: #zz",
            "attribute_exists(things, a) and a=a  | Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
            "attribute_type(a, :n)                | Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N",
            "attribute_type(a, :s)                | Invalid attribute type name found; type: x, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
            "begins_with(a, size(a))              | Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
            "size(:bool) > a                      | Incorrect operand type for operator or function; operator or function: size, operand type: BOOL",
            "attribute_exists(:s)                 | Operator or function requires a document path; operator or function: attribute_exists",
            "#a <> a                              | The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [a]",
            "contains(b.c[1].a, b.c[1].#a)        | The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [b, c, [1], a]",
            "a between :n2 and :n                 | The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}",
            "a between :n and :s                  | The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}",
    })
    void refusesConditionsAsDynamoDbDoes(String expression, String message) {
        ExpressionProblem p = assertThrows(ExpressionProblem.class, () -> ConditionCompiler.compile(expression, attributes()));
        assertEquals(message, p.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "set a                                          | Syntax error; token: \"<EOF>\", near: \"a\"",
            "set a = b + c + d                              | Syntax error; token: \"+\", near: \"c + d\"",
            "set a[1] = 1                                   | Syntax error; token: \"1\", near: \"= 1\"",
            "remove :a                                      | Syntax error; token: \":a\", near: \"remove :a\"",
            "add a if_not_exist(b)                          | Syntax error; token: \"if_not_exist\", near: \"a if_not_exist(\"",
            "set #c = if_not_exist(:s) set c = d            | Invalid function name; function: if_not_exist",
            "' set #c = :s set abOrt = true '               | Attribute name is a reserved keyword; reserved keyword: abOrt",
            "remove #c set a = b remove e                   | The \"REMOVE\" section can only be used once in an update expression;",
            "SET #zz = if_not_exists(:s)                    | An expression attribute name used in the document path is not defined; attribute name: #zz",
            "set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a) | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [1], a], path two: [c]",
            "set #c[3].#d = a, #c.#d[3] = if_not_exists(a)  | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3], [3]]",
            "set b = list_append(:s, a), c = if_not_exists(a) add a.b :s | Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
            "delete a.b :n                                  | Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
            "set a = if_not_exists(c)                       | Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1",
            "set a = if_not_exists(:s, c)                   | Operator or function requires a document path; operator or function: if_not_exists",
            "set a = list_append(a, :n)                     | Incorrect operand type for operator or function; operator or function: list_append, operand type: N",
            "set a = :s - :n                                | Incorrect operand type for operator or function; operator or function: -, operand type: S",
    })
    void refusesUpdatesAsDynamoDbDoes(String expression, String message) {
        ExpressionProblem p = assertThrows(ExpressionProblem.class, () -> UpdateCompiler.compile(expression, attributes()));
        assertEquals(message, p.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a, b, a.c       | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, c]",
            "a.b, a[1]       | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]",
            "#a, status      | Attribute name is a reserved keyword; reserved keyword: status",
            "a, #q           | An expression attribute name used in the document path is not defined; attribute name: #q",
            "a[x]            | Syntax error; token: \"x\", near: \"[x]\"",
    })
    void refusesProjectionsAsDynamoDbDoes(String expression, String message) {
        ExpressionProblem p = assertThrows(ExpressionProblem.class, () -> ProjectionCompiler.compile(expression, attributes()));
        assertEquals(message, p.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "(a)between(b.c.d)and(c)",
            "((a=b) OR (c=d)) AND NOT b = c",
            "(size(a)) > b AND (attribute_exists(x))",
            "a IN (b, c) OR begins_with(d, e) AND contains(f, g)",
            "attribute_type(a, :s) OR a.b[2].#c <= :n",
    })
    void acceptsWhatDynamoDbAccepts(String expression) {
        ExpressionAttributes attributes = new ExpressionAttributes(Map.of("#c", "c"), Map.of(":s", AttributeValue.s("SS"), ":n", AttributeValue.n("1")));
        ConditionCompiler.compile(expression, attributes);
    }
}
