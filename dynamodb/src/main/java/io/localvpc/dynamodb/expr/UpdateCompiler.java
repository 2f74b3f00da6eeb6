package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an UpdateExpression into {@link UpdateAction}s, refusing it as DynamoDB does, in its order: syntax, function
 * names, reserved words, a clause used twice, placeholders, overlapping paths, then ADD and DELETE values, then each
 * SET value's functions and arithmetic.
 */
public final class UpdateCompiler {
    private static final Map<String, String> LONG_TYPE_NAMES = Map.of("S", "STRING", "N", "NUMBER", "B", "BINARY", "BOOL", "BOOLEAN",
            "NULL", "NULL", "M", "MAP", "L", "LIST", "SS", "STRING_SET", "NS", "NUMBER_SET", "BS", "BINARY_SET");

    private final ExpressionAttributes attributes;

    private UpdateCompiler(ExpressionAttributes attributes) {
        this.attributes = attributes;
    }

    /** @throws ExpressionProblem with DynamoDB's message (without "Invalid UpdateExpression: ") */
    public static List<UpdateAction> compile(String expression, ExpressionAttributes attributes) {
        if (expression.isEmpty()) throw new ExpressionProblem("The expression can not be empty;");
        Syntax.Update u = ExpressionParser.update(expression);
        SyntaxChecks.noRedundantParentheses(u);
        SyntaxChecks.knownFunctions(u, SyntaxChecks.UPDATE_FUNCTIONS);
        SyntaxChecks.noReservedWords(u);
        Set<String> seen = new HashSet<>();
        for (Syntax.Clause c : u.clauses()) {
            if (!seen.add(c.keyword())) {
                throw new ExpressionProblem("The \"" + c.keyword() + "\" section can only be used once in an update expression;");
            }
        }
        SyntaxChecks.placeholdersDefined(u, attributes);
        UpdateCompiler compiler = new UpdateCompiler(attributes);
        List<DocumentPath> paths = new ArrayList<>();
        for (Syntax.Clause c : u.clauses()) {
            for (Syntax.Action a : c.actions()) paths.add(SyntaxChecks.resolve(a.path(), attributes));
        }
        PathOverlaps.check(paths);
        for (Syntax.Clause c : u.clauses()) {
            if (!c.keyword().equals("ADD") && !c.keyword().equals("DELETE")) continue;
            for (Syntax.Action a : c.actions()) compiler.setValue(c.keyword(), attributes.value(((Syntax.ValueRef) a.value()).name()));
        }
        List<UpdateAction> actions = new ArrayList<>();
        int i = 0;
        for (Syntax.Clause c : u.clauses()) {
            for (Syntax.Action a : c.actions()) {
                DocumentPath path = paths.get(i++);
                switch (c.keyword()) {
                    case "SET" -> actions.add(new UpdateAction.Set(path, compiler.value(a.value())));
                    case "REMOVE" -> actions.add(new UpdateAction.Remove(path));
                    case "ADD" -> actions.add(new UpdateAction.Add(path, attributes.value(((Syntax.ValueRef) a.value()).name())));
                    default -> actions.add(new UpdateAction.Delete(path, attributes.value(((Syntax.ValueRef) a.value()).name())));
                }
            }
        }
        return actions;
    }

    /** ADD takes a number or a set, DELETE a set. */
    private void setValue(String clause, AttributeValue v) {
        boolean set = v instanceof AttributeValue.SS || v instanceof AttributeValue.NS || v instanceof AttributeValue.BS;
        boolean ok = set || (clause.equals("ADD") && v instanceof AttributeValue.N);
        if (!ok) {
            throw new ExpressionProblem("Incorrect operand type for operator or function; operator: " + clause + ", operand type: "
                    + LONG_TYPE_NAMES.get(v.type()));
        }
    }

    private Operand value(Syntax s) {
        s = SyntaxChecks.unwrap(s);
        if (s instanceof Syntax.Path p) return new Operand.Path(SyntaxChecks.resolve(p, attributes));
        if (s instanceof Syntax.ValueRef v) return new Operand.Value(attributes.value(v.name()));
        if (s instanceof Syntax.Arithmetic a) {
            Operand left = value(a.left());
            Operand right = value(a.right());
            String op = String.valueOf(a.op());
            for (Operand o : List.of(left, right)) {
                String type = ConditionCompiler.staticType(o);
                if (type != null && !type.equals("N")) operandType(op, type);
            }
            return new Operand.Arithmetic(left, a.op() == '+', right);
        }
        Syntax.Call call = (Syntax.Call) s;
        List<Operand> args = new ArrayList<>();
        for (Syntax a : call.args()) args.add(value(a));
        if (args.size() != 2) {
            throw new ExpressionProblem("Incorrect number of operands for operator or function; operator or function: " + call.name()
                    + ", number of operands: " + args.size());
        }
        if (call.name().equals("if_not_exists")) {
            if (!(args.get(0) instanceof Operand.Path p)) {
                throw new ExpressionProblem("Operator or function requires a document path; operator or function: if_not_exists");
            }
            return new Operand.IfNotExists(p.path(), args.get(1));
        }
        for (Operand o : args) {
            String type = ConditionCompiler.staticType(o);
            if (type != null && !type.equals("L")) operandType("list_append", type);
        }
        return new Operand.ListAppend(args.get(0), args.get(1));
    }

    private static void operandType(String function, String type) {
        throw new ExpressionProblem("Incorrect operand type for operator or function; operator or function: " + function + ", operand type: " + type);
    }
}
