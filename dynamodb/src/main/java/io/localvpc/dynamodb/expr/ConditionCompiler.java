package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.KeyValueOrder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a condition expression (ConditionExpression, FilterExpression, KeyConditionExpression) into a
 * {@link Condition}, refusing it as DynamoDB does: first the checks on the whole expression ({@link SyntaxChecks}),
 * then each operator's own (its placeholders, operand count, operand types, document paths, distinct operands) from the
 * innermost out.
 */
public final class ConditionCompiler {
    private static final Set<String> ALL_FUNCTIONS = union(SyntaxChecks.CONDITION_FUNCTIONS, SyntaxChecks.OPERAND_FUNCTIONS);
    private static final Set<String> TYPE_NAMES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

    private final ExpressionAttributes attributes;

    private ConditionCompiler(ExpressionAttributes attributes) {
        this.attributes = attributes;
    }

    /** @throws ExpressionProblem with DynamoDB's message (without the "Invalid …Expression: " that the caller adds) */
    public static Condition compile(String expression, ExpressionAttributes attributes) {
        if (expression.isEmpty()) throw new ExpressionProblem("The expression can not be empty;");
        Syntax s = ExpressionParser.condition(expression);
        SyntaxChecks.noRedundantParentheses(s);
        SyntaxChecks.knownFunctions(s, ALL_FUNCTIONS);
        SyntaxChecks.functionsInPlace(s, true);
        SyntaxChecks.noReservedWords(s);
        // from here on DynamoDB checks each operator on its own, innermost first: an operator's placeholders are looked
        // up (in the order written) just before its own rules are checked
        return new ConditionCompiler(attributes).condition(s);
    }

    private Condition condition(Syntax s) {
        s = SyntaxChecks.unwrap(s);
        if (s instanceof Syntax.And a) return new Condition.And(condition(a.left()), condition(a.right()));
        if (s instanceof Syntax.Or o) return new Condition.Or(condition(o.left()), condition(o.right()));
        if (s instanceof Syntax.Not n) return new Condition.Not(condition(n.inner()));
        if (s instanceof Syntax.Compare c) {
            Operand left = operand(c.left());
            Operand right = operand(c.right());
            distinct(c.op(), left, List.of(right));
            return new Condition.Compare(left, Condition.Comparator.of(c.op()), right);
        }
        if (s instanceof Syntax.Between b) {
            Operand value = operand(b.value());
            Operand low = operand(b.low());
            Operand high = operand(b.high());
            distinct("BETWEEN", value, List.of(low, high));
            if (low instanceof Operand.Value lv && high instanceof Operand.Value hv) {
                AttributeValue l = lv.value();
                AttributeValue h = hv.value();
                if (!l.type().equals(h.type())) {
                    throw new ExpressionProblem("The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: "
                            + ValueText.of(l) + ", upper bound operand: " + ValueText.of(h));
                }
                if (KeyValueOrder.comparable(l, h) && KeyValueOrder.INSTANCE.compare(l, h) > 0) {
                    throw new ExpressionProblem("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: "
                            + ValueText.of(l) + ", upper bound operand: " + ValueText.of(h));
                }
            }
            return new Condition.Between(value, low, high);
        }
        if (s instanceof Syntax.In in) {
            Operand value = operand(in.value());
            List<Operand> candidates = new ArrayList<>();
            for (Syntax c : in.candidates()) candidates.add(operand(c));
            distinct("IN", value, candidates);
            return new Condition.In(value, candidates);
        }
        return function((Syntax.Call) s);
    }

    private Condition function(Syntax.Call call) {
        List<Operand> args = new ArrayList<>();
        for (Syntax a : call.args()) args.add(operand(a));
        String name = call.name();
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                operands(name, args, 1);
                return new Condition.Exists(path(name, args.get(0)), name.equals("attribute_exists"));
            }
            case "attribute_type" -> {
                operands(name, args, 2);
                distinct(name, args.get(0), args.subList(1, 2));
                String type = staticType(args.get(1));
                if (type != null && !type.equals("S")) operandType(name, type);
                if (args.get(1) instanceof Operand.Value v && !TYPE_NAMES.contains(((AttributeValue.S) v.value()).value())) {
                    throw new ExpressionProblem("Invalid attribute type name found; type: " + ((AttributeValue.S) v.value()).value()
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
                return new Condition.TypeIs(path(name, args.get(0)), args.get(1));
            }
            case "begins_with" -> {
                operands(name, args, 2);
                distinct(name, args.get(0), args.subList(1, 2));
                for (Operand a : args) {
                    String type = staticType(a);
                    if (type != null && !type.equals("S") && !type.equals("B")) operandType(name, type);
                }
                return new Condition.BeginsWith(args.get(0), args.get(1));
            }
            default -> {
                operands(name, args, 2);
                distinct(name, args.get(0), args.subList(1, 2));
                return new Condition.Contains(args.get(0), args.get(1));
            }
        }
    }

    private Operand operand(Syntax s) {
        s = SyntaxChecks.unwrap(s);
        if (s instanceof Syntax.Path p) return new Operand.Path(SyntaxChecks.resolve(p, attributes));
        if (s instanceof Syntax.ValueRef v) return new Operand.Value(attributes.value(v.name()));
        Syntax.Call call = (Syntax.Call) s;
        List<Operand> args = new ArrayList<>();
        for (Syntax a : call.args()) args.add(operand(a));
        operands("size", args, 1);
        String type = staticType(args.get(0));
        if (type != null && (type.equals("N") || type.equals("BOOL") || type.equals("NULL"))) operandType("size", type);
        return new Operand.Size(args.get(0));
    }

    /** The type an operand has whatever the item holds: a given value's, or N for size(); null for a path. */
    static String staticType(Operand o) {
        if (o instanceof Operand.Value v) return v.value().type();
        if (o instanceof Operand.Size) return "N";
        return null;
    }

    private static void operands(String function, List<Operand> args, int count) {
        if (args.size() != count) {
            throw new ExpressionProblem("Incorrect number of operands for operator or function; operator or function: " + function
                    + ", number of operands: " + args.size());
        }
    }

    private static void operandType(String function, String type) {
        throw new ExpressionProblem("Incorrect operand type for operator or function; operator or function: " + function + ", operand type: " + type);
    }

    private static DocumentPath path(String function, Operand o) {
        if (o instanceof Operand.Path p) return p.path();
        throw new ExpressionProblem("Operator or function requires a document path; operator or function: " + function);
    }

    private static void distinct(String operator, Operand first, List<Operand> others) {
        if (!(first instanceof Operand.Path p)) return;
        for (Operand o : others) {
            if (o instanceof Operand.Path q && q.path().equals(p.path())) {
                throw new ExpressionProblem("The first operand must be distinct from the remaining operands for this operator or function; operator: "
                        + operator + ", first operand: " + p.path());
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
