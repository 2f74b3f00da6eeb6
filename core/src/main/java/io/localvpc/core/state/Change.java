package io.localvpc.core.state;

/** One persisted row: a resource written ({@code json} set) or removed ({@code json} null). */
public record Change(Scope scope, String type, String id, String json) {
    public boolean isRemoval() {
        return json == null;
    }
}
