package io.localvpc.dynamodb.table;

import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.KeyValueOrder;


/**
 * Where an item sits in a table or index: the placement of its partition key first ({@link PartitionHash}, so a Scan,
 * its segments and its page boundaries follow partitions as DynamoDB's do), then the key values in order (partition,
 * sort, and for an index the table's key after its own). A bound stands just before or just after every key that
 * starts with its values, which is how ranges of a partition are looked up.
 */
public final class RowKey implements Comparable<RowKey> {
    private final int hash;
    private final AttributeValue[] parts;
    private final int bound;
    private final int hashCode;

    private RowKey(int hash, AttributeValue[] parts, int bound) {
        this.hash = hash;
        this.parts = parts;
        this.bound = bound;
        this.hashCode = 31 * java.util.Arrays.hashCode(parts) + bound;
    }

    public static RowKey of(AttributeValue partition, AttributeValue... rest) {
        AttributeValue[] parts = new AttributeValue[rest.length + 1];
        parts[0] = partition;
        System.arraycopy(rest, 0, parts, 1, rest.length);
        return new RowKey(PartitionHash.of(partition), parts, 0);
    }

    /** The placement of a whole table key, which orders index entries that share their index key as DynamoDB orders them. */
    static AttributeValue placement(AttributeValue hash, AttributeValue range) {
        return AttributeValue.n(PartitionHash.of(hash, range));
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

    /** How many placements there are (placements run from 0 to this, exclusive): what Scan segments divide. */
    public static final long PLACEMENTS = 1L << PartitionHash.BITS;

    /** Before every key whose placement is at least {@code hash}: where a Scan segment starts. */
    public static RowKey atHash(long hash) {
        return new RowKey((int) hash, new AttributeValue[0], -1);
    }

    /** The partition key's placement, 0 to {@link #PLACEMENTS} - 1. */
    public long hash() {
        return hash;
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
        return hashCode;
    }
}
