package io.localvpc.dataplane.classify;

import java.util.List;
import java.util.Set;

/**
 * AWS STS (Query protocol). {@code AssumeRole*} is checked on the role ({@code RoleArn}), with
 * {@code sts:RoleSessionName}, {@code sts:ExternalId} and {@code sts:SourceIdentity}; {@code GetFederationToken} on
 * the federated user it names.
 */
final class Sts {

    static final String SERVICE = "sts";

    private static final Set<String> ACCOUNT_WIDE =
            Set.of("GetCallerIdentity", "GetSessionToken", "DecodeAuthorizationMessage", "GetAccessKeyInfo");

    private Sts() {
    }

    static Classification classify(Context c, String operation, Members m) {
        String action = "sts:" + operation;
        if (ACCOUNT_WIDE.contains(operation)) {
            return c.classified(SERVICE, operation, action, List.of("*"), new ConditionKeys());
        }
        switch (operation) {
            case "AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML" -> {
                String role = m.string("RoleArn");
                if (role == null) {
                    return new Unclassifiable(SERVICE, m.whyMissing(operation, "RoleArn"));
                }
                ConditionKeys keys = new ConditionKeys()
                        .put("sts:RoleSessionName", m.string("RoleSessionName"))
                        .put("sts:ExternalId", m.string("ExternalId"))
                        .put("sts:SourceIdentity", m.string("SourceIdentity"));
                return c.classified(SERVICE, operation, action, List.of(role), keys);
            }
            case "GetFederationToken" -> {
                String name = m.string("Name");
                if (name == null) {
                    return new Unclassifiable(SERVICE, m.whyMissing(operation, "Name"));
                }
                String account = c.principal().accountId() != null ? c.principal().accountId() : c.resourceAccount();
                return c.classified(SERVICE, operation, action,
                        List.of("arn:" + ResourceArns.partition(c.region()) + ":sts::" + account + ":federated-user/" + name),
                        new ConditionKeys());
            }
            default -> {
                return new Unclassifiable(SERVICE, "STS operation " + operation + " is not classified");
            }
        }
    }
}
