package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;

/** Something an expression evaluates to a value: a path into the item, a given value, or a function of operands. */
public sealed interface Operand {
    record Path(DocumentPath path) implements Operand {
    }

    record Value(AttributeValue value) implements Operand {
    }

    /** {@code size(x)}: a string's or binary's length, a set's, list's or map's number of elements. */
    record Size(Operand of) implements Operand {
    }

    /** {@code if_not_exists(path, fallback)} (update expressions). */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
    }

    /** {@code list_append(first, second)} (update expressions). */
    record ListAppend(Operand first, Operand second) implements Operand {
    }

    /** {@code left + right} or {@code left - right} on numbers (update expressions). */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
    }
}
