package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.AttributeValueJson;
import io.localvpc.dynamodb.value.AttributeValueProblem;
import io.localvpc.dynamodb.value.JsonBooleans;

import java.util.Map;

/** Reading request members the way every operation does. */
final class Requests {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Requests() {
    }

    static String text(JsonNode in, String member) {
        JsonNode v = in.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }

    static boolean has(JsonNode in, String member) {
        JsonNode v = in.get(member);
        return v != null && !v.isNull();
    }

    static boolean bool(JsonNode in, String member, boolean otherwise) {
        JsonNode v = in.get(member);
        return v == null || v.isNull() ? otherwise : JsonBooleans.read(v);
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    /** A table named by name or by ARN ({@code arn:aws:dynamodb:<region>:<account>:table/<name>}), with the scope it lives in. */
    record TableName(DynamoDbScope scope, String name) {
    }

    static TableName tableName(String nameOrArn, DynamoDbScope scope) {
        if (nameOrArn.startsWith("arn:")) {
            String[] parts = nameOrArn.split(":", 6);
            if (parts.length == 6 && parts[2].equals("dynamodb") && parts[5].startsWith("table/") && DynamoDbScope.isAccountId(parts[4]) && !parts[3].isEmpty()) {
                String rest = parts[5].substring("table/".length());
                if (!rest.isEmpty() && !rest.contains("/")) return new TableName(new DynamoDbScope(parts[4], parts[3]), rest);
            }
            throw DynamoDbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + nameOrArn);
        }
        return new TableName(scope, nameOrArn);
    }

    /** The table an item operation names; a missing one is "Requested resource not found", as DynamoDB answers it there. */
    static Table table(Database db, JsonNode in, String member, DynamoDbScope scope) {
        TableName t = tableName(text(in, member), scope);
        Table table = db.table(t.scope(), t.name());
        if (table == null) throw DynamoDbException.resourceNotFound("Requested resource not found");
        return table;
    }

    /** Reads a map of attribute values, refusing a bad value with DynamoDB's message as it stands. */
    static Map<String, AttributeValue> item(JsonNode node) {
        try {
            return AttributeValueJson.readItem(node);
        } catch (AttributeValueProblem e) {
            throw DynamoDbException.validation(e.getMessage());
        }
    }

    static AttributeValue value(JsonNode node) {
        try {
            return AttributeValueJson.read(node);
        } catch (AttributeValueProblem e) {
            throw DynamoDbException.validation(e.getMessage());
        }
    }
}
