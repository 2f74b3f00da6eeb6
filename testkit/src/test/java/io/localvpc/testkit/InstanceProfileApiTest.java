package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.iam.IamClient;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instance profiles on EC2 (issue 13): RunInstances IamInstanceProfile and the association calls, with the profile from IAM. */
@ExtendWith(LocalVpcExtension.class)
class InstanceProfileApiTest {
    private static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @Test
    void instancesLaunchWithAProfileAndChangeIt(Ec2Client ec2, LocalVpc lv) {
        try (IamClient iam = IamClient.builder().endpointOverride(lv.endpoint()).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret"))).build()) {
            for (String name : List.of("web", "batch")) {
                iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(EC2_TRUST));
                iam.createInstanceProfile(r -> r.instanceProfileName(name + "-profile"));
                iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name + "-profile").roleName(name));
            }
            String webArn = iam.getInstanceProfile(r -> r.instanceProfileName("web-profile")).instanceProfile().arn();
            String batchArn = iam.getInstanceProfile(r -> r.instanceProfileName("batch-profile")).instanceProfile().arn();

            Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.71");
            Instance i = ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(vpc.subnetA())
                    .iamInstanceProfile(p -> p.name("web-profile"))).instances().get(0);
            assertEquals(webArn, i.iamInstanceProfile().arn());
            assertEquals(webArn, ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0).iamInstanceProfile().arn());

            List<IamInstanceProfileAssociation> assocs = ec2.describeIamInstanceProfileAssociations(r -> r.filters(f -> f.name("instance-id").values(i.instanceId())))
                    .iamInstanceProfileAssociations();
            assertEquals(1, assocs.size());
            assertEquals("associated", assocs.get(0).stateAsString());
            Ec2Exception twice = assertThrows(Ec2Exception.class, () -> ec2.associateIamInstanceProfile(r -> r.instanceId(i.instanceId())
                    .iamInstanceProfile(p -> p.arn(batchArn))));
            assertEquals("IncorrectState", twice.awsErrorDetails().errorCode());

            IamInstanceProfileAssociation replaced = ec2.replaceIamInstanceProfileAssociation(r -> r.associationId(assocs.get(0).associationId())
                    .iamInstanceProfile(p -> p.arn(batchArn))).iamInstanceProfileAssociation();
            assertEquals(batchArn, replaced.iamInstanceProfile().arn());
            ec2.disassociateIamInstanceProfile(r -> r.associationId(replaced.associationId()));
            assertNull(ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0).iamInstanceProfile());

            Ec2Exception unknown = assertThrows(Ec2Exception.class, () -> ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1)
                    .subnetId(vpc.subnetA()).iamInstanceProfile(p -> p.name("nope"))));
            assertEquals("InvalidParameterValue", unknown.awsErrorDetails().errorCode());
            assertTrue(unknown.awsErrorDetails().errorMessage().contains("Invalid IAM Instance Profile name"));
            // A profile without a role launches nothing, as on AWS (the answer Terraform retries while IAM propagates).
            iam.createInstanceProfile(r -> r.instanceProfileName("empty-profile"));
            Ec2Exception roleless = assertThrows(Ec2Exception.class, () -> ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1)
                    .subnetId(vpc.subnetA()).iamInstanceProfile(p -> p.name("empty-profile"))));
            assertEquals("InvalidParameterValue", roleless.awsErrorDetails().errorCode());
            assertTrue(roleless.awsErrorDetails().errorMessage().endsWith(" has no associated IAM Roles"), roleless.awsErrorDetails().errorMessage());

            ec2.associateIamInstanceProfile(r -> r.instanceId(i.instanceId()).iamInstanceProfile(p -> p.name("web-profile")));
            ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
            assertTrue(ec2.describeIamInstanceProfileAssociations(r -> r.filters(f -> f.name("instance-id").values(i.instanceId())))
                    .iamInstanceProfileAssociations().isEmpty(), "a terminated instance keeps no profile");
        }
    }
}
