package io.localvpc.dynamodb.table;

import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.KeyValueOrder;

import java.nio.charset.StandardCharsets;

/**
 * Where an item sits in a table or index: the hash of its partition key first (so a Scan, its segments and its page
 * boundaries follow partitions as DynamoDB's do), then the key values in order (partition, sort, and for an index
 * the table's key after its own). A bound stands just before or just after every key that starts with its values,
 * which is how ranges of a partition are looked up.
 */
public final class RowKey implements Comparable<RowKey> {
    private final int hash;
    private final AttributeValue[] parts;
    private final int bound;

    private RowKey(int hash, AttributeValue[] parts, int bound) {
        this.hash = hash;
        this.parts = parts;
        this.bound = bound;
    }

    public static RowKey of(AttributeValue partition, AttributeValue... rest) {
        AttributeValue[] parts = new AttributeValue[rest.length + 1];
        parts[0] = partition;
        System.arraycopy(rest, 0, parts, 1, rest.length);
        return new RowKey(hash(partition), parts, 0);
    }

    /** Just before every key starting with these values. */
    public static RowKey before(AttributeValue partition, AttributeValue... rest) {
        RowKey k = of(partition, rest);
        return new RowKey(k.hash, k.parts, -1);
    }

    /** Just after every key starting with these values. */
    public static RowKey after(AttributeValue partition, AttributeValue... rest) {
        RowKey k = of(partition, rest);
        return new RowKey(k.hash, k.parts, 1);
    }

    /** Before every key whose partition hash is at least {@code hash} (unsigned): where a Scan segment starts. */
    public static RowKey atHash(long hash) {
        return new RowKey((int) hash, new AttributeValue[0], -1);
    }

    /** The partition hash as an unsigned number, 0 to 2^32 - 1. */
    public long hash() {
        return Integer.toUnsignedLong(hash);
    }

    @Override
    public int compareTo(RowKey o) {
        int c = Integer.compareUnsigned(hash, o.hash);
        if (c != 0) return c;
        int n = Math.min(parts.length, o.parts.length);
        for (int i = 0; i < n; i++) {
            c = KeyValueOrder.INSTANCE.compare(parts[i], o.parts[i]);
            if (c != 0) return c;
        }
        if (parts.length == o.parts.length) return Integer.compare(bound, o.bound);
        if (parts.length < o.parts.length) return bound > 0 ? 1 : -1;
        return o.bound > 0 ? -1 : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** A stable hash of a partition key value (the same across restarts, so page boundaries stay put). */
    static int hash(AttributeValue v) {
        byte[] bytes;
        byte tag;
        if (v instanceof AttributeValue.S s) {
            bytes = s.value().getBytes(StandardCharsets.UTF_8);
            tag = 1;
        } else if (v instanceof AttributeValue.N n) {
            bytes = n.text().getBytes(StandardCharsets.US_ASCII);
            tag = 2;
        } else {
            bytes = ((AttributeValue.B) v).value().toByteArray();
            tag = 3;
        }
        int h = 0x811c9dc5 ^ tag;
        for (byte b : bytes) h = (h ^ (b & 0xff)) * 0x01000193;
        // spread the bits (MurmurHash3's finaliser) so segments of a Scan get even shares
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
