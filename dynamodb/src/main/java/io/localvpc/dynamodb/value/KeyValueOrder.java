package io.localvpc.dynamodb.value;

import java.util.Comparator;

/**
 * The order of scalar values as DynamoDB sorts keys and compares with {@code <}, {@code BETWEEN} and friends: strings
 * by their UTF-8 bytes (the same as by code points), numbers numerically, binaries as unsigned bytes.
 */
public final class KeyValueOrder implements Comparator<AttributeValue> {
    public static final KeyValueOrder INSTANCE = new KeyValueOrder();

    private KeyValueOrder() {
    }

    /** Whether {@code <}, {@code >}, {@code BETWEEN} can compare these two: both S, both N or both B. */
    public static boolean comparable(AttributeValue a, AttributeValue b) {
        return (a instanceof AttributeValue.S && b instanceof AttributeValue.S)
                || (a instanceof AttributeValue.N && b instanceof AttributeValue.N)
                || (a instanceof AttributeValue.B && b instanceof AttributeValue.B);
    }

    @Override
    public int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) return compareStrings(x.value(), y.value());
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) return x.value().compareTo(y.value());
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) return x.value().compareTo(y.value());
        // Keys of one attribute always have one type; this only keeps the order total.
        return a.type().compareTo(b.type());
    }

    public static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
