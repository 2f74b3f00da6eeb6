package io.localvpc.dynamodb.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything DynamoDB knows about a table apart from its items: the account and region it lives in, its key and
 * attribute definitions, indexes, billing mode and throughput, TTL setting, stream setting, tags and status. Immutable;
 * a change makes a new definition. Times are epoch milliseconds.
 */
public record TableDefinition(String id, String accountId, String region, String name, KeySchema keys,
                              Map<String, String> attributeTypes, List<SecondaryIndex> localIndexes, List<SecondaryIndex> globalIndexes,
                              String billingMode, Throughput throughput, long created, long billingModeChanged,
                              String ttlAttribute, boolean ttlEnabled, String streamViewType, long streamCreated,
                              Map<String, String> tags, String status, boolean deletionProtection, String tableClass) {
    public TableDefinition {
        attributeTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeTypes));
        localIndexes = List.copyOf(localIndexes);
        globalIndexes = List.copyOf(globalIndexes);
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public String arn() {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
    }

    public boolean payPerRequest() {
        return "PAY_PER_REQUEST".equals(billingMode);
    }

    public SecondaryIndex index(String indexName) {
        for (SecondaryIndex i : localIndexes) if (i.name().equals(indexName)) return i;
        for (SecondaryIndex i : globalIndexes) if (i.name().equals(indexName)) return i;
        return null;
    }

    /** The key attributes of the table and of every index (the attributes whose types are fixed). */
    public java.util.Set<String> allKeyAttributes() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(keys.names());
        for (SecondaryIndex i : localIndexes) names.addAll(i.keys().names());
        for (SecondaryIndex i : globalIndexes) names.addAll(i.keys().names());
        return names;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a definition with some parts changed. */
    public static final class Builder {
        private String status;
        private List<SecondaryIndex> globalIndexes;
        private Map<String, String> attributeTypes;
        private String billingMode;
        private Throughput throughput;
        private long billingModeChanged;
        private String ttlAttribute;
        private boolean ttlEnabled;
        private String streamViewType;
        private long streamCreated;
        private Map<String, String> tags;
        private boolean deletionProtection;
        private String tableClass;
        private final TableDefinition from;

        private Builder(TableDefinition d) {
            from = d;
            status = d.status;
            globalIndexes = d.globalIndexes;
            attributeTypes = d.attributeTypes;
            billingMode = d.billingMode;
            throughput = d.throughput;
            billingModeChanged = d.billingModeChanged;
            ttlAttribute = d.ttlAttribute;
            ttlEnabled = d.ttlEnabled;
            streamViewType = d.streamViewType;
            streamCreated = d.streamCreated;
            tags = d.tags;
            deletionProtection = d.deletionProtection;
            tableClass = d.tableClass;
        }

        public Builder status(String s) {
            status = s;
            return this;
        }

        public Builder globalIndexes(List<SecondaryIndex> g) {
            globalIndexes = g;
            return this;
        }

        public Builder attributeTypes(Map<String, String> a) {
            attributeTypes = a;
            return this;
        }

        public Builder billing(String mode, Throughput t, long changed) {
            billingMode = mode;
            throughput = t;
            billingModeChanged = changed;
            return this;
        }

        public Builder ttl(String attribute, boolean enabled) {
            ttlAttribute = attribute;
            ttlEnabled = enabled;
            return this;
        }

        public Builder stream(String viewType, long created) {
            streamViewType = viewType;
            streamCreated = created;
            return this;
        }

        public Builder tags(Map<String, String> t) {
            tags = t;
            return this;
        }

        public Builder deletionProtection(boolean p) {
            deletionProtection = p;
            return this;
        }

        public Builder tableClass(String c) {
            tableClass = c;
            return this;
        }

        public TableDefinition build() {
            return new TableDefinition(from.id, from.accountId, from.region, from.name, from.keys, attributeTypes, from.localIndexes,
                    globalIndexes, billingMode, throughput, from.created, billingModeChanged, ttlAttribute, ttlEnabled, streamViewType,
                    streamCreated, tags, status, deletionProtection, tableClass);
        }
    }
}
