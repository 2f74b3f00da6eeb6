package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbScope;

/** One DynamoDB operation: a checked request body in, the response body out; refusals are thrown as {@link io.localvpc.dynamodb.DynamoDbException}. */
public interface Operation {
    ObjectNode run(JsonNode request, DynamoDbScope scope, Database db);
}
