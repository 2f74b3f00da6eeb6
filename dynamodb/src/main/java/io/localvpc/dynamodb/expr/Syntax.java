package io.localvpc.dynamodb.expr;

import java.util.List;

/**
 * An expression as written, before its placeholders are resolved and its rules checked: what the parser builds and
 * the compilers turn into {@link Condition}s, {@link UpdateAction}s and projections.
 */
sealed interface Syntax {
    /** One element of a path as written: a name ({@code placeholder} when written {@code #x}) or a list index. */
    sealed interface PathPart {
    }

    record NamePart(String text, boolean placeholder) implements PathPart {
    }

    record IndexPart(int index) implements PathPart {
    }

    record Path(List<PathPart> parts) implements Syntax {
    }

    record ValueRef(String name) implements Syntax {
    }

    record Call(String name, List<Syntax> args) implements Syntax {
    }

    record Paren(Syntax inner) implements Syntax {
    }

    record Compare(Syntax left, String op, Syntax right) implements Syntax {
    }

    record Between(Syntax value, Syntax low, Syntax high) implements Syntax {
    }

    record In(Syntax value, List<Syntax> candidates) implements Syntax {
    }

    record And(Syntax left, Syntax right) implements Syntax {
    }

    record Or(Syntax left, Syntax right) implements Syntax {
    }

    record Not(Syntax inner) implements Syntax {
    }

    record Arithmetic(Syntax left, char op, Syntax right) implements Syntax {
    }

    /** One action of an update clause; {@code value} is absent for REMOVE. */
    record Action(String clause, Path path, Syntax value) implements Syntax {
    }

    /** A whole update expression: its clauses in the order written, each with its actions. */
    record Update(List<Clause> clauses) implements Syntax {
    }

    record Clause(String keyword, List<Action> actions) {
    }

    record Projection(List<Path> paths) implements Syntax {
    }
}
