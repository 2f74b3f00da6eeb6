package io.localvpc.core.state;

import io.localvpc.core.model.ResourceTags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A transaction: a private next version of one scope plus the rows to persist if it commits. */
final class StoreTx extends ScopeReader implements Tx {
    private final Scope scope;
    private ScopeState state;
    /** Last write per (type, id); a later put or remove of the same resource replaces the earlier one. */
    private final Map<String, Change> changes = new LinkedHashMap<>();

    StoreTx(Scope scope, ScopeState state, Instant now) {
        super(scope, now);
        this.scope = scope;
        this.state = state;
    }

    @Override
    public <R extends Resource> R put(R resource) {
        String type = ResourceCodec.typeKey(resource.getClass().asSubclass(Resource.class));
        state = state.with(type, resource);
        changes.put(type + "\u0000" + resource.id(), Change.written(scope, type, resource));
        return resource;
    }

    @Override
    public void remove(Class<? extends Resource> type, String id) {
        removeRow(ResourceCodec.typeKey(type), id);
        if (type != ResourceTags.class) removeRow(ResourceCodec.typeKey(ResourceTags.class), id);
    }

    private void removeRow(String type, String id) {
        ScopeState next = state.without(type, id);
        if (next == state) return;
        state = next;
        changes.put(type + "\u0000" + id, Change.removed(scope, type, id));
    }

    @Override
    public String newId(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            StringBuilder sb = new StringBuilder(prefix.length() + 18).append(prefix).append('-');
            long bits = random.nextLong();
            // AWS's long ids: 17 lowercase hex digits after the prefix.
            sb.append(Character.forDigit(random.nextInt(16), 16));
            for (int i = 0; i < 16; i++) {
                sb.append(Character.forDigit((int) ((bits >>> (i * 4)) & 0xF), 16));
            }
            String id = sb.toString();
            if (state.findAny(id).isEmpty()) return id;
        }
    }

    boolean hasChanges() {
        return !changes.isEmpty();
    }

    List<Change> changes() {
        return new ArrayList<>(changes.values());
    }

    @Override
    ScopeState state() {
        return state;
    }
}
