package io.localvpc.core.state;

/**
 * One persisted row: a resource written or removed. A written resource is turned into JSON only when
 * someone reads {@link #json()} (the SQLite journal, a state export), so an in-memory store never pays
 * for serialisation.
 */
public final class Change {
    private final Scope scope;
    private final String type;
    private final String id;
    private final Resource resource;
    private String json;
    private final boolean removal;

    /** A row as stored: {@code json} null means a removal. */
    public Change(Scope scope, String type, String id, String json) {
        this.scope = scope;
        this.type = type;
        this.id = id;
        this.resource = null;
        this.json = json;
        this.removal = json == null;
    }

    private Change(Scope scope, String type, Resource resource) {
        this.scope = scope;
        this.type = type;
        this.id = resource.id();
        this.resource = resource;
        this.removal = false;
    }

    static Change written(Scope scope, String type, Resource resource) {
        return new Change(scope, type, resource);
    }

    static Change removed(Scope scope, String type, String id) {
        return new Change(scope, type, id, null);
    }

    public Scope scope() {
        return scope;
    }

    public String type() {
        return type;
    }

    public String id() {
        return id;
    }

    /** The resource itself when this row was made from one (not read from storage), else null. */
    Resource resource() {
        return resource;
    }

    /** The resource as JSON; null for a removal. */
    public String json() {
        if (json == null && resource != null) json = ResourceCodec.toJson(resource);
        return json;
    }

    public boolean isRemoval() {
        return removal;
    }
}
