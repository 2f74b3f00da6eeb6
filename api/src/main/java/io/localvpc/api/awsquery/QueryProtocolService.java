package io.localvpc.api.awsquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ApiReply;
import io.localvpc.api.wire.QueryDecoder;
import io.localvpc.api.wire.ServiceModel;
import io.localvpc.api.wire.XmlEncoder;
import io.localvpc.core.AwsException;
import io.localvpc.core.identity.IamPrincipal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service on AWS's Query protocol (IAM, STS): the form's {@code Action} picks a handler, its parameters
 * are decoded against the service's model, and the result or error is written as that protocol's XML.
 */
public final class QueryProtocolService {
    private static final System.Logger LOG = System.getLogger("localvpc.api");

    /** One action of the service. */
    @FunctionalInterface
    public interface Handler {
        /** The output shape's members by model name, or null for an empty result. */
        ObjectNode handle(QueryRequest in);
    }

    /**
     * A decoded request: its action, parameters by model member name, who signed it, and the region of its SigV4
     * scope (null when the caller did not say: regional services then use localvpc's default region).
     */
    public record QueryRequest(String action, ObjectNode params, IamPrincipal caller, String requestId, String region) {
        public QueryRequest(String action, ObjectNode params, IamPrincipal caller, String requestId) {
            this(action, params, caller, requestId, null);
        }

        public String string(String member) {
            return params.hasNonNull(member) ? params.get(member).asText() : null;
        }

        public Integer integer(String member) {
            return params.hasNonNull(member) ? params.get(member).intValue() : null;
        }

        /** A list of scalars (empty when absent). */
        public List<String> strings(String member) {
            List<String> out = new ArrayList<>();
            params.path(member).forEach(v -> out.add(v.asText()));
            return out;
        }

        /** A nested value, or a missing node. */
        public JsonNode node(String member) {
            return params.path(member);
        }
    }

    private final String serviceName;
    private final ServiceModel model;
    private final Map<String, Handler> handlers;

    public QueryProtocolService(String serviceName, ServiceModel model, Map<String, Handler> handlers) {
        this.serviceName = serviceName;
        this.model = model;
        this.handlers = Map.copyOf(handlers);
        for (String action : handlers.keySet()) {
            if (model.operation(action).isEmpty()) throw new IllegalStateException(serviceName + " model lacks " + action);
        }
    }

    public String serviceName() {
        return serviceName;
    }

    /** Whether {@code action} is one of the operations served here. */
    public boolean serves(String action) {
        return handlers.containsKey(action);
    }

    /** This protocol's error document for a request refused before it reached an action. */
    public ApiReply error(AwsException e, String requestId) {
        return ApiReply.xml(e.httpStatus(), XmlEncoder.queryError(model.xmlNamespace(), e.httpStatus() < 500, e.code(), e.getMessage(), requestId), requestId);
    }

    /** Answers one request; {@code caller} is null when the request is not signed. */
    public ApiReply handle(Map<String, String> params, IamPrincipal caller, String requestId) {
        return handle(params, caller, null, requestId);
    }

    /** Answers one request signed for {@code region} (null when unsigned or not known). */
    public ApiReply handle(Map<String, String> params, IamPrincipal caller, String region, String requestId) {
        String action = params.getOrDefault("Action", "?");
        try {
            if (!params.containsKey("Action")) {
                throw new AwsException("MissingAction", "The request must contain the parameter Action (" + serviceName + " uses the Query protocol: Action=…&Version="
                        + model.apiVersion() + ").");
            }
            Handler handler = handlers.get(action);
            ServiceModel.Operation op = model.operation(action).orElse(null);
            if (handler == null || op == null) {
                throw new AwsException("InvalidAction", "Could not find operation " + action + " for version " + model.apiVersion()
                        + ". localvpc serves " + serviceName + " " + String.join(", ", handlers.keySet().stream().sorted().toList()) + " at this address.");
            }
            if (caller == null) {
                throw new AwsException("MissingAuthenticationToken", "Request is missing Authentication Token. Sign " + serviceName
                        + " requests with SigV4 (any access key is accepted).", 403);
            }
            ObjectNode in = QueryDecoder.decode(op.input(), params);
            ObjectNode result = handler.handle(new QueryRequest(action, in, caller, requestId, region));
            LOG.log(System.Logger.Level.DEBUG, serviceName + " " + action + " ok (request " + requestId + ")");
            return ApiReply.xml(200, XmlEncoder.encodeQuery(action, model.xmlNamespace(), op.resultWrapper(), op.output(), result, requestId), requestId);
        } catch (AwsException e) {
            LOG.log(System.Logger.Level.INFO, serviceName + " " + action + " " + e.code() + ": " + e.getMessage() + " (request " + requestId + ")");
            return ApiReply.xml(e.httpStatus(), XmlEncoder.queryError(model.xmlNamespace(), e.httpStatus() < 500, e.code(), e.getMessage(), requestId), requestId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, serviceName + " " + action + " failed inside localvpc (request " + requestId + ")", e);
            return ApiReply.xml(500, XmlEncoder.queryError(model.xmlNamespace(), false, "InternalFailure", "localvpc could not complete "
                    + action + " because of an internal error (request " + requestId + "). Details are in the server log.", requestId), requestId);
        }
    }
}
