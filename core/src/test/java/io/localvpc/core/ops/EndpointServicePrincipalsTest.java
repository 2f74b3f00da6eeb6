package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.VpcEndpointServicePermission;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which principals an endpoint service accepts, what type AWS calls each, and whom each admits. */
class EndpointServicePrincipalsTest {

    @Test
    void starRootsUsersAndRolesAreAcceptedWithTheirType() {
        assertEquals("All", EndpointServicePermissionOps.typeOf(EndpointServicePermissionOps.check("*")));
        assertEquals("Account", EndpointServicePermissionOps.typeOf(EndpointServicePermissionOps.check("arn:aws:iam::222222222222:root")));
        assertEquals("User", EndpointServicePermissionOps.typeOf(EndpointServicePermissionOps.check("arn:aws:iam::222222222222:user/ops/alice")));
        assertEquals("Role", EndpointServicePermissionOps.typeOf(EndpointServicePermissionOps.check("arn:aws:iam::222222222222:role/deployer")));
    }

    @Test
    void anythingElseIsAnInvalidPrincipal() {
        for (String bad : new String[]{"prin1", "222222222222", "arn:aws:iam::2222:root", "arn:aws:sts::222222222222:assumed-role/r/s",
                "arn:aws:iam::222222222222:group/admins", "arn:aws:iam::222222222222:user/"}) {
            AwsException e = assertThrows(AwsException.class, () -> EndpointServicePermissionOps.check(bad), bad);
            assertEquals("InvalidPrincipal", e.code());
        }
    }

    @Test
    void anAccountIsAdmittedByItsRootOrStarAndAPrincipalByItsOwnArn() {
        VpcEndpointServicePermission root = new VpcEndpointServicePermission("vpce-svc-perm-0", "vpce-svc-0", "arn:aws:iam::222222222222:root", "Account");
        VpcEndpointServicePermission role = new VpcEndpointServicePermission("vpce-svc-perm-1", "vpce-svc-0", "arn:aws:iam::333333333333:role/r", "Role");
        VpcEndpointServicePermission all = new VpcEndpointServicePermission("vpce-svc-perm-2", "vpce-svc-0", "*", "All");
        assertTrue(root.admits("222222222222", "arn:aws:iam::222222222222:user/alice"), "the root ARN admits every principal of the account");
        assertFalse(root.admits("333333333333", null));
        assertTrue(role.admits("333333333333", "arn:aws:iam::333333333333:role/r"));
        assertFalse(role.admits("333333333333", "arn:aws:iam::333333333333:root"), "a role's entry does not admit its account's root");
        assertTrue(all.admits("444444444444", null));
    }

    @Test
    void aProviderServiceNameNamesItsRegionAndId() {
        assertTrue(ProviderEndpointServices.isProviderServiceName("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"));
        assertFalse(ProviderEndpointServices.isProviderServiceName("com.amazonaws.us-east-1.s3"));
        assertEquals("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", ProviderEndpointServices.serviceName("eu-west-1", "vpce-svc-0123456789abcdef0"));
        assertTrue(ProviderEndpointServices.NONE.byName("us-east-1", "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0").isEmpty(),
                "another region's name is not found");
    }
}
