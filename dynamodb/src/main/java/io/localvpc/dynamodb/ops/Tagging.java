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

    /** The table an ARN names; its name must be a table name (3 to 255 characters). */
    private static Requests.TableName name(JsonNode in, DynamoDbScope scope) {
        String arn = Requests.text(in, "ResourceArn");
        try {
            Requests.TableName name = Requests.tableName(arn, scope);
            if (arn.startsWith("arn:") && name.name().length() >= 3 && name.name().length() <= 255) return name;
        } catch (DynamoDbException e) {
            // worded below
        }
        throw DynamoDbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }

    private static Table table(Requests.TableName name, Database db, String notFound) {
        Table t = db.table(name.scope(), name.name());
        if (t == null) throw DynamoDbException.resourceNotFound(notFound);
        return t;
    }

    private static String notFound(JsonNode in) {
        return "Requested resource not found: ResourcArn: " + Requests.text(in, "ResourceArn") + " not found";
    }

    static final class TagResource implements Operation {
        @Override
        public ObjectNode run(JsonNode in, DynamoDbScope scope, Database db) {
            Requests.TableName name = name(in, scope);
            Map<String, String> add = read(in.get("Tags"));
            if (add.isEmpty()) throw DynamoDbException.validation("Atleast one Tag needs to be provided as Input.");
            Table t = table(name, db, notFound(in));
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
            Requests.TableName name = name(in, scope);
            JsonNode keys = in.get("TagKeys");
            if (keys.size() == 0) throw DynamoDbException.validation("Atleast one Tag Key needs to be provided as Input.");
            Table t = table(name, db, "Requested resource not found");
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
            Table t = table(name(in, scope), db, notFound(in));
            ObjectNode out = Requests.object();
            out.set("Tags", write(t.definition().tags()));
            return out;
        }
    }
}
