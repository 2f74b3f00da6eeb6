package io.localvpc.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.DynamoDbScope;
import io.localvpc.dynamodb.table.Table;
import io.localvpc.dynamodb.table.TableDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/** TagResource, UntagResource and ListTagsOfResource on a table's ARN. */
final class Tagging {
    private static final int MAX_TAGS = 50;

    private Tagging() {
    }

    static Map<String, String> read(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null && !tags.isNull()) for (JsonNode t : tags) out.put(Requests.text(t, "Key"), Requests.text(t, "Value"));
        return out;
    }

    static ArrayNode write(Map<String, String> tags) {
        ArrayNode a = Requests.JSON.arrayNode();
        tags.forEach((k, v) -> a.addObject().put("Key", k).put("Value", v));
        return a;
    }

    private static Table table(JsonNode in, DynamoDbScope scope, Database db) {
        String arn = Requests.text(in, "ResourceArn");
        if (!arn.startsWith("arn:")) throw DynamoDbException.validation("Invalid TableArn");
        Requests.TableName name;
        try {
            name = Requests.tableName(arn, scope);
        } catch (DynamoDbException e) {
            throw DynamoDbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        Table t = db.table(name.scope(), name.name());
        if (t == null) throw DynamoDbException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        return t;
    }

    static final class TagResource implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            Table t = table(in, scope, db);
            Map<String, String> add = read(in.get("Tags"));
            if (add.isEmpty()) throw DynamoDbException.validation("Atleast one Tag needs to be provided as Input.");
            db.change(() -> {
                TableDefinition d = t.definition();
                Map<String, String> tags = new LinkedHashMap<>(d.tags());
                tags.putAll(add);
                if (tags.size() > MAX_TAGS) throw DynamoDbException.limitExceeded("The number of tags exceeds the limit of " + MAX_TAGS + " per resource");
                db.redefine(t, d.toBuilder().tags(tags).build());
                return null;
            });
            return Requests.object();
        }
    }

    static final class UntagResource implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            Table t = table(in, scope, db);
            JsonNode keys = in.get("TagKeys");
            if (keys.size() == 0) throw DynamoDbException.validation("Atleast one Tag Key needs to be provided as Input.");
            db.change(() -> {
                TableDefinition d = t.definition();
                Map<String, String> tags = new LinkedHashMap<>(d.tags());
                keys.forEach(k -> tags.remove(k.asText()));
                db.redefine(t, d.toBuilder().tags(tags).build());
                return null;
            });
            return Requests.object();
        }
    }

    static final class ListTagsOfResource implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            Table t = table(in, scope, db);
            ObjectNode out = Requests.object();
            out.set("Tags", write(t.definition().tags()));
            return out;
        }
    }
}
