package io.localvpc.dynamodb.expr;

/** An expression that compiled but cannot be applied to this item (a missing attribute, a wrong type), with DynamoDB's whole message. */
public final class EvaluationProblem extends RuntimeException {
    public EvaluationProblem(String message) {
        super(message, null, false, false);
    }
}
