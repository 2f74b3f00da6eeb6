package io.localvpc.dataplane.policy;

import io.localvpc.core.iam.Authorizer;
import io.localvpc.core.iam.Decision;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.dataplane.classify.ClassifiedRequest;
import io.localvpc.dataplane.classify.Classification;
import io.localvpc.dataplane.classify.InvalidRequest;
import io.localvpc.dataplane.classify.RequestBody;
import io.localvpc.dataplane.classify.RequestClassifier;
import io.localvpc.dataplane.classify.RequiredPermission;
import io.localvpc.dataplane.classify.Unclassifiable;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.tls.RequestGuard;
import io.localvpc.dataplane.tls.RequestHead;
import io.localvpc.dataplane.tls.ServiceErrors;
import io.localvpc.dataplane.tls.RequestVerdict;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every request that reaches a service through localvpc is decided here, as AWS would decide it: it is
 * classified (service, action, resources, principal), then each permission it needs is authorized against
 * the endpoint policy, the bucket policy and the caller's identity policies. A refusal is answered in the
 * service's own error format with AWS's wording, and logged with the statement that decided it.
 */
public final class PolicyGuard implements RequestGuard {
    private static final System.Logger LOG = System.getLogger("localvpc.policy");

    private final RequestClassifier classifier;
    private final RequestAuthorizer authorizer;
    private final BucketPolicies bucketPolicies;
    private final String defaultAccount;
    private final PolicyDecisionListener listener;
    private final EndpointSignatures signatures;

    public PolicyGuard(RequestClassifier classifier, RequestAuthorizer authorizer, BucketPolicies bucketPolicies, String defaultAccount) {
        this(classifier, authorizer, bucketPolicies, defaultAccount, PolicyDecisionListener.NONE);
    }

    public PolicyGuard(RequestClassifier classifier, RequestAuthorizer authorizer, BucketPolicies bucketPolicies, String defaultAccount,
                       PolicyDecisionListener listener) {
        this(classifier, authorizer, bucketPolicies, defaultAccount, listener, null);
    }

    /** @param signatures checks signatures before anything else ({@code --verify-signatures}), or null */
    public PolicyGuard(RequestClassifier classifier, RequestAuthorizer authorizer, BucketPolicies bucketPolicies, String defaultAccount,
                       PolicyDecisionListener listener, EndpointSignatures signatures) {
        this.signatures = signatures;
        this.listener = listener;
        this.classifier = classifier;
        this.authorizer = authorizer;
        this.bucketPolicies = bucketPolicies;
        this.defaultAccount = defaultAccount;
    }

    @Override
    public RequestVerdict inspect(RequestHead head) {
        java.util.concurrent.CompletableFuture<?> notYet = classifier.waitBeforeClassifying(head);
        if (notYet != null) return new RequestVerdict.Later(notYet.handle((done, failed) -> inspect(head)));
        int wanted = classifier.bodyBytesWanted(head);
        if (wanted <= 0) return decide(head, RequestBody.absent(), hasNoBody(head) ? new byte[0] : null);
        return new RequestVerdict.Inspect(wanted, body -> body.length < wanted ? decide(head, RequestBody.complete(body), body)
                : decide(head, RequestBody.prefix(body), null));
    }

    private static boolean hasNoBody(RequestHead head) {
        String length = head.headers().get(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH);
        return (length == null || length.equals("0")) && !head.headers().contains(io.netty.handler.codec.http.HttpHeaderNames.TRANSFER_ENCODING);
    }

