package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.expr.ExpressionLexer.Kind;
import io.localvpc.dynamodb.expr.ExpressionLexer.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads DynamoDB's expression grammars (conditions, updates, projections) into {@link Syntax}, by recursive descent
 * without backtracking. What does not parse is refused as DynamoDB does: "Syntax error; token: …, near: …", naming the
 * first token that cannot be read and the tokens around it.
 */
final class ExpressionParser {
    private static final Set<String> CONDITION_KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final Set<String> UPDATE_KEYWORDS = Set.of("SET", "REMOVE", "ADD", "DELETE");

    private final String source;
    private final List<Token> tokens;
    private final Set<String> keywords;
    private int pos;

    private ExpressionParser(String source, Set<String> keywords) {
        this.source = source;
        this.tokens = ExpressionLexer.tokens(source);
        this.keywords = keywords;
    }

    static Syntax condition(String source) {
        ExpressionParser p = new ExpressionParser(source, CONDITION_KEYWORDS);
        Syntax s = p.orExpression(false);
        p.expect(Kind.EOF);
        return s;
    }

    static Syntax.Update update(String source) {
        ExpressionParser p = new ExpressionParser(source, UPDATE_KEYWORDS);
        List<Syntax.Clause> clauses = new ArrayList<>();
        do {
            Token t = p.peek();
            String keyword = t.kind() == Kind.NAME ? t.text().toUpperCase(java.util.Locale.ROOT) : "";
            if (!UPDATE_KEYWORDS.contains(keyword)) throw p.fail();
            p.pos++;
            List<Syntax.Action> actions = new ArrayList<>();
            do {
                actions.add(p.updateAction(keyword));
            } while (p.accept(Kind.COMMA));
            clauses.add(new Syntax.Clause(keyword, actions));
        } while (p.peek().kind() != Kind.EOF);
        return new Syntax.Update(clauses);
    }

    static Syntax.Projection projection(String source) {
        ExpressionParser p = new ExpressionParser(source, Set.of());
        List<Syntax.Path> paths = new ArrayList<>();
        do {
            paths.add(p.path());
        } while (p.accept(Kind.COMMA));
        p.expect(Kind.EOF);
        return new Syntax.Projection(paths);
    }

    // ---- conditions

    /**
     * OR of ANDs. With {@code loose}, a lone operand is answered as it is (the content of parentheses may be an
     * operand, {@code (a) = :v}); anything joined by AND or OR must be a condition.
     */
    private Syntax orExpression(boolean loose) {
        Syntax left = andExpression(loose);
        while (peek().is("OR")) {
            requireCondition(left);
            pos++;
            Syntax right = andExpression(false);
            left = new Syntax.Or(left, right);
        }
        return left;
    }

    private Syntax andExpression(boolean loose) {
        Syntax left = notExpression(loose);
        while (peek().is("AND")) {
            requireCondition(left);
            pos++;
            Syntax right = notExpression(false);
            left = new Syntax.And(left, right);
        }
        return left;
    }

    private Syntax notExpression(boolean loose) {
        if (peek().is("NOT")) {
            pos++;
            return new Syntax.Not(notExpression(false));
        }
        Syntax p = predicate();
        if (!loose) requireCondition(p);
        return p;
    }

