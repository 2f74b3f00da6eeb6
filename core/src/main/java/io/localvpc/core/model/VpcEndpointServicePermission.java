package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

/**
 * One principal allowed to discover and connect to a provider's endpoint service
 * ({@code ModifyVpcEndpointServicePermissions AddAllowedPrincipals}). The id is AWS's {@code ServicePermissionId},
 * {@code vpce-svc-perm-…}; it lives in the provider's scope next to the service.
 *
 * @param principal     an IAM ARN ({@code arn:aws:iam::<account>:root}, {@code …:user/…}, {@code …:role/…}) or {@code *}
 * @param principalType AWS's {@code PrincipalType}: {@code All}, {@code Account}, {@code User} or {@code Role}
 */
public record VpcEndpointServicePermission(String id, String serviceId, String principal, String principalType) implements Resource {

    /** Whether this entry admits a caller of {@code account} whose own ARN is {@code callerArn} (null when unknown). */
    public boolean admits(String account, String callerArn) {
        if (principal.equals("*")) return true;
        if (principal.equals("arn:aws:iam::" + account + ":root")) return true;
        return callerArn != null && principal.equals(callerArn);
    }
}
