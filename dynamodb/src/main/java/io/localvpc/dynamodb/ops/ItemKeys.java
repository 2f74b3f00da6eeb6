package io.localvpc.dynamodb.ops;

import io.localvpc.dynamodb.DynamoDbException;
import io.localvpc.dynamodb.table.KeySchema;
import io.localvpc.dynamodb.table.SecondaryIndex;
import io.localvpc.dynamodb.table.TableDefinition;
import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.ItemSizes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DynamoDB's rules for keys: what a Key must hold, what an item must hold to be stored, and how big key values may be. */
final class ItemKeys {
    static final String SCHEMA_MISMATCH = "The provided key element does not match the schema";
    private static final int MAX_HASH_KEY = 2048;
    private static final int MAX_RANGE_KEY = 1024;

    private ItemKeys() {
    }

    /** A Key parameter: exactly the table's key attributes, of their types, not empty. Answers it in schema order. */
    static Map<String, AttributeValue> key(TableDefinition table, Map<String, AttributeValue> key) {
        KeySchema k = table.keys();
        if (key.size() != k.names().size()) throw DynamoDbException.validation(SCHEMA_MISMATCH);
        Map<String, AttributeValue> ordered = new LinkedHashMap<>(4);
        for (String name : k.names()) {
            AttributeValue v = key.get(name);
            if (v == null || !v.type().equals(k.typeOf(name))) throw DynamoDbException.validation(SCHEMA_MISMATCH);
            ordered.put(name, v);
        }
        for (String name : k.names()) notEmpty("One or more parameter values were invalid: ", name, ordered.get(name));
        sizes(k, ordered);
        return ordered;
    }

    /** An item to store: it must have the table's key, of the right types, within the size limits, and any index key it has must be of the index's type. */
    static Map<String, AttributeValue> itemKey(TableDefinition table, Map<String, AttributeValue> item) {
        KeySchema k = table.keys();
        for (String name : k.names()) {
            AttributeValue v = item.get(name);
            if (v == null) throw DynamoDbException.validation("One or more parameter values were invalid: Missing the key " + name + " in the item");
            if (!v.type().equals(k.typeOf(name))) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for key " + name + " expected: "
                        + k.typeOf(name) + " actual: " + v.type());
            }
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        for (String name : k.names()) {
            notEmpty("One or more parameter values are not valid. ", name, item.get(name));
            key.put(name, item.get(name));
        }
        sizes(k, key);
        indexKeys(table, item, false);
        return key;
    }

    /**
     * Index key attributes an item has must be of the index's type and not empty. {@code byUpdateExpression}: an
     * UpdateExpression made them wrong, which DynamoDB words differently.
     */
    static void indexKeys(TableDefinition table, Map<String, AttributeValue> item, boolean byUpdateExpression) {
        List<SecondaryIndex> indexes = new ArrayList<>(table.localIndexes());
        indexes.addAll(table.globalIndexes());
        for (SecondaryIndex index : indexes) {
            for (String name : index.keys().names()) {
                AttributeValue v = item.get(name);
                if (v == null) continue;
                String expected = index.keys().typeOf(name);
                if (!v.type().equals(expected)) {
                    if (byUpdateExpression) {
                        throw DynamoDbException.validation("The update expression attempted to update the secondary index key to unsupported type");
                    }
                    throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for Index Key " + name + " Expected: "
                            + expected + " Actual: " + v.type() + " IndexName: " + index.name());
                }
                if (isEmpty(v)) {
                    throw DynamoDbException.validation("One or more parameter values are not valid. A value specified for a secondary index key is not "
                            + "supported. The AttributeValue for a key attribute cannot contain an empty " + (v instanceof AttributeValue.S ? "string" : "binary")
                            + " value. IndexName: " + index.name() + ", IndexKey: " + name);
                }
            }
        }
    }

    /** DynamoDB words this differently for a Key parameter ("were invalid: ") and for an item's key ("are not valid. "). */
    /** A path inside a key attribute (table or index) is refused: key attributes are scalars. */
    static void scalarKey(TableDefinition d, io.localvpc.dynamodb.expr.DocumentPath p) {
        if (p.isTopLevel()) return;
        if (d.keys().isKey(p.attribute())) throw scalarKeyAccess("Key", p.attribute());
        if (d.allKeyAttributes().contains(p.attribute())) throw scalarKeyAccess("IndexKey", p.attribute());
    }

    static DynamoDbException scalarKeyAccess(String kind, String attribute) {
        return DynamoDbException.validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: " + kind + ": " + attribute);
    }

    private static void notEmpty(String lead, String name, AttributeValue v) {
        if (isEmpty(v)) {
            throw DynamoDbException.validation(lead + "The AttributeValue for a key attribute cannot contain an empty "
                    + (v instanceof AttributeValue.S ? "string" : "binary") + " value. Key: " + name);
        }
    }

    private static boolean isEmpty(AttributeValue v) {
        return (v instanceof AttributeValue.S s && s.value().isEmpty()) || (v instanceof AttributeValue.B b && b.value().length() == 0);
    }

    private static void sizes(KeySchema k, Map<String, AttributeValue> key) {
        if (ItemSizes.value(key.get(k.hashName())) > MAX_HASH_KEY) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (k.hasRange() && ItemSizes.value(key.get(k.rangeName())) > MAX_RANGE_KEY) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }
}
