package io.localvpc.core.cost;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What localvpc has metered since it started (or since the last reset): bytes by {@link MeteredPath}, and the lives of
 * the resources billed by the hour. Written from event loops and the store's listener, read by reports; never blocks.
 */
public final class CostLedger {
    /** Per path: bytes from the workload, bytes to it, connections. */
    private final Map<MeteredPath, AtomicLongArray> traffic = new ConcurrentHashMap<>();
    private final Map<String, ResourceLife> resources = new ConcurrentHashMap<>();

    public void addTraffic(MeteredPath path, long fromWorkload, long toWorkload) {
        AtomicLongArray t = traffic.computeIfAbsent(path, p -> new AtomicLongArray(3));
        t.addAndGet(0, fromWorkload);
        t.addAndGet(1, toWorkload);
        t.incrementAndGet(2);
    }

    /** Records (or updates) a resource's life; an end once recorded is kept even if a later row lacks it. */
    public void lived(ResourceLife life) {
        resources.merge(life.id(), life, (old, now) -> now.endedAt() == null && old.endedAt() != null
                ? new ResourceLife(now.account(), now.region(), now.id(), now.kind(), now.vpcId(), now.service(), now.zones(), now.createdAt(), old.endedAt())
                : now);
    }

    /** A resource left the state without a recorded end (it vanished after deletion, or was reset away). */
    public void ended(String id, java.time.Instant at) {
        resources.computeIfPresent(id, (k, life) -> life.endedAt() != null ? life
                : new ResourceLife(life.account(), life.region(), life.id(), life.kind(), life.vpcId(), life.service(), life.zones(), life.createdAt(), at));
    }

    public void clear() {
        traffic.clear();
        resources.clear();
    }

    /** A copy of everything recorded now. */
    public Snapshot snapshot() {
        Map<MeteredPath, Traffic> copy = new java.util.HashMap<>();
        traffic.forEach((p, t) -> copy.put(p, new Traffic(t.get(0), t.get(1), t.get(2))));
        return new Snapshot(Map.copyOf(copy), List.copyOf(resources.values()));
    }

    public record Traffic(long fromWorkload, long toWorkload, long connections) {
        public long total() {
            return fromWorkload + toWorkload;
        }
    }

    public record Snapshot(Map<MeteredPath, Traffic> traffic, List<ResourceLife> resources) {
    }
}
