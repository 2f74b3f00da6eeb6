package io.localvpc.api.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ApiReply;
import io.localvpc.api.SigV4Scope;
import io.localvpc.api.wire.QueryDecoder;
import io.localvpc.api.wire.ServiceModel;
import io.localvpc.api.wire.XmlEncoder;
import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.identity.IamPrincipal;
import io.localvpc.core.model.IdempotencyRecord;
import io.localvpc.core.ops.ClientTokens;
import io.localvpc.core.ops.EndpointConnectionEvent;
import io.localvpc.core.ops.EndpointConnectionEvents;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.Tx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * The EC2 Query protocol end to end: form parameters in, XML out. Takes the caller's account and region
 * from the credential scope, decodes the parameters against the model, runs the operation (a snapshot read, or one transaction
 * with DryRun and ClientToken applied), and encodes the result or AWS's error document.
 */
public final class Ec2Api {
    private static final System.Logger LOG = System.getLogger("localvpc.api");

    private final ServiceModel model;
    private final OperationRegistry registry;
    private final Store store;
    private final String defaultAccount;
    private final String defaultRegion;
    private final ClientTokens clientTokens = new ClientTokens();
    private volatile EndpointConnectionEvents connectionEvents = EndpointConnectionEvents.NONE;

    public Ec2Api(Store store, String defaultAccount, String defaultRegion) {
        this(store, defaultAccount, defaultRegion, io.localvpc.core.flowlogs.FlowLogDestinations.NONE);
    }

    /** With the place flow logs deliver to, which CreateFlowLogs checks (the embedded S3's buckets). */
    public Ec2Api(Store store, String defaultAccount, String defaultRegion, io.localvpc.core.flowlogs.FlowLogDestinations flowLogDestinations) {
        this(store, Ec2Families.registry(Ec2Model.get(), flowLogDestinations), defaultAccount, defaultRegion);
    }

    /** With a registry of the caller's choosing (tests of the dispatcher itself). */
    Ec2Api(Store store, OperationRegistry registry, String defaultAccount, String defaultRegion) {
        this.model = Ec2Model.get();
        this.registry = registry;
        this.store = store;
        this.defaultAccount = defaultAccount;
        this.defaultRegion = defaultRegion;
    }

    /** Where endpoint connection events go once the transaction that caused them committed. */
    public Ec2Api connectionEvents(EndpointConnectionEvents events) {
        this.connectionEvents = events;
        return this;
    }

    public OperationRegistry registry() {
        return registry;
    }

    /** Whether the action changes state (a write), as opposed to reading it. */
    public boolean changesState(String action) {
        return action != null && registry.find(action).map(op -> op instanceof Operation.Write).orElse(false);
    }

    /**
     * Answers one EC2 request: {@code params} are the form's, {@code scope} the SigV4 credential scope and
     * {@code principal} who signed it (both null when unsigned: the default account and region).
     */
    public ApiReply handle(Map<String, String> params, SigV4Scope scope, IamPrincipal principal, String requestId) {
        long started = System.nanoTime();
        String action = params.getOrDefault("Action", "?");
        try {
            if (!params.containsKey("Action")) {
                throw new AwsException("MissingAction", "The request must contain the parameter Action. localvpc serves the EC2 Query API: "
                        + "POST / with a form body such as Action=DescribeVpcs&Version=2016-11-15.");
            }
            Operation op = registry.find(action).orElseThrow(() -> new AwsException("InvalidAction",
                    "The action " + params.get("Action") + " is not valid for this web service (localvpc does not serve it; see the README's table of supported operations)."));
            String region = scope == null ? defaultRegion : scope.region();
            Regions.require(region);
            Scope where = new Scope(principal == null ? defaultAccount : principal.account(), region);
            ServiceModel.Operation shapes = model.operation(action).orElseThrow();
            ObjectNode decoded = QueryDecoder.decode(shapes.input(), params);
            Ec2Request in = new Ec2Request(action, where, requestId, shapes.input(), decoded, store::view)
                    .across(store, principal == null ? null : principal.principalArn());
            String xml = run(op, in, result -> XmlEncoder.encode(in.action(), model.xmlNamespace(), shapes.output(), result, requestId));
            log(op instanceof Operation.Write ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                    action, where.key(), "ok", started, requestId);
            return ApiReply.xml(200, xml, requestId);
        } catch (AwsException e) {
            log(System.Logger.Level.INFO, action, "", e.code() + ": " + e.getMessage(), started, requestId);
            return error(e, requestId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, action + " failed inside localvpc (request " + requestId + ")", e);
            return ApiReply.xml(500, XmlEncoder.error("InternalError",
                    "localvpc could not complete " + action + " because of an internal error (request " + requestId + "); nothing was changed. Details are in the server log.", requestId), requestId);
        }
    }

