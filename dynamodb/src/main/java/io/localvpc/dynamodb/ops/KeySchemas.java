package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.table.KeySchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** KeySchema parameters (of tables and indexes) read and checked as DynamoDB does. */
final class KeySchemas {
    private KeySchemas() {
    }

    static List<String> names(JsonNode schema) {
        List<String> names = new ArrayList<>();
        for (JsonNode e : schema) names.add(Requests.text(e, "AttributeName"));
        return names;
    }

    /** Hash first, range second, two different attributes. */
    static void checkShape(JsonNode schema) {
        List<String> names = names(schema);
        if (names.size() > 1 && names.get(0).equals(names.get(1))) {
            throw DynamoDbException.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(Requests.text(schema.get(0), "KeyType"))) {
            throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (schema.size() > 1 && !"RANGE".equals(Requests.text(schema.get(1), "KeyType"))) {
            throw DynamoDbException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
    }

    /** The schema's names without types (for checks before types are known). */
    static KeySchema read(JsonNode schema) {
        List<String> names = names(schema);
        return new KeySchema(names.get(0), null, names.size() > 1 ? names.get(1) : null, null);
    }

    static KeySchema typed(JsonNode schema, Map<String, String> definitions) {
        List<String> names = names(schema);
        String range = names.size() > 1 ? names.get(1) : null;
        return new KeySchema(names.get(0), definitions.get(names.get(0)), range, range == null ? null : definitions.get(range));
    }
}
