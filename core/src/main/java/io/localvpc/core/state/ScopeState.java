package io.localvpc.core.state;

import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

import java.util.Collection;
import java.util.Optional;

/**
 * The immutable contents of one scope: for each resource type, its records sorted by id. Persistent
 * maps make a changed copy cost O(log n), so a writer can build the next version while readers keep
 * the previous one.
 */
final class ScopeState {
    static final ScopeState EMPTY = new ScopeState(HashTreePMap.empty());

    private final PMap<String, PSortedMap<String, Resource>> byType;

    private ScopeState(PMap<String, PSortedMap<String, Resource>> byType) {
        this.byType = byType;
    }

    @SuppressWarnings("unchecked")
    <R extends Resource> Optional<R> find(Class<R> type, String id) {
        PSortedMap<String, Resource> m = byType.get(ResourceCodec.typeKey(type));
        return m == null ? Optional.empty() : Optional.ofNullable((R) m.get(id));
    }

    @SuppressWarnings("unchecked")
    <R extends Resource> Collection<R> all(Class<R> type) {
        PSortedMap<String, Resource> m = byType.get(ResourceCodec.typeKey(type));
        return m == null ? java.util.List.of() : (Collection<R>) (Collection<?>) m.values();
    }

    Optional<Resource> findAny(String id) {
        for (PSortedMap<String, Resource> m : byType.values()) {
            Resource r = m.get(id);
            if (r != null) return Optional.of(r);
        }
        return Optional.empty();
    }

    ScopeState with(String typeKey, Resource r) {
        PSortedMap<String, Resource> m = byType.getOrDefault(typeKey, TreePMap.empty());
        return new ScopeState(byType.plus(typeKey, m.plus(r.id(), r)));
    }

    ScopeState without(String typeKey, String id) {
        PSortedMap<String, Resource> m = byType.get(typeKey);
        if (m == null || !m.containsKey(id)) return this;
        return new ScopeState(byType.plus(typeKey, m.minus(id)));
    }

    PMap<String, PSortedMap<String, Resource>> byType() {
        return byType;
    }

    boolean isEmpty() {
        return byType.values().stream().allMatch(java.util.Map::isEmpty);
    }
}
