package io.localvpc.dynamodb.value;

/**
 * An attribute value DynamoDB refuses, with DynamoDB's message. Where the value sat decides how the message is framed
 * (an item's value answers it as it is; an expression value answers "ExpressionAttributeValues contains invalid value:
 * … for key :v"), so the framing is left to the caller.
 */
public final class AttributeValueProblem extends RuntimeException {
    public AttributeValueProblem(String message) {
        super(message, null, false, false);
    }
}
