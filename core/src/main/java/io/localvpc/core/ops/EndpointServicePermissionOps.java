package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.model.VpcEndpointServicePermission;
import io.localvpc.core.state.Tx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** ModifyVpcEndpointServicePermissions: who may discover a provider's service and connect to it. */
public final class EndpointServicePermissionOps {
    private static final Pattern ROOT = Pattern.compile("arn:aws:iam::\\d{12}:root");
    private static final Pattern USER = Pattern.compile("arn:aws:iam::\\d{12}:user/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    private EndpointServicePermissionOps() {
    }

    /** AWS's PrincipalType of a principal, after {@link #check}. */
    public static String typeOf(String principal) {
        if (principal.equals("*")) return "All";
        if (ROOT.matcher(principal).matches()) return "Account";
        if (USER.matcher(principal).matches()) return "User";
        return "Role";
    }

    /** Refuses what is not {@code *} or an IAM root, user or role ARN, as AWS does. */
    public static String check(String principal) {
        if (principal.equals("*") || ROOT.matcher(principal).matches() || USER.matcher(principal).matches() || ROLE.matcher(principal).matches()) {
            return principal;
        }
        throw new AwsException("InvalidPrincipal", "Invalid principal '" + principal + "': give * or an IAM ARN such as "
                + "arn:aws:iam::123456789012:root, arn:aws:iam::123456789012:user/name or arn:aws:iam::123456789012:role/name.");
    }

    /** Adds and removes principals; returns the entries added (a principal already allowed is not added again). */
    public static List<VpcEndpointServicePermission> modify(Tx tx, String serviceId, List<String> add, List<String> remove) {
        VpcEndpointServiceConfiguration c = EndpointServiceConfigOps.require(tx, serviceId);
        add.forEach(EndpointServicePermissionOps::check);
        remove.forEach(EndpointServicePermissionOps::check);
        List<VpcEndpointServicePermission> current = tx.all(VpcEndpointServicePermission.class).stream()
                .filter(p -> p.serviceId().equals(c.id())).toList();
        for (String principal : remove) {
            current.stream().filter(p -> p.principal().equals(principal)).forEach(p -> tx.remove(VpcEndpointServicePermission.class, p.id()));
        }
        List<VpcEndpointServicePermission> added = new ArrayList<>();
        for (String principal : new LinkedHashSet<>(add)) {
            boolean present = current.stream().anyMatch(p -> p.principal().equals(principal) && !remove.contains(principal));
            if (present) continue;
            added.add(tx.put(new VpcEndpointServicePermission(tx.newId("vpce-svc-perm"), c.id(), principal, typeOf(principal))));
        }
        return added;
    }
}