    /** EC2's error document for a refused request. */
    public static ApiReply error(AwsException e, String requestId) {
        return ApiReply.xml(e.httpStatus(), XmlEncoder.error(e.code(), e.getMessage(), requestId), requestId);
    }

    /**
     * Runs the operation and encodes its answer. A write's answer is encoded inside its transaction, before the
     * commit: if encoding fails the change is discarded, so the error reply's "nothing was changed" stays true.
     */
    private String run(Operation op, Ec2Request in, Function<ObjectNode, String> encode) {
        UnbuiltFeatures.check(in);
        boolean dryRun = in.bool("DryRun", false);
        if (op instanceof Operation.Read read) {
            ObjectNode out = read.handler().handle(in, store.view(in.scope()));
            if (dryRun) throw dryRunSucceeded();
            return encode.apply(out);
        }
        Operation.WriteHandler handler = ((Operation.Write) op).handler().prepared(in);
        if (dryRun) {
            in.rehearsing();
            store.rehearse(in.scope(), tx -> handler.handle(in, tx));
            throw dryRunSucceeded();
        }
        String xml = store.write(in.scope(), tx -> encode.apply(withClientToken(in, tx, handler)));
        for (EndpointConnectionEvent e : in.connectionEvents()) {
            try {
                connectionEvents.happened(e);
            } catch (RuntimeException failure) {
                LOG.log(System.Logger.Level.ERROR, "recording endpoint connection event " + e.event() + " of " + e.vpcEndpointId() + " failed; the change stands", failure);
            }
        }
        return xml;
    }

    /**
     * Same ClientToken and parameters → the first answer again; same token, other parameters → AWS's mismatch error.
     * Tokens expire as on AWS; every write gives the scope's expired tokens a chance to be swept.
     */
    private ObjectNode withClientToken(Ec2Request in, Tx tx, Operation.WriteHandler handler) {
        clientTokens.sweepIfDue(tx);
        String token = in.string("ClientToken");
        if (token == null || token.isEmpty()) return handler.handle(in, tx);
        String id = IdempotencyRecord.idFor(in.action(), token);
        String digest = digest(in.params());
        var previous = clientTokens.find(tx, id);
        if (previous.isPresent()) {
            if (!previous.get().parametersDigest().equals(digest)) {
                throw new AwsException("IdempotentParameterMismatch", "The client token '" + token
                        + "' was already used for a " + in.action() + " request with different parameters. Use a new token for a different request.");
            }
            try {
                return (ObjectNode) ResourceCodec.mapper().readTree(previous.get().resultJson());
            } catch (Exception e) {
                throw new IllegalStateException("stored result for client token " + token + " is unreadable", e);
            }
        }
        ObjectNode out = handler.handle(in, tx);
        clientTokens.remember(tx, id, digest, out == null ? "{}" : out.toString());
        return out;
    }

    private static String digest(ObjectNode params) {
        ObjectNode copy = params.deepCopy();
        copy.remove("DryRun");
        copy.remove("ClientToken");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(copy.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsException dryRunSucceeded() {
        return new AwsException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    }

    private static void log(System.Logger.Level level, String action, String scope, String outcome, long started, String requestId) {
        if (!LOG.isLoggable(level)) return;
        LOG.log(level, String.format("%s %s %s (%.1f ms, request %s)", action, scope, outcome, (System.nanoTime() - started) / 1e6, requestId));
    }
}
