package io.localvpc.core.iam;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.localvpc.core.iam.Policies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Action and Resource matching, and their Not… forms. Actions match case-insensitively with wildcards
 * anywhere; resources match ARN component by component, case-sensitively, with wildcards that stay
 * inside their component except in the resource part.
 */
class ActionResourceMatchTest {

    static Stream<Arguments> actions() {
        return Stream.of(
                arguments("s3:GetObject", "s3:GetObject", true),
                arguments("s3:GetObject", "S3:getobject", true),
                arguments("S3:GETOBJECT", "s3:GetObject", true),
                arguments("s3:GetObject", "s3:GetObjectAcl", false),
                arguments("s3:Get*", "s3:GetObject", true),
                arguments("s3:Get*", "s3:GetBucketPolicy", true),
                arguments("s3:Get*", "s3:PutObject", false),
                arguments("s3:*", "s3:DeleteBucket", true),
                arguments("s3:*", "ec2:DeleteVpc", false),
                arguments("*", "ec2:DeleteVpc", true),
                arguments("ec2:*Vpc*", "ec2:DescribeVpcs", true),
                arguments("ec2:*Vpc*", "ec2:CreateVpcEndpoint", true),
                arguments("ec2:*Vpc*", "ec2:DescribeSubnets", false),
                arguments("ec2:Describe?pcs", "ec2:DescribeVpcs", true),
                arguments("ec2:Describe?pcs", "ec2:DescribeVVpcs", false),
                arguments("iam:*AccessKey*", "iam:CreateAccessKey", true),
                arguments("iam:*AccessKey*", "iam:ListAccessKeys", true),
                arguments("sqs:SendMessage|sqs:ReceiveMessage", "sqs:ReceiveMessage", true),
                arguments("sqs:SendMessage|sqs:ReceiveMessage", "sqs:DeleteMessage", false),
                arguments("s3:GetObject", "s3express:GetObject", false),
                arguments("s3*:GetObject", "s3express:GetObject", true)
        );
    }

    @ParameterizedTest(name = "Action {0} vs {1} -> {2}")
    @MethodSource("actions")
    void action(String pattern, String action, boolean expected) {
        assertEquals(expected, decide("Action", json(pattern), "Resource", "\"*\"", action, "arn:aws:s3:::b") == Decision.ALLOW);
        // NotAction matches exactly the actions Action does not.
        assertEquals(!expected, decide("NotAction", json(pattern), "Resource", "\"*\"", action, "arn:aws:s3:::b") == Decision.ALLOW);
    }

    static Stream<Arguments> resources() {
        return Stream.of(
                arguments("*", "arn:aws:s3:::bucket", true),
                arguments("*", "*", true),
                arguments("arn:aws:s3:::bucket", "arn:aws:s3:::bucket", true),
                arguments("arn:aws:s3:::bucket", "arn:aws:s3:::Bucket", false),
                arguments("arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key", false),
                arguments("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key", true),
                arguments("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c.txt", true),
                arguments("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false),
                arguments("arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-logs/key", true),
                arguments("arn:aws:s3:::bucket/home/${*}", "arn:aws:s3:::bucket/home/*", true),
                arguments("arn:aws:s3:::bucket/home/${*}", "arn:aws:s3:::bucket/home/x", false),
                arguments("arn:aws:s3:::*/key", "arn:aws:s3:::any/key", true),
                arguments("arn:aws:s3:::b?cket", "arn:aws:s3:::bucket", true),
                arguments("arn:aws:s3:::b?cket", "arn:aws:s3:::bcket", false),
                arguments("arn:aws:ec2:*:111122223333:vpc/*", "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1", true),
                arguments("arn:aws:ec2:*:111122223333:vpc/*", "arn:aws:ec2:us-east-1:444455556666:vpc/vpc-1", false),
                arguments("arn:aws:ec2:*:*:*", "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1", true),
                arguments("arn:aws:ec2:*:*:*", "arn:aws:s3:::bucket", false),
                arguments("arn:aws:*:*:*:*", "arn:aws:s3:::bucket", true),
                arguments("arn:*:ec2:us-east-1:111122223333:vpc/*", "arn:aws-cn:ec2:us-east-1:111122223333:vpc/v", true),
                // a wildcard never spans components before the resource part
                arguments("arn:aws:ec2:us-*", "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1", false),
                arguments("arn:aws:ec2:*", "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1", false),
                arguments("arn:aws:ec2:us-east-1:111122223333:*", "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1", true),
                // …but does span colons inside the resource part
                arguments("arn:aws:logs:us-east-1:111122223333:log-group:*", "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1", true),
                arguments("arn:aws:logs:us-east-1:111122223333:log-group:app:*", "arn:aws:logs:us-east-1:111122223333:log-group:web:log-stream:s1", false),
                arguments("arn:aws:s3:::bucket", "*", false),
                arguments("arn:aws:iam::111122223333:user/*", "arn:aws:iam::111122223333:user/division/alice", true),
                arguments("arn:aws:iam::111122223333:user/division/*", "arn:aws:iam::111122223333:user/alice", false),
                arguments("arn:aws:s3:::a|arn:aws:s3:::b", "arn:aws:s3:::b", true),
                arguments("arn:aws:s3:::a|arn:aws:s3:::b", "arn:aws:s3:::c", false)
        );
    }

    @ParameterizedTest(name = "Resource {0} vs {1} -> {2}")
    @MethodSource("resources")
    void resource(String pattern, String resource, boolean expected) {
        assertEquals(expected, decide("Action", "\"s3:*\"", "Resource", json(pattern), "s3:GetObject", resource) == Decision.ALLOW);
        assertEquals(!expected, decide("Action", "\"s3:*\"", "NotResource", json(pattern), "s3:GetObject", resource) == Decision.ALLOW);
    }

    private static Decision decide(String actionElement, String actions, String resourceElement, String resources,
                                   String action, String resource) {
        PolicyDocument p = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\""
                + actionElement + "\":" + actions + ",\"" + resourceElement + "\":" + resources + "}]}", PolicyKind.IDENTITY);
        return p.evaluate(RequestContext.builder().principal(Policies.ALICE).action(action).resource(resource).build()).decision();
    }
}