    /** @param wholeBody the whole body when it is known (for the signature's payload hash), else null */
    private RequestVerdict decide(RequestHead head, RequestBody body, byte[] wholeBody) {
        RequestVerdict.Refuse badSignature = signatures == null ? null : signatures.refusal(head, wholeBody);
        if (badSignature != null) return badSignature;
        FlowOrigin origin = head.origin();
        String resourceAccount = origin != null ? origin.account() : defaultAccount;
        Classification c;
        try {
            c = classifier.classify(head, body, resourceAccount);
        } catch (io.localvpc.core.AwsException refused) {
            // The key's credentials are known and refused (an expired session, an inactive key): the service's own answer.
            String protocol = protocolOf(head, io.localvpc.dataplane.route.AwsHost.parse(head.host()).service());
            if (protocol.equals("s3")) return s3CredentialsError(refused);
            return ServiceErrors.error(protocol, HttpResponseStatus.valueOf(refused.httpStatus()), refused.code(), refused.getMessage());
        }
        if (c instanceof InvalidRequest invalid) {
            return ServiceErrors.error(protocolOf(head, invalid.service()), HttpResponseStatus.BAD_REQUEST, invalid.code(), invalid.message());
        }
        if (c instanceof Unclassifiable u) {
            if ("s3".equals(u.service()) && !HttpMethod.OPTIONS.equals(head.method())) {
                // The embedded S3 would serve it as some operation (it ignores what it does not know): one that no
                // policy was asked about. A CORS preflight reads nothing and is answered without authorization.
                LOG.log(System.Logger.Level.INFO, head.method() + " " + head.host() + head.uri() + " refused: " + u.reason());
                return ServiceErrors.error(ServiceErrors.S3, HttpResponseStatus.BAD_REQUEST, "InvalidRequest", "localvpc cannot tell"
                        + " which S3 operation this request is (" + u.reason() + "), so no policy can be asked about it.");
            }
            // Not a request localvpc can name an action for, of a service it does not play itself. Under an endpoint policy
            // that is not full access it is refused, as AWS refuses an action the policy does not allow; else forwarded.
            listener.unclassified(u.service() == null ? "unknown" : u.service());
            java.util.Optional<String> restrictive = authorizer.restrictiveEndpointPolicy(origin);
            if (restrictive.isPresent()) {
                String message = "localvpc cannot tell which " + (u.service() == null ? "AWS" : u.service()) + " action this request is ("
                        + u.reason() + "), and the VPC endpoint policy of " + restrictive.get()
                        + " is not full access, so it is refused as an action no VPC endpoint policy allows";
                LOG.log(System.Logger.Level.INFO, "denied unclassified " + head.method() + " " + head.host() + head.uri() + via(origin) + ": " + message);
                return ServiceErrors.accessDenied(protocolOf(head, u.service()), message);
            }
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, head.method() + " " + head.host() + head.uri() + " not classified (" + u.reason() + "); forwarded unchecked");
            }
            return RequestVerdict.allow();
        }
        ClassifiedRequest r = (ClassifiedRequest) c;
        for (RequiredPermission p : r.permissions()) {
            java.util.Map<String, java.util.List<String>> keys = new java.util.HashMap<>(r.conditionKeys());
            keys.putAll(p.conditionKeys());
            for (String resource : p.resourceArns()) {
                Authorizer.Authorization decision = authorizer.authorize(r.principal(), p.action(), resource, keys, origin, resourceAccount);
                listener.decided(r.service(), decision.decision(), decision.deciding() == null ? null : decision.deciding().kind());
                if (!decision.allowed()) {
                    String message = denialMessage(r, p.action(), resource, decision);
                    LOG.log(System.Logger.Level.INFO, "denied " + p.action() + " on " + resource + " for " + who(r) + via(origin) + ": "
                            + decision.reason() + " (deciding: " + decision.deciding() + ")");
                    return ServiceErrors.accessDenied(protocolOf(head, r.service()), message);
                }
                if (LOG.isLoggable(System.Logger.Level.DEBUG)) { // the sentence costs more than the decision
                    LOG.log(System.Logger.Level.DEBUG, "allowed " + p.action() + " on " + resource + " for " + who(r) + via(origin)
                            + " (deciding: " + decision.deciding() + ")");
                }
            }
        }
        if (r.service().equals("s3")) {
            RequestVerdict served = bucketPolicies.serve(r, origin);
            if (served != null) return served;
        }
        return RequestVerdict.allow();
    }

    /** S3 words refused credentials its own way: {@code ExpiredToken} (400) and {@code InvalidAccessKeyId} (403). */
    private static RequestVerdict s3CredentialsError(io.localvpc.core.AwsException refused) {
        if (refused.code().equals("ExpiredToken")) {
            return ServiceErrors.error(ServiceErrors.S3, HttpResponseStatus.BAD_REQUEST, "ExpiredToken", "The provided token has expired.");
        }
        return ServiceErrors.error(ServiceErrors.S3, HttpResponseStatus.FORBIDDEN, "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.");
    }

    /** AWS's wording: who, what, on which resource, and which kind of policy refused it and how. */
    static String denialMessage(ClassifiedRequest r, String action, String resource, Authorizer.Authorization decision) {
        String quoted = r.service().equals("s3") ? "\"" + resource + "\"" : resource;
        boolean anonymous = "anonymous".equals(who(r));
        PolicyKind kind = decision.deciding() != null ? decision.deciding().kind() : anonymous ? PolicyKind.RESOURCE : PolicyKind.IDENTITY;
        String policy = switch (kind) {
            case ENDPOINT -> "VPC endpoint policy";
            case RESOURCE, TRUST -> "resource-based policy";
            case IDENTITY, INLINE -> "identity-based policy";
            case SESSION -> "session policy";
        };
        String because = decision.decision() == Decision.EXPLICIT_DENY
                ? "with an explicit deny in a " + policy
                : "because no " + policy + " allows the " + action + " action";
        return "User: " + who(r) + " is not authorized to perform: " + action + " on resource: " + quoted + " " + because;
    }

    private static String who(ClassifiedRequest r) {
        return r.principal() == null || r.principal().arn() == null || r.principal().arn().equals("*") ? "anonymous" : r.principal().arn();
    }

    private static String via(FlowOrigin origin) {
        return origin == null ? "" : " from " + origin.sourceEniId() + " via " + origin.viaId();
    }

    /** Which error format the client expects: S3's, the JSON protocols' (X-Amz-Target), or the Query protocol's. */
    private static String protocolOf(RequestHead head, String service) {
        if ("s3".equals(service)) return "s3";
        return RequestClassifier.answersInJson(head, service) ? "json" : "query";
    }
}
