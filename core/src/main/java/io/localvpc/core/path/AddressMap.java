package io.localvpc.core.path;

import java.util.Arrays;

/**
 * IPv4 address → value, read by every decision: open addressing over a {@code long[]}, so a lookup boxes
 * no {@code Long} (a {@code HashMap<Long, V>} allocates one per lookup for any real address). Filled
 * while a compiled table is built, then only read; a later {@link #put} for the same address replaces
 * the value, as {@code Map.put} does.
 */
final class AddressMap<V> {
    private static final long EMPTY = -1; // not an IPv4 address (those are 0..2^32-1)

    private long[] keys;
    private Object[] values;
    private int size;

    AddressMap() {
        keys = new long[16];
        Arrays.fill(keys, EMPTY);
        values = new Object[16];
    }

    void put(long address, V value) {
        if (address < 0) return; // an unparsable address is never looked up
        if ((size + 1) * 2 > keys.length) grow();
        int i = slot(keys, address);
        if (keys[i] == EMPTY) {
            keys[i] = address;
            size++;
        }
        values[i] = value;
    }

    @SuppressWarnings("unchecked")
    V get(long address) {
        if (address < 0) return null;
        int i = slot(keys, address);
        return keys[i] == EMPTY ? null : (V) values[i];
    }

    int size() {
        return size;
    }

    /** The slot holding {@code address}, or the empty slot where it would go (the table is never full). */
    private static int slot(long[] keys, long address) {
        int mask = keys.length - 1;
        int i = Long.hashCode(address * 0x9E3779B97F4A7C15L) & mask;
        while (keys[i] != EMPTY && keys[i] != address) i = (i + 1) & mask;
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new Object[keys.length];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == EMPTY) continue;
            int i = slot(keys, oldKeys[j]);
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }
}
