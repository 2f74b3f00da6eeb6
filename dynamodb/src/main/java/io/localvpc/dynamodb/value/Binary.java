package io.localvpc.dynamodb.value;

import java.util.Arrays;
import java.util.Base64;

/** An immutable byte string (a B value or a member of a BS set): equal by content, ordered as unsigned bytes as DynamoDB orders binary keys. */
public final class Binary implements Comparable<Binary> {
    private final byte[] bytes;
    private final int hash;

    private Binary(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static Binary of(byte[] bytes) {
        return new Binary(bytes.clone());
    }

    public static Binary fromBase64(String base64) {
        return new Binary(Base64.getDecoder().decode(base64));
    }

    public int length() {
        return bytes.length;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Whether this starts with {@code prefix} (begins_with on binary values). */
    public boolean startsWith(Binary prefix) {
        return prefix.bytes.length <= bytes.length && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** Whether {@code part} occurs anywhere in this (contains on binary values). */
    public boolean contains(Binary part) {
        outer:
        for (int i = 0; i + part.bytes.length <= bytes.length; i++) {
            for (int j = 0; j < part.bytes.length; j++) {
                if (bytes[i + j] != part.bytes[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    @Override
    public int compareTo(Binary o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binary b && hash == b.hash && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
