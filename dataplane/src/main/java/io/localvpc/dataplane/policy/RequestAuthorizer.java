package io.localvpc.dataplane.policy;

import io.localvpc.core.iam.Authorizer;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.iam.RequestContext;
import io.localvpc.core.model.BucketPolicy;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.classify.Principal;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.vpc.ScopeLocator;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides one permission of one request as AWS would: the endpoint policy of the endpoint the request came
 * through, the S3 bucket policy, and the caller's identity policies, with the condition keys AWS sets —
 * the VPC keys ({@code aws:SourceVpce}, {@code aws:SourceVpc}, {@code aws:SourceVpcArn},
 * {@code aws:VpcSourceIp}, {@code aws:VpceAccount}) only when the request arrived through an endpoint.
 */
public final class RequestAuthorizer {
    /** What an account's root user may do by itself: everything (it has no identity policies to consult). */
    private static final PolicyDocument ROOT = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", PolicyKind.IDENTITY);

    private final Store store;
    private final ScopeLocator locator;
    private final IdentityPolicySource identities;
    private final PolicyCache cache = new PolicyCache();
    private final Clock clock;

    public RequestAuthorizer(Store store, ScopeLocator locator, IdentityPolicySource identities) {
        this.store = store;
        this.locator = locator;
        this.identities = identities;
        this.clock = store.clock();
    }

    /**
     * The decision for {@code action} on {@code resource} by {@code principal}, arriving from {@code origin}
     * (null for a client that reached the endpoint listener directly).
     */
    public Authorizer.Authorization authorize(Principal principal, String action, String resource, Map<String, List<String>> serviceKeys,
                                              FlowOrigin origin, String resourceAccount) {
        RequestContext.Builder ctx = RequestContext.builder().action(action).resource(resource);
        if (principal == null || principal.type() == Principal.Type.ANONYMOUS) ctx.anonymous();
        else ctx.principal(principal.arn());
        Map<String, List<String>> keys = new HashMap<>(serviceKeys);
        TimeKeys time = timeKeys(clock.instant());
        PrincipalKeys.put(keys, principal);
        keys.put("aws:SecureTransport", SECURE);
        keys.put("aws:CurrentTime", time.currentTime());
        keys.put("aws:EpochTime", time.epochTime());
        if (origin != null) {
            keys.put("aws:RequestedRegion", List.of(origin.region()));
            if (origin.throughEndpoint()) {
                keys.put("aws:SourceVpce", List.of(origin.endpointId()));
                keys.put("aws:SourceVpc", List.of(origin.vpcId()));
                keys.put("aws:SourceVpcArn", List.of("arn:aws:ec2:" + origin.region() + ":" + origin.account() + ":vpc/" + origin.vpcId()));
                keys.put("aws:VpcSourceIp", List.of(origin.sourceIp()));
                keys.put("aws:VpceAccount", List.of(origin.account()));
            }
        }
        ctx.keys(keys);
        Authorizer a = Authorizer.request(ctx.build());
        if (origin != null && origin.throughEndpoint()) {
            endpointPolicy(origin).ifPresent(p -> a.endpointPolicy(origin.endpointId(), p));
        }
        bucketOf(resource).flatMap(this::bucketPolicy).ifPresent(p -> a.resourcePolicy(p.bucket, p.document));
        if (principal != null && principal.type() != Principal.Type.ANONYMOUS) {
            Map<String, PolicyDocument> policies = identities.policiesOf(principal);
            if (policies != null) {
                policies.forEach(a::identityPolicy);
                String sessionPolicy = principal.identity() == null || principal.identity().session() == null ? null
                        : principal.identity().session().sessionPolicy();
                if (sessionPolicy != null) a.sessionPolicy("of session " + principal.arn(), cache.get(sessionPolicy, PolicyKind.INLINE));
            } else if (principal.type() == Principal.Type.ROOT) {
                a.identityPolicy("account root", ROOT);
            }
        }
        a.resourceAccount(resourceAccount);
        return a.decide();
    }

    private static final List<String> SECURE = List.of("true");

    /** {@code aws:CurrentTime} and {@code aws:EpochTime} of one second, written once for all the requests in it. */
    private record TimeKeys(long second, List<String> currentTime, List<String> epochTime) {
    }

    private volatile TimeKeys time = new TimeKeys(Long.MIN_VALUE, List.of(), List.of());

    private TimeKeys timeKeys(Instant now) {
        TimeKeys t = time;
        long second = now.getEpochSecond();
        if (t.second() == second) return t;
        t = new TimeKeys(second, List.of(Instant.ofEpochSecond(second).toString()), List.of(String.valueOf(second)));
        time = t;
        return t;
    }

    /** The action no policy names: a statement allows it only by allowing every action ({@code "Action": "*"}). */
    private static final String UNNAMED_ACTION = "localvpc-unclassified:UnnamedAction";

    /**
     * The endpoint policy a request that localvpc cannot name an action for would cross, when it is not full access:
     * such a request is refused there, as AWS refuses an action the policy does not allow (and a policy that denies
     * anything might deny it). Empty when the request came through no endpoint, or through one whose policy allows
     * every action on every resource to everyone and denies nothing (the default policy).
     */
    public Optional<String> restrictiveEndpointPolicy(FlowOrigin origin) {
        if (origin == null || !origin.throughEndpoint()) return Optional.empty();
        Optional<PolicyDocument> policy = endpointPolicy(origin);
        if (policy.isEmpty()) return Optional.empty();
        for (io.localvpc.core.iam.Statement st : policy.get().statements()) {
            if (st.effect() == io.localvpc.core.iam.Effect.DENY) return Optional.of(origin.endpointId());
        }
        RequestContext anything = RequestContext.builder().action(UNNAMED_ACTION).resource("*").anonymous().build();
        return policy.get().evaluate(anything).allowed() ? Optional.empty() : Optional.of(origin.endpointId());
    }

    private Optional<PolicyDocument> endpointPolicy(FlowOrigin origin) {
        Scope scope = new Scope(origin.account(), origin.region());
        return store.view(scope).find(VpcEndpoint.class, origin.endpointId())
                .map(VpcEndpoint::policyDocument)
                .filter(text -> text != null && !text.isBlank())
                .map(text -> cache.get(text, PolicyKind.ENDPOINT));
    }

    private record NamedPolicy(String bucket, PolicyDocument document) {
    }

    private Optional<NamedPolicy> bucketPolicy(String bucket) {
        String id = BucketPolicy.idFor(bucket);
        return locator.scopeOf(id).flatMap(s -> store.view(s).find(BucketPolicy.class, id))
                .map(p -> new NamedPolicy("bucket policy of " + bucket, cache.get(p.policy(), PolicyKind.RESOURCE)));
    }

    /** The bucket an S3 ARN names ({@code arn:aws:s3:::bucket} or {@code arn:aws:s3:::bucket/key}). */
    static Optional<String> bucketOf(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:s3:::")) return Optional.empty();
        String rest = arn.substring("arn:aws:s3:::".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        return bucket.isEmpty() || bucket.equals("*") ? Optional.empty() : Optional.of(bucket);
    }
}
