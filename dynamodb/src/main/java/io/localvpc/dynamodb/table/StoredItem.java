package io.localvpc.dynamodb.table;

import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.ItemSizes;

import java.util.Map;

/** An item as a table holds it: its attributes (never changed once stored) and its size as DynamoDB counts it. */
public record StoredItem(Map<String, AttributeValue> attributes, int size) {
    public static StoredItem of(Map<String, AttributeValue> attributes) {
        return new StoredItem(java.util.Collections.unmodifiableMap(attributes), ItemSizes.item(attributes));
    }
}
