package io.localvpc.dynamodb.table;

import io.localvpc.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table's or index's key: a partition (HASH) attribute and an optional sort (RANGE) attribute, each with its type (S, N or B). */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {
    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKey(String attribute) {
        return attribute.equals(hashName) || attribute.equals(rangeName);
    }

    public List<String> names() {
        List<String> n = new ArrayList<>(2);
        n.add(hashName);
        if (rangeName != null) n.add(rangeName);
        return n;
    }

    public String typeOf(String attribute) {
        return attribute.equals(hashName) ? hashType : attribute.equals(rangeName) ? rangeType : null;
    }

    /** The key attributes of an item, hash first; null when the item lacks one or has one of the wrong type. */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        AttributeValue h = item.get(hashName);
        if (h == null || !h.type().equals(hashType)) return null;
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        key.put(hashName, h);
        if (rangeName != null) {
            AttributeValue r = item.get(rangeName);
            if (r == null || !r.type().equals(rangeType)) return null;
            key.put(rangeName, r);
        }
        return key;
    }
}
