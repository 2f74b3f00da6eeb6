package io.localvpc.dataplane.policy;

import io.localvpc.core.identity.IamPrincipal;
import io.localvpc.dataplane.classify.Principal;

import java.util.List;
import java.util.Map;

/**
 * The global condition keys AWS sets from who signed a request: {@code aws:PrincipalArn} (a role session's role),
 * {@code aws:PrincipalAccount}, {@code aws:userid}, {@code aws:PrincipalType}, {@code aws:PrincipalTag/…} (the user's
 * or role's tags, and session tags, which win), and the keys the credentials themselves carry (an instance profile's {@code aws:Ec2InstanceSourceVpc} and
 * {@code aws:Ec2InstanceSourcePrivateIPv4}). An anonymous request has none.
 */
final class PrincipalKeys {
    private PrincipalKeys() {
    }

    static void put(Map<String, List<String>> keys, Principal principal) {
        if (principal == null || principal.type() == Principal.Type.ANONYMOUS) return;
        IamPrincipal identity = principal.identity();
        String principalArn = identity != null && identity.principalArn() != null ? identity.principalArn() : principal.arn();
        keys.put("aws:PrincipalArn", List.of(principalArn));
        keys.put("aws:PrincipalAccount", List.of(principal.accountId()));
        keys.put("aws:PrincipalType", List.of(type(principal.type())));
        String userId = identity != null ? identity.userId() : principal.type() == Principal.Type.ROOT ? principal.accountId() : null;
        if (userId != null) keys.put("aws:userid", List.of(userId));
        if (identity == null) return;
        identity.principalTags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, List.of(v)));
        if (identity.session() != null) identity.session().contextKeys().forEach((k, v) -> keys.put(k, List.of(v)));
    }

    /** {@code aws:PrincipalType} as AWS writes it. */
    private static String type(Principal.Type type) {
        return switch (type) {
            case ROOT -> "Account";
            case USER -> "User";
            case ROLE -> "Role";
            case ASSUMED_ROLE -> "AssumedRole";
            case ANONYMOUS -> "Anonymous";
        };
    }
}
