package io.localvpc.dynamodb.table;

import java.util.List;

/**
 * A local or global secondary index: its key, which attributes it projects (ALL, KEYS_ONLY, or INCLUDE with the named
 * non-key attributes), and for a global index its own provisioned throughput and status.
 */
public record SecondaryIndex(String name, boolean global, KeySchema keys, String projectionType, List<String> nonKeyAttributes,
                             Throughput throughput, String status) {
    public SecondaryIndex {
        nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }

    public SecondaryIndex withStatus(String newStatus) {
        return new SecondaryIndex(name, global, keys, projectionType, nonKeyAttributes, throughput, newStatus);
    }

    public SecondaryIndex withThroughput(Throughput t) {
        return new SecondaryIndex(name, global, keys, projectionType, nonKeyAttributes, t, status);
    }
}
