package io.localvpc.dynamodb.value;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Sizes as DynamoDB counts them for its limits (400 KB items, 1 MB pages, key sizes) and for capacity units: names
 * and strings in UTF-8 bytes, numbers by their stored digits, 1 byte for a boolean or null, and 3 bytes plus 1 per
 * element for lists and maps.
 */
public final class ItemSizes {
    /** DynamoDB's item size limit (400 KB). */
    public static final int MAX_ITEM = 400 * 1024;

    private ItemSizes() {
    }

    public static int item(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) size += utf8(e.getKey()) + value(e.getValue());
        return size;
    }

    public static int value(AttributeValue v) {
        if (v instanceof AttributeValue.S s) return utf8(s.value());
        if (v instanceof AttributeValue.N n) return DynamoNumbers.size(n.value());
        if (v instanceof AttributeValue.B b) return b.value().length();
        if (v instanceof AttributeValue.Bool || v instanceof AttributeValue.Null) return 1;
        int size = 0;
        if (v instanceof AttributeValue.SS ss) {
            for (String s : ss.values()) size += utf8(s);
        } else if (v instanceof AttributeValue.NS ns) {
            for (BigDecimal d : ns.values()) size += DynamoNumbers.size(d);
        } else if (v instanceof AttributeValue.BS bs) {
            for (Binary b : bs.values()) size += b.length();
        } else if (v instanceof AttributeValue.L l) {
            size = 3;
            for (AttributeValue e : l.values()) size += 1 + value(e);
        } else if (v instanceof AttributeValue.M m) {
            size = 3;
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) size += 1 + utf8(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    public static int utf8(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
