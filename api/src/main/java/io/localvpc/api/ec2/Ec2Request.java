package io.localvpc.api.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.wire.Shape;
import io.localvpc.core.AwsException;
import io.localvpc.core.ops.EndpointConnectionEvent;
import io.localvpc.core.ops.ProviderEndpointServices;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A decoded EC2 request: the caller's scope, the operation, and its parameters by model member name
 * ({@code in.string("VpcId")}, {@code in.strings("SubnetIds")}). Accessors that require a value answer
 * a missing one with {@code MissingParameter} naming the parameter as the client sent it.
 */
public final class Ec2Request {
    private final String action;
    private final Scope scope;
    private final String requestId;
    private final Shape shape;
    private final ObjectNode params;
    private final Function<Scope, View> otherScopes;
    private Store store;
    private String callerArn;
    private boolean rehearsal;
    private final List<EndpointConnectionEvent> connectionEvents = new ArrayList<>();

    public Ec2Request(String action, Scope scope, String requestId, Shape shape, ObjectNode params) {
        this(action, scope, requestId, shape, params, s -> {
            throw new IllegalStateException("no other scopes are readable here");
        });
    }

    /** @param otherScopes snapshots of other scopes (the account's IAM scope, for instance profiles) */
    public Ec2Request(String action, Scope scope, String requestId, Shape shape, ObjectNode params, Function<Scope, View> otherScopes) {
        this.action = action;
        this.scope = scope;
        this.requestId = requestId;
        this.shape = shape;
        this.params = params;
        this.otherScopes = otherScopes;
    }

    /** With the store the request runs on and the ARN of who signed it, for reads and writes across accounts. */
    Ec2Request across(Store store, String callerArn) {
        this.store = store;
        this.callerArn = callerArn;
        return this;
    }

    /** Marks a DryRun: writes in other scopes are rehearsed too, and thrown away. */
    void rehearsing() {
        this.rehearsal = true;
    }

    /** The caller's own ARN (a user's, an account's root; a role session is named by its role), or null when unsigned. */
    public String callerArn() {
        return callerArn;
    }

    /** Providers' endpoint services in every account, read from published snapshots. */
    public ProviderEndpointServices endpointServices() {
        return store == null ? ProviderEndpointServices.NONE : ProviderEndpointServices.of(store);
    }

    /**
     * Runs {@code work} in another scope's transaction while {@code tx} is open: the caller's own transaction when the
     * scope is its own (a nested write there would be lost when the outer one commits), else a write of its own that
     * commits at once. So the caller must check everything before calling this, and write nothing after it that may fail.
     */
    public <T> T writeIn(Scope other, Tx tx, Function<Tx, T> work) {
        if (other.equals(tx.scope())) return work.apply(tx);
        if (store == null) throw new IllegalStateException("no other scopes are writable here");
        return rehearsal ? store.rehearse(other, work) : store.write(other, work);
    }

    /** Connection events this request caused; told once its transaction committed. */
    public void connectionEvent(EndpointConnectionEvent event) {
        connectionEvents.add(event);
    }

    List<EndpointConnectionEvent> connectionEvents() {
        return connectionEvents;
    }

    /** A snapshot of another scope of the same store, e.g. the account's IAM resources. */
    public View viewOf(Scope other) {
        return otherScopes.apply(other);
    }

    public String action() {
        return action;
    }

    public Scope scope() {
        return scope;
    }

    public String requestId() {
        return requestId;
    }

    public ObjectNode params() {
        return params;
    }

    public boolean has(String member) {
        return params.has(member);
    }

    public String string(String member) {
        JsonNode n = params.get(member);
        return n == null ? null : n.asText();
    }

    public String requireString(String member) {
        String v = string(member);
        if (v == null || v.isEmpty()) throw AwsException.missingParameter(wireName(member));
        return v;
    }

    public Optional<Boolean> bool(String member) {
        JsonNode n = params.get(member);
        return n == null ? Optional.empty() : Optional.of(n.asBoolean());
    }

    public boolean bool(String member, boolean dflt) {
        return bool(member).orElse(dflt);
    }

    /** An integer member; the decoder has already refused values outside the model's type (int32). */
    public Optional<Integer> integer(String member) {
        JsonNode n = params.get(member);
        return n == null ? Optional.empty() : Optional.of(n.intValue());
    }

    /** A list of scalars (empty when absent). */
    public List<String> strings(String member) {
        JsonNode n = params.get(member);
        List<String> out = new ArrayList<>();
        if (n != null) n.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** A list of structures (empty when absent). */
    public List<JsonNode> objects(String member) {
        JsonNode n = params.get(member);
        List<JsonNode> out = new ArrayList<>();
        if (n != null) n.forEach(out::add);
        return out;
    }

    /** A nested structure, or a missing node when absent. */
    public JsonNode node(String member) {
        return params.path(member);
    }

    /** The model's member of this operation's input, or null. */
    public Shape.Member member(String member) {
        return shape == null ? null : shape.member(member);
    }

    /** The parameter name as it travels on the wire ({@code SubnetIds} → {@code SubnetId}). */
    public String wireName(String member) {
        Shape.Member m = shape == null ? null : shape.member(member);
        return m == null ? member : m.queryKey();
    }
}
