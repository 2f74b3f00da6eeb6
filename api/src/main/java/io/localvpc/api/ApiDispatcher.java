package io.localvpc.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService;
import io.localvpc.api.ec2.Ec2Api;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.AwsException;
import io.localvpc.core.identity.IamPrincipal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The one API port: each request goes to the service its SigV4 credential scope names (EC2, ELBv2, STS or IAM), as
 * AWS's endpoints are chosen by host name. An unsigned request is EC2's unless its {@code Version} is
 * another served service's. Whatever goes wrong, the answer is the protocol's error document with a request id.
 */
public final class ApiDispatcher {
    private static final Map<String, String> SERVICE_BY_VERSION = Map.of("2011-06-15", "sts", "2010-05-08", "iam",
            "2015-12-01", "elasticloadbalancing");

    private final Ec2Api ec2;
    private final Map<String, QueryProtocolService> queryServices;
    private final CallerDirectory callers;
    private final String defaultAccount;
    private final ApiCallListener listener;
    private final ApiSignatures signatures;

    public ApiDispatcher(Ec2Api ec2, CallerDirectory callers, String defaultAccount, QueryProtocolService... queryServices) {
        this(ec2, callers, defaultAccount, ApiCallListener.NONE, queryServices);
    }

    public ApiDispatcher(Ec2Api ec2, CallerDirectory callers, String defaultAccount, ApiCallListener listener, QueryProtocolService... queryServices) {
        this(ec2, callers, defaultAccount, listener, null, queryServices);
    }

    /** @param verifier checks every call's SigV4 signature ({@code --verify-signatures}), or null to read only the key */
    public ApiDispatcher(Ec2Api ec2, CallerDirectory callers, String defaultAccount, ApiCallListener listener,
                         io.localvpc.core.sigv4.SigV4Verifier verifier, QueryProtocolService... queryServices) {
        this.signatures = verifier == null ? null : new ApiSignatures(verifier);
        this.listener = listener;
        this.ec2 = ec2;
        this.callers = callers;
        this.defaultAccount = defaultAccount;
        Map<String, QueryProtocolService> byName = new HashMap<>();
        for (QueryProtocolService s : queryServices) byName.put(s.serviceName(), s);
        this.queryServices = Map.copyOf(byName);
    }

    public Ec2Api ec2() {
        return ec2;
    }

    public ApiReply handle(ApiCall call) {
        long started = System.nanoTime();
        String[] labels = {"unknown", "unknown"}; // service, operation: filled in as far as the call gets
        ApiReply reply = answer(call, labels);
        listener.answered(labels[0], labels[1], reply.status(), System.nanoTime() - started);
        return reply;
    }

    private ApiReply answer(ApiCall call, String[] labels) {
        String requestId = RequestIds.next();
        String target = call.header("x-amz-target");
        if (target != null) return jsonProtocolRefused(target, requestId);
        Map<String, String> params;
        SigV4Scope scope;
        try {
            params = FormBody.parameters(call);
            scope = SigV4Scope.of(call, params);
        } catch (AwsException e) {
            return Ec2Api.error(e, requestId);
        }
        String version = params.get("Version");
        String service = scope != null ? scope.service() : version == null ? "ec2" : SERVICE_BY_VERSION.getOrDefault(version, "ec2");
        QueryProtocolService query = queryServices.get(service);
        String action = params.get("Action");
        if (service.equals("ec2")) {
            labels[0] = service;
            if (action != null && ec2.registry().find(action).isPresent()) labels[1] = action;
        } else if (query != null) {
            labels[0] = service;
            if (action != null && query.serves(action)) labels[1] = action;
        }
        AwsException badSignature = signatures == null ? null : signatures.refusal(call, service);
        if (badSignature != null) return query != null ? query.error(badSignature, requestId) : Ec2Api.error(badSignature, requestId);
        IamPrincipal principal;
        try {
            principal = scope == null ? null : callers.resolve(scope, defaultAccount);
        } catch (AwsException refusedKey) {
            return query != null ? query.error(refusedKey, requestId) : Ec2Api.error(refusedKey, requestId);
        }
        if (service.equals("ec2")) {
            if (call.method().equals("GET") && call.header("authorization") == null && ec2.changesState(params.get("Action"))) {
                // An <img> or a link on any web page can send such a GET to 127.0.0.1; AWS's clients sign in a header and POST.
                return Ec2Api.error(new AwsException("MissingAuthenticationToken", "localvpc does not change state for an unsigned GET ("
                        + params.get("Action") + "): a web page can send one. Send the call as a POST, or sign it with SigV4 (any credentials).", 403), requestId);
            }
            return ec2.handle(params, scope, principal, requestId);
        }
        if (query != null) return query.handle(params, principal, scope == null ? null : scope.region(), requestId);
        return Ec2Api.error(new AwsException("InvalidAction", "This request was signed for the AWS service '" + service
                + "', but localvpc serves only EC2, Elastic Load Balancing v2, STS and IAM at this address. Point only those clients here (other services are reached"
                + " through localvpc's data plane: ./localvpc exec …)."), requestId);
    }

    /** A JSON-protocol request (X-Amz-Target) is for a service not served here; answered in that protocol's error form. */
    private static ApiReply jsonProtocolRefused(String target, String requestId) {
        ObjectNode err = Json.object();
        err.put("__type", "UnknownOperationException");
        err.put("message", "localvpc serves the EC2, ELBv2, STS and IAM Query APIs at this address; this JSON request (X-Amz-Target: " + target
                + ") is for another service. Point only those clients here.");
        return new ApiReply(400, "application/x-amz-json-1.1", err.toString().getBytes(StandardCharsets.UTF_8), requestId);
    }
}
