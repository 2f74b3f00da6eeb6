package io.localvpc.core.iam;

import java.util.ArrayList;
import java.util.List;

/**
 * Combines the policy types that apply to one request, by AWS's documented rules, reduced to the three
 * types localvpc has:
 * <ol>
 *   <li>An explicit Deny in any policy denies the request.</li>
 *   <li>If the request came through a VPC endpoint, its endpoint policy must allow it (it grants nothing by itself).</li>
 *   <li>Same account (or no resource account given): an Allow in an identity-based policy OR in the
 *       resource-based policy suffices.</li>
 *   <li>Cross-account (the resource's account differs from the principal's): both the identity-based
 *       policy of the caller AND the resource-based policy must allow.</li>
 *   <li>Service principals and anonymous callers have no identity-based policies: only the resource-based policy can allow.</li>
 * </ol>
 * A role session's session policy limits what its identity-based policies allow (the permissions are their
 * intersection, and an explicit deny in it denies); an Allow in a resource-based policy is not limited by it (as
 * AWS has it for a policy naming the session itself).
 * Not modelled: SCPs/RCPs and permissions boundaries. Also simplified: on AWS a
 * resource policy that names only the account (its root) still needs the caller's identity policy to allow
 * within that account; here any resource-policy Allow counts for a same-account caller.
 */
public final class Authorizer {
    /** One policy's evaluation, with what it was and the caller's name for it (for a trace). */
    public record Verdict(PolicyKind kind, String name, Evaluation evaluation) {
        @Override
        public String toString() {
            return kind + " policy " + name + ": " + evaluation;
        }
    }

    /** The combined decision, the verdict that decided it (null when nothing allowed), and why. */
    public record Authorization(Decision decision, Verdict deciding, String reason, List<Verdict> evaluated) {
        public boolean allowed() {
            return decision == Decision.ALLOW;
        }
    }

    private final RequestContext ctx;
    private final List<Verdict> identity = new ArrayList<>();
    private final List<Verdict> resource = new ArrayList<>();
    private Verdict endpoint;
    private Verdict session;
    private String resourceAccount;

    private Authorizer(RequestContext ctx) {
        this.ctx = ctx;
    }

    public static Authorizer request(RequestContext ctx) {
        return new Authorizer(ctx);
    }

    /** A policy attached to the calling principal (user, its groups, or role). */
    public Authorizer identityPolicy(String name, PolicyDocument policy) {
        identity.add(new Verdict(PolicyKind.IDENTITY, name, policy.evaluate(ctx)));
        return this;
    }

    /** The policy attached to the resource (e.g. the bucket policy). */
    public Authorizer resourcePolicy(String name, PolicyDocument policy) {
        resource.add(new Verdict(PolicyKind.RESOURCE, name, policy.evaluate(ctx)));
        return this;
    }

    /** The policy of the VPC endpoint the request came through; omit when it did not come through one. */
    public Authorizer endpointPolicy(String name, PolicyDocument policy) {
        endpoint = new Verdict(PolicyKind.ENDPOINT, name, policy.evaluate(ctx));
        return this;
    }

    /** The session policy of the role session that signed the request; omit when there is none. */
    public Authorizer sessionPolicy(String name, PolicyDocument policy) {
        session = new Verdict(PolicyKind.SESSION, name, policy.evaluate(ctx));
        return this;
    }

    /** The account that owns the resource; when it differs from the principal's, the request is cross-account. */
    public Authorizer resourceAccount(String account) {
        this.resourceAccount = account;
        return this;
    }

    public Authorization decide() {
        List<Verdict> all = new ArrayList<>();
        if (endpoint != null) all.add(endpoint);
        all.addAll(identity);
        if (session != null) all.add(session);
        all.addAll(resource);
        for (Verdict v : all) {
            if (v.evaluation().decision() == Decision.EXPLICIT_DENY) {
                return new Authorization(Decision.EXPLICIT_DENY, v, "explicit deny in " + v, List.copyOf(all));
            }
        }
        if (endpoint != null && !endpoint.evaluation().allowed()) {
            return new Authorization(Decision.IMPLICIT_DENY, endpoint,
                    "no statement in the VPC endpoint policy " + endpoint.name() + " allows " + ctx.action(), List.copyOf(all));
        }
        Verdict byIdentity = firstAllow(identity);
        Verdict byResource = firstAllow(resource);
        Verdict sessionRefused = null;
        if (byIdentity != null && session != null && !session.evaluation().allowed()) {
            sessionRefused = session; // the session's permissions are the intersection of its role's and its session policy's
            byIdentity = null;
        }
        boolean hasIdentity = ctx.principalType() == RequestContext.PrincipalType.AWS;
        boolean crossAccount = hasIdentity && resourceAccount != null && !resourceAccount.equals(ctx.principalAccount());
        if (!hasIdentity || crossAccount) {
            if (byResource == null) {
                return implicit(all, "no resource-based policy allows " + ctx.action() + " for " + describePrincipal()
                        + (crossAccount ? " (cross-account requests need the resource-based policy to allow)" : ""));
            }
            if (crossAccount && byIdentity == null) {
                if (sessionRefused != null) return sessionDenied(all, sessionRefused);
                return implicit(all, "no identity-based policy allows " + ctx.action()
                        + " (cross-account requests need an identity-based policy to allow too)");
            }
            return new Authorization(Decision.ALLOW, byResource, "allowed by " + byResource, List.copyOf(all));
        }
        Verdict allow = byIdentity != null ? byIdentity : byResource;
        if (allow == null && sessionRefused != null) return sessionDenied(all, sessionRefused);
        if (allow == null) return implicit(all, "no identity-based or resource-based policy allows " + ctx.action());
        return new Authorization(Decision.ALLOW, allow, "allowed by " + allow, List.copyOf(all));
    }

    private String describePrincipal() {
        return ctx.principal() == null ? "anonymous callers" : ctx.principal();
    }

    private Authorization sessionDenied(List<Verdict> all, Verdict session) {
        return new Authorization(Decision.IMPLICIT_DENY, session, "the role's policies allow " + ctx.action() + " but no statement in the "
                + session + " does", List.copyOf(all));
    }

    private static Authorization implicit(List<Verdict> all, String reason) {
        return new Authorization(Decision.IMPLICIT_DENY, null, reason, List.copyOf(all));
    }

    private static Verdict firstAllow(List<Verdict> list) {
        for (Verdict v : list) {
            if (v.evaluation().allowed()) return v;
        }
        return null;
    }
}
