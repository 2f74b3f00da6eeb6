package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;

/** One action of an update (expression or legacy AttributeUpdates). */
public sealed interface UpdateAction {
    DocumentPath path();

    record Set(DocumentPath path, Operand value) implements UpdateAction {
    }

    record Remove(DocumentPath path) implements UpdateAction {
    }

    /** Adds a number to a number, or elements to a set; creates the attribute when absent. */
    record Add(DocumentPath path, AttributeValue value) implements UpdateAction {
    }

    /** Takes elements out of a set; the attribute goes when its set is empty. */
    record Delete(DocumentPath path, AttributeValue value) implements UpdateAction {
    }
}
