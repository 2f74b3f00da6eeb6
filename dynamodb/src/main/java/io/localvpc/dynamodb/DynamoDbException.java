package io.localvpc.dynamodb;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error DynamoDB answers: its {@code __type} (namespace and name as DynamoDB writes them), message, HTTP status and
 * any further members of the error body (the old item of a failed condition, a cancelled transaction's reasons).
 */
public final class DynamoDbException extends RuntimeException {
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

    private final String type;
    private final int status;
    private final ObjectNode extra;
    private final boolean capitalMessage;

    private DynamoDbException(String type, String message, int status, ObjectNode extra, boolean capitalMessage) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.extra = extra;
        this.capitalMessage = capitalMessage;
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException("com.amazon.coral.validate#ValidationException", message, 400, null, false);
    }

    /** A request body that does not fit the operation's shapes (wrong JSON types); DynamoDB writes {@code Message} here. */
    public static DynamoDbException serialization(String message) {
        return new DynamoDbException("com.amazon.coral.service#SerializationException", message, 400, null, true);
    }

    public static DynamoDbException missingAuthenticationToken() {
        return new DynamoDbException("com.amazon.coral.service#MissingAuthenticationTokenException", "Request is missing Authentication Token", 400, null, false);
    }

    /** A request whose signature is missing or incomplete (the {@code code} is DynamoDB's, e.g. IncompleteSignatureException). */
    public static DynamoDbException signature(String code, String message) {
        return new DynamoDbException("com.amazon.coral.service#" + code, message, 400, null, false);
    }

    public static DynamoDbException unknownOperation() {
        return new DynamoDbException("com.amazon.coral.service#UnknownOperationException", null, 400, null, false);
    }

    public static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException(DYNAMODB + "ResourceNotFoundException", message, 400, null, false);
    }

    public static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException(DYNAMODB + "ResourceInUseException", message, 400, null, false);
    }

    public static DynamoDbException tableNotFound(String message) {
        return new DynamoDbException(DYNAMODB + "TableNotFoundException", message, 400, null, false);
    }

    public static DynamoDbException limitExceeded(String message) {
        return new DynamoDbException(DYNAMODB + "LimitExceededException", message, 400, null, false);
    }

    public static DynamoDbException idempotentParameterMismatch(String message) {
        return new DynamoDbException(DYNAMODB + "IdempotentParameterMismatchException", message, 400, null, false);
    }

    /** A failed condition; {@code item}, when the caller asked for it (ReturnValuesOnConditionCheckFailure), is the item as it stood. */
    public static DynamoDbException conditionalCheckFailed(ObjectNode item) {
        ObjectNode extra = null;
        if (item != null) {
            extra = JsonNodeFactory.instance.objectNode();
            extra.set("Item", item);
        }
        return new DynamoDbException(DYNAMODB + "ConditionalCheckFailedException", "The conditional request failed", 400, extra, false);
    }

    public static DynamoDbException transactionCanceled(String message, ObjectNode extra) {
        return new DynamoDbException(DYNAMODB + "TransactionCanceledException", message, 400, extra, true);
    }

    public static DynamoDbException internal(String message) {
        return new DynamoDbException(DYNAMODB + "InternalServerError", message, 500, null, false);
    }

    /** The full {@code __type}, e.g. {@code com.amazon.coral.validate#ValidationException}. */
    public String type() {
        return type;
    }

    /** The part after {@code #}, the error code clients show. */
    public String code() {
        return type.substring(type.indexOf('#') + 1);
    }

    public int status() {
        return status;
    }

    /** The error body as DynamoDB writes it. */
    public ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", type);
        if (extra != null) body.setAll(extra);
        if (getMessage() != null) body.put(capitalMessage ? "Message" : "message", getMessage());
        return body;
    }
}
