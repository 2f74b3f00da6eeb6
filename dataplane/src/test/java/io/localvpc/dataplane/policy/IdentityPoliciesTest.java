package io.localvpc.dataplane.policy;

import io.localvpc.dataplane.classify.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict-mode IAM configuration: access keys to principals, and the identity policies of each. */
class IdentityPoliciesTest {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";

    private static IdentityPolicies load(Path dir, String json) throws Exception {
        Path file = dir.resolve("iam.json");
        Files.writeString(file, json);
        return IdentityPolicies.load(file);
    }

    @Test
    void keysMapToUsersAndRolesWithTheirPolicies(@TempDir Path dir) throws Exception {
        IdentityPolicies p = load(dir, "{\"principals\":["
                + "{\"accessKeyId\":\"AKIAALICE\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"policies\":{\"list\":" + POLICY + "}},"
                + "{\"accessKeyId\":\"AKIAROLE\",\"arn\":\"arn:aws:iam::111122223333:role/app\",\"policies\":{}}]}");
        Principal alice = p.find("AKIAALICE").orElseThrow();
        assertEquals(Principal.user("111122223333", "alice"), alice);
        assertEquals(Principal.role("111122223333", "app"), p.find("AKIAROLE").orElseThrow());
        assertTrue(p.find("AKIAUNKNOWN").isEmpty());
        assertTrue(p.isConfigured(alice.arn()));
        assertEquals(java.util.Set.of("list"), p.policiesOf(alice.arn()).keySet());
    }

    /** A user or role with a path (arn:aws:iam::…:user/division/ana) is that principal: its ARN, and its policies, keep the path. */
    @Test
    void aUserOrRoleWithAPathKeepsThePathInItsArn(@TempDir Path dir) throws Exception {
        IdentityPolicies p = load(dir, "{\"principals\":[{\"accessKeyId\":\"AKIAANA\",\"arn\":\"arn:aws:iam::111122223333:user/division/ana\","
                + "\"policies\":{\"list\":" + POLICY + "}},"
                + "{\"accessKeyId\":\"AKIAJOB\",\"arn\":\"arn:aws:iam::111122223333:role/service-role/job\",\"policies\":{\"list\":" + POLICY + "}}]}");
        for (String key : new String[]{"AKIAANA", "AKIAJOB"}) {
            Principal who = p.find(key).orElseThrow();
            assertTrue(p.isConfigured(who.arn()), who.arn() + ": the principal a key signs as must find its own identity policies");
            assertEquals(1, p.policiesOf(who.arn()).size());
        }
        assertEquals("arn:aws:iam::111122223333:user/division/ana", p.find("AKIAANA").orElseThrow().arn());
        assertEquals("arn:aws:iam::111122223333:role/service-role/job", p.find("AKIAJOB").orElseThrow().arn());
    }

    @Test
    void badEntriesAreRefusedNamingWhere(@TempDir Path dir) {
        IllegalArgumentException noArn = assertThrows(IllegalArgumentException.class,
                () -> load(dir, "{\"principals\":[{\"accessKeyId\":\"AKIAX\"}]}"));
        assertTrue(noArn.getMessage().contains("principals[0]"), noArn.getMessage());
        IllegalArgumentException badPolicy = assertThrows(IllegalArgumentException.class, () -> load(dir,
                "{\"principals\":[{\"accessKeyId\":\"AKIAX\",\"arn\":\"arn:aws:iam::111122223333:user/x\",\"policies\":{\"p\":{\"Statement\":[]}}}]}"));
        assertTrue(badPolicy.getMessage().contains("policy p"), badPolicy.getMessage());
    }
}