    /** A comparison, BETWEEN, IN, a function used as a condition, or a parenthesised condition; or a lone operand (checked by the caller). */
    private Syntax predicate() {
        Syntax left;
        if (peek().kind() == Kind.LPAREN) {
            pos++;
            Syntax inner = orExpression(true);
            expect(Kind.RPAREN);
            left = paren(inner);
            if (isCondition(inner) && !isCall(inner)) return left;
        } else {
            left = operand();
        }
        Token t = peek();
        String op = comparator(t);
        if (op != null) {
            pos++;
            return new Syntax.Compare(left, op, operand());
        }
        if (t.is("BETWEEN")) {
            pos++;
            Syntax low = operand();
            if (!peek().is("AND")) throw fail();
            pos++;
            return new Syntax.Between(left, low, operand());
        }
        if (t.is("IN")) {
            pos++;
            expect(Kind.LPAREN);
            List<Syntax> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN);
            return new Syntax.In(left, candidates);
        }
        return left;
    }

    private void requireCondition(Syntax s) {
        if (!isCondition(s)) throw fail();
    }

    private static boolean isCondition(Syntax s) {
        if (s instanceof Syntax.Paren p) return isCondition(p.inner());
        return s instanceof Syntax.Compare || s instanceof Syntax.Between || s instanceof Syntax.In || s instanceof Syntax.And
                || s instanceof Syntax.Or || s instanceof Syntax.Not || s instanceof Syntax.Call;
    }

    private static boolean isCall(Syntax s) {
        if (s instanceof Syntax.Paren p) return isCall(p.inner());
        return s instanceof Syntax.Call;
    }

    private static String comparator(Token t) {
        return switch (t.kind()) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            default -> null;
        };
    }

    /** A condition's operand: a path, a value placeholder, a function call, or one of these in parentheses. */
    private Syntax operand() {
        return operand(this::operand);
    }

    /**
     * A path, a value placeholder, or a function call, or what {@code inner} reads in parentheses; a function's
     * arguments are read by {@code inner} too (a condition's operands, or an update's values with their arithmetic).
     */
    private Syntax operand(java.util.function.Supplier<Syntax> inner) {
        Token t = peek();
        if (t.kind() == Kind.LPAREN) {
            pos++;
            Syntax in = inner.get();
            expect(Kind.RPAREN);
            return paren(in);
        }
        if (t.kind() == Kind.VALUE_REF) {
            pos++;
            return new Syntax.ValueRef(t.text());
        }
        if (isFunctionStart()) {
            pos += 2;
            List<Syntax> args = new ArrayList<>();
            do {
                args.add(inner.get());
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN);
            return new Syntax.Call(t.text(), args);
        }
        return path();
    }

    private boolean isFunctionStart() {
        Token t = peek();
        return t.kind() == Kind.NAME && !isKeyword(t) && tokens.get(pos + 1).kind() == Kind.LPAREN;
    }

    // ---- updates

    private Syntax.Action updateAction(String clause) {
        Syntax.Path path = path();
        switch (clause) {
            case "SET" -> {
                expect(Kind.EQ);
                return new Syntax.Action(clause, path, setValue());
            }
            case "REMOVE" -> {
                return new Syntax.Action(clause, path, null);
            }
            default -> {
                Token t = peek();
                if (t.kind() != Kind.VALUE_REF) throw fail();
                pos++;
                return new Syntax.Action(clause, path, new Syntax.ValueRef(t.text()));
            }
        }
    }

    /** The value of a SET action: an operand, or two joined by + or -. */
    private Syntax setValue() {
        Syntax left = setOperand();
        Token t = peek();
        if (t.kind() == Kind.PLUS || t.kind() == Kind.MINUS) {
            pos++;
            return new Syntax.Arithmetic(left, t.kind() == Kind.PLUS ? '+' : '-', setOperand());
        }
        return left;
    }

    private Syntax setOperand() {
        return operand(this::setValue);
    }

    // ---- paths

    private Syntax.Path path() {
        List<Syntax.PathPart> parts = new ArrayList<>();
        Token t = peek();
        if (t.kind() == Kind.NAME && !isKeyword(t)) {
            parts.add(new Syntax.NamePart(t.text(), false));
        } else if (t.kind() == Kind.NAME_REF) {
            parts.add(new Syntax.NamePart(t.text(), true));
        } else {
            throw fail();
        }
        pos++;
        while (true) {
            if (accept(Kind.DOT)) {
                Token n = peek();
                if (n.kind() == Kind.NAME) {
                    parts.add(new Syntax.NamePart(n.text(), false));
                } else if (n.kind() == Kind.NAME_REF) {
                    parts.add(new Syntax.NamePart(n.text(), true));
                } else {
                    throw fail();
                }
                pos++;
            } else if (accept(Kind.LBRACKET)) {
                Token n = peek();
                if (n.kind() != Kind.NUMBER) throw fail();
                int index;
                try {
                    index = Integer.parseInt(n.text());
                } catch (NumberFormatException e) {
                    throw fail();
                }
                pos++;
                expect(Kind.RBRACKET);
                parts.add(new Syntax.IndexPart(index));
            } else {
                return new Syntax.Path(parts);
            }
        }
    }

    /** DynamoDB refuses parentheses around parentheses as soon as it reads them, before any later syntax error. */
    private static Syntax paren(Syntax inner) {
        if (inner instanceof Syntax.Paren) throw new ExpressionProblem("The expression has redundant parentheses;");
        return new Syntax.Paren(inner);
    }

    // ---- tokens

    private boolean isKeyword(Token t) {
        return t.kind() == Kind.NAME && keywords.contains(t.text().toUpperCase(java.util.Locale.ROOT));
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private boolean accept(Kind kind) {
        if (peek().kind() != kind) return false;
        pos++;
        return true;
    }

    private void expect(Kind kind) {
        if (!accept(kind)) throw fail();
    }

    /** The syntax error at the current token, with the tokens before and after it as DynamoDB shows them. */
    private ExpressionProblem fail() {
        Token t = peek();
        int from = pos > 0 ? tokens.get(pos - 1).start() : t.start();
        int to = t.kind() == Kind.EOF ? source.length() : tokens.get(Math.min(pos + 1, tokens.size() - 1)).end();
        String near = source.substring(Math.min(from, to), to);
        return new ExpressionProblem("Syntax error; token: \"" + t.text() + "\", near: \"" + near + "\"");
    }
}
