package io.localvpc.dataplane.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mutable, ordered condition-key map while classifying; frozen into the results. */
final class ConditionKeys {

    private final Map<String, List<String>> keys = new LinkedHashMap<>();

    ConditionKeys put(String key, String value) {
        if (value != null) {
            keys.put(key, List.of(value));
        }
        return this;
    }

    ConditionKeys put(String key, List<String> values) {
        if (values != null) {
            keys.put(key, List.copyOf(values));
        }
        return this;
    }

    ConditionKeys putAll(ConditionKeys other) {
        keys.putAll(other.keys);
        return this;
    }

    Map<String, List<String>> toMap() {
        return freeze(keys);
    }

    /** An unmodifiable copy that keeps the insertion order (for readable traces). */
    static Map<String, List<String>> freeze(Map<String, List<String>> keys) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        keys.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }
}
