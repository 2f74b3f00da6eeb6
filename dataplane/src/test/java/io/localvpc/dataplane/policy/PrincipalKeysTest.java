package io.localvpc.dataplane.policy;

import io.localvpc.core.identity.IamPrincipal;
import io.localvpc.core.identity.StsSession;
import io.localvpc.dataplane.classify.Principal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The condition keys a request's principal sets (issue 13), as AWS sets them for a role session, an instance's and a root. */
class PrincipalKeysTest {

    @Test
    void anInstanceProfileSessionIsItsRoleWithTheInstancesKeys() {
        StsSession s = new StsSession("ASIAEXAMPLE", "111122223333", "secret", "token",
                "arn:aws:sts::111122223333:assumed-role/reader/i-0123456789abcdef0", "AROAEXAMPLEROLEID:i-0123456789abcdef0", "AROAEXAMPLEROLEID",
                null, Map.of("team", "reports"), Instant.parse("2030-01-01T00:00:00Z"),
                Map.of("aws:Ec2InstanceSourceVpc", "vpc-0a1b2c3d", "aws:Ec2InstanceSourcePrivateIPv4", "10.0.1.5"));
        Principal p = Principal.of(IamPrincipal.of(s, "arn:aws:iam::111122223333:role/reader"));
        assertEquals(Principal.Type.ASSUMED_ROLE, p.type());
        Map<String, List<String>> keys = new HashMap<>();
        PrincipalKeys.put(keys, p);
        assertEquals(List.of("arn:aws:iam::111122223333:role/reader"), keys.get("aws:PrincipalArn"));
        assertEquals(List.of("AROAEXAMPLEROLEID:i-0123456789abcdef0"), keys.get("aws:userid"));
        assertEquals(List.of("111122223333"), keys.get("aws:PrincipalAccount"));
        assertEquals(List.of("AssumedRole"), keys.get("aws:PrincipalType"));
        assertEquals(List.of("reports"), keys.get("aws:PrincipalTag/team"));
        assertEquals(List.of("vpc-0a1b2c3d"), keys.get("aws:Ec2InstanceSourceVpc"));
        assertEquals(List.of("10.0.1.5"), keys.get("aws:Ec2InstanceSourcePrivateIPv4"));
    }

    @Test
    void aRootByConventionAndAnAnonymousCaller() {
        Map<String, List<String>> keys = new HashMap<>();
        PrincipalKeys.put(keys, Principal.root("111122223333"));
        assertEquals(List.of("arn:aws:iam::111122223333:root"), keys.get("aws:PrincipalArn"));
        assertEquals(List.of("111122223333"), keys.get("aws:userid"));
        assertEquals(List.of("Account"), keys.get("aws:PrincipalType"));
        Map<String, List<String>> none = new HashMap<>();
        PrincipalKeys.put(none, Principal.anonymous());
        assertTrue(none.isEmpty(), none.toString());
    }
}
