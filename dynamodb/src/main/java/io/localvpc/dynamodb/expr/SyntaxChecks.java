package io.localvpc.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks DynamoDB makes on a whole expression before it looks at any one operator, in its order: redundant
 * parentheses, unknown function names, functions used in the wrong place, reserved words, then the placeholders.
 */
final class SyntaxChecks {
    static final Set<String> CONDITION_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    static final Set<String> OPERAND_FUNCTIONS = Set.of("size");
    static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");

    private SyntaxChecks() {
    }

    static void noRedundantParentheses(Syntax s) {
        walk(s, n -> {
            if (n instanceof Syntax.Paren p && p.inner() instanceof Syntax.Paren) {
                throw new ExpressionProblem("The expression has redundant parentheses;");
            }
        });
    }

    static void knownFunctions(Syntax s, Set<String> known) {
        walk(s, n -> {
            if (n instanceof Syntax.Call c && !known.contains(c.name())) {
                throw new ExpressionProblem("Invalid function name; function: " + c.name());
            }
        });
    }

    /** In a condition, boolean functions stand where a condition does and {@code size} where an operand does. */
    static void functionsInPlace(Syntax s, boolean conditionPlace) {
        if (s instanceof Syntax.Paren p) {
            functionsInPlace(p.inner(), conditionPlace);
        } else if (s instanceof Syntax.Call c) {
            boolean isCondition = CONDITION_FUNCTIONS.contains(c.name());
            if (isCondition != conditionPlace) {
                throw new ExpressionProblem("The function is not allowed to be used this way in an expression; function: " + c.name());
            }
            for (Syntax a : c.args()) functionsInPlace(a, false);
        } else if (s instanceof Syntax.And || s instanceof Syntax.Or || s instanceof Syntax.Not) {
            for (Syntax child : children(s)) functionsInPlace(child, true);
        } else {
            for (Syntax child : children(s)) functionsInPlace(child, false);
        }
    }

    static void noReservedWords(Syntax s) {
        walk(s, n -> {
            if (n instanceof Syntax.Path p) {
                for (Syntax.PathPart part : p.parts()) {
                    if (part instanceof Syntax.NamePart name && !name.placeholder() && ReservedWords.contains(name.text())) {
                        throw new ExpressionProblem("Attribute name is a reserved keyword; reserved keyword: " + name.text());
                    }
                }
            }
        });
    }

    /** Looks every placeholder up in the order written, so the first undefined one is the one refused. */
    static void placeholdersDefined(Syntax s, ExpressionAttributes attributes) {
        walk(s, n -> {
            if (n instanceof Syntax.Path p) {
                for (Syntax.PathPart part : p.parts()) {
                    if (part instanceof Syntax.NamePart name && name.placeholder()) attributes.name(name.text());
                }
            } else if (n instanceof Syntax.ValueRef v) {
                attributes.value(v.name());
            }
        });
    }

    /** Visits every node, parents before children, children in the order written. */
    static void walk(Syntax s, Consumer<Syntax> visitor) {
        visitor.accept(s);
        for (Syntax child : children(s)) walk(child, visitor);
    }

    static List<Syntax> children(Syntax s) {
        List<Syntax> out = new ArrayList<>();
        if (s instanceof Syntax.Paren p) {
            out.add(p.inner());
        } else if (s instanceof Syntax.Call c) {
            out.addAll(c.args());
        } else if (s instanceof Syntax.Compare c) {
            out.add(c.left());
            out.add(c.right());
        } else if (s instanceof Syntax.Between b) {
            out.add(b.value());
            out.add(b.low());
            out.add(b.high());
        } else if (s instanceof Syntax.In in) {
            out.add(in.value());
            out.addAll(in.candidates());
        } else if (s instanceof Syntax.And a) {
            out.add(a.left());
            out.add(a.right());
        } else if (s instanceof Syntax.Or o) {
            out.add(o.left());
            out.add(o.right());
        } else if (s instanceof Syntax.Not n) {
            out.add(n.inner());
        } else if (s instanceof Syntax.Arithmetic a) {
            out.add(a.left());
            out.add(a.right());
        } else if (s instanceof Syntax.Action a) {
            out.add(a.path());
            if (a.value() != null) out.add(a.value());
        } else if (s instanceof Syntax.Update u) {
            for (Syntax.Clause c : u.clauses()) out.addAll(c.actions());
        } else if (s instanceof Syntax.Projection p) {
            out.addAll(p.paths());
        }
        return out;
    }

    /** The path as named, its placeholders replaced (they were checked before). */
    static DocumentPath resolve(Syntax.Path p, ExpressionAttributes attributes) {
        List<DocumentPath.Element> elements = new ArrayList<>(p.parts().size());
        for (Syntax.PathPart part : p.parts()) {
            if (part instanceof Syntax.NamePart name) {
                elements.add(new DocumentPath.Name(name.placeholder() ? attributes.name(name.text()) : name.text()));
            } else {
                elements.add(new DocumentPath.Index(((Syntax.IndexPart) part).index()));
            }
        }
        return new DocumentPath(elements);
    }

    static Syntax unwrap(Syntax s) {
        while (s instanceof Syntax.Paren p) s = p.inner();
        return s;
    }
}
