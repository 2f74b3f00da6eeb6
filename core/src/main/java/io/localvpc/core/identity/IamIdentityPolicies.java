package io.localvpc.core.identity;

import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.state.View;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity-based policies of a principal IAM holds, by name: a user's, or for a role session its role's, inline
 * policies and managed policies (a session policy further limits a session; {@link #sessionPolicy} gives it).
 */
public final class IamIdentityPolicies {
    private IamIdentityPolicies() {
    }

    /** @param iam a view of the principal's account's IAM scope */
    public static Map<String, PolicyDocument> of(View iam, IamPrincipal principal) {
        Map<String, PolicyDocument> out = new LinkedHashMap<>();
        if (principal.isRoleSession()) {
            iam.find(IamRole.class, principal.session().roleId())
                    .ifPresent(r -> collect(iam, "role " + r.name(), r.inlinePolicies(), r.attachedPolicyArns(), out));
            return out;
        }
        String name = principal.userName();
        if (name == null) return out;
        IamUsers.find(iam, name.substring(name.lastIndexOf('/') + 1)).filter(u -> u.arn().equals(principal.arn()))
                .ifPresent(u -> collect(iam, "user " + u.name(), u.inlinePolicies(), u.attachedPolicyArns(), out));
        return out;
    }

    /** The session policy a role session was given, or null. */
    public static PolicyDocument sessionPolicy(IamPrincipal principal) {
        if (principal.session() == null || principal.session().sessionPolicy() == null) return null;
        return PolicyDocument.parse(principal.session().sessionPolicy(), PolicyKind.INLINE);
    }

    private static void collect(View iam, String owner, Map<String, String> inline, List<String> attached, Map<String, PolicyDocument> out) {
        inline.forEach((n, doc) -> out.put("inline policy " + n + " of " + owner, PolicyDocument.parse(doc, PolicyKind.INLINE)));
        for (String arn : attached) {
            IamPolicies.find(iam, arn).ifPresent(p -> out.put("managed policy " + p.name(), PolicyDocument.parse(p.document(), PolicyKind.IDENTITY)));
        }
    }
}
