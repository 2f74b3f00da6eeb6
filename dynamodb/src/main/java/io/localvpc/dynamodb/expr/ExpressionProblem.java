package io.localvpc.dynamodb.expr;

/**
 * An expression DynamoDB refuses, with the part of its message that follows "Invalid ConditionExpression: " (or the
 * name of whichever expression it was); the caller knows which expression it compiled and adds that.
 */
public final class ExpressionProblem extends RuntimeException {
    public ExpressionProblem(String message) {
        super(message, null, false, false);
    }
}
