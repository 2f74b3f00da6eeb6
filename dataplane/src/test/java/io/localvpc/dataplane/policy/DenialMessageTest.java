package io.localvpc.dataplane.policy;

import io.localvpc.core.iam.Authorizer;
import io.localvpc.core.iam.Decision;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.iam.RequestContext;
import io.localvpc.dataplane.classify.ClassifiedRequest;
import io.localvpc.dataplane.classify.Principal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sentence a refused caller reads: AWS's "User: … is not authorized to perform: … on resource: … because …"
 * naming the kind of policy that refused and whether it was an explicit deny. S3 quotes the resource, the
 * JSON and Query services do not.
 */
class DenialMessageTest {
    private static final Principal ROOT = Principal.root("000000000000");
    private static final String OBJECT = "arn:aws:s3:::demo/b.txt";
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/T";

    private static ClassifiedRequest request(String service, String operation, String action, String resource, Principal who) {
        return new ClassifiedRequest(service, operation, action, List.of(resource), "AKIAIOSFODNN7EXAMPLE", who, Map.of(), "us-east-1", List.of());
    }

    private static PolicyDocument policy(PolicyKind kind, String effect, String action) {
        String principal = kind == PolicyKind.IDENTITY ? "" : "\"Principal\":\"*\",";
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\"," + principal
                + "\"Action\":\"" + action + "\",\"Resource\":\"*\"}]}", kind);
    }

    private static Authorizer authorizer(String principalArn, String action, String resource) {
        return Authorizer.request(RequestContext.builder().principal(principalArn).action(action).resource(resource).build());
    }

    @Test
    void anEndpointPolicyThatAllowsSomethingElseIsAnImplicitDenyByTheEndpointPolicy() {
        Authorizer.Authorization d = authorizer(ROOT.arn(), "s3:PutObject", OBJECT)
                .endpointPolicy("vpce-1", policy(PolicyKind.ENDPOINT, "Allow", "s3:GetObject"))
                .identityPolicy("root", policy(PolicyKind.IDENTITY, "Allow", "*")).decide();
        assertEquals(Decision.IMPLICIT_DENY, d.decision());
        assertEquals("User: arn:aws:iam::000000000000:root is not authorized to perform: s3:PutObject on resource: "
                        + "\"arn:aws:s3:::demo/b.txt\" because no VPC endpoint policy allows the s3:PutObject action",
                PolicyGuard.denialMessage(request("s3", "PutObject", "s3:PutObject", OBJECT, ROOT), "s3:PutObject", OBJECT, d));
    }

    @Test
    void aDenyStatementInTheEndpointPolicyIsAnExplicitDeny() {
        Authorizer.Authorization d = authorizer(ROOT.arn(), "s3:DeleteObject", OBJECT)
                .endpointPolicy("vpce-1", policy(PolicyKind.ENDPOINT, "Deny", "s3:DeleteObject"))
                .identityPolicy("root", policy(PolicyKind.IDENTITY, "Allow", "*")).decide();
        assertEquals("User: arn:aws:iam::000000000000:root is not authorized to perform: s3:DeleteObject on resource: "
                        + "\"arn:aws:s3:::demo/b.txt\" with an explicit deny in a VPC endpoint policy",
                PolicyGuard.denialMessage(request("s3", "DeleteObject", "s3:DeleteObject", OBJECT, ROOT), "s3:DeleteObject", OBJECT, d));
    }

    @Test
    void aBucketPolicyDenyIsAnExplicitDenyInAResourceBasedPolicy() {
        Authorizer.Authorization d = authorizer(ROOT.arn(), "s3:GetObject", OBJECT)
                .resourcePolicy("bucket policy of demo", policy(PolicyKind.RESOURCE, "Deny", "s3:*"))
                .identityPolicy("root", policy(PolicyKind.IDENTITY, "Allow", "*")).decide();
        assertEquals("User: arn:aws:iam::000000000000:root is not authorized to perform: s3:GetObject on resource: "
                        + "\"arn:aws:s3:::demo/b.txt\" with an explicit deny in a resource-based policy",
                PolicyGuard.denialMessage(request("s3", "GetObject", "s3:GetObject", OBJECT, ROOT), "s3:GetObject", OBJECT, d));
    }

    @Test
    void aUserWhosePoliciesDoNotAllowIsRefusedByTheIdentityBasedPolicyUnquotedOutsideS3() {
        Principal bob = Principal.user("000000000000", "bob");
        Authorizer.Authorization d = authorizer(bob.arn(), "dynamodb:PutItem", TABLE)
                .identityPolicy("read", policy(PolicyKind.IDENTITY, "Allow", "dynamodb:GetItem")).decide();
        assertEquals("User: arn:aws:iam::000000000000:user/bob is not authorized to perform: dynamodb:PutItem on resource: "
                        + "arn:aws:dynamodb:us-east-1:000000000000:table/T because no identity-based policy allows the dynamodb:PutItem action",
                PolicyGuard.denialMessage(request("dynamodb", "PutItem", "dynamodb:PutItem", TABLE, bob), "dynamodb:PutItem", TABLE, d));
    }

    @Test
    void anUnsignedRequestIsAnonymous() {
        Authorizer.Authorization d = Authorizer.request(RequestContext.builder().anonymous().action("s3:GetObject").resource(OBJECT).build())
                .resourcePolicy("bucket policy of demo", policy(PolicyKind.RESOURCE, "Deny", "s3:GetObject")).decide();
        String message = PolicyGuard.denialMessage(request("s3", "GetObject", "s3:GetObject", OBJECT, Principal.anonymous()), "s3:GetObject", OBJECT, d);
        assertEquals("User: anonymous is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::demo/b.txt\" "
                + "with an explicit deny in a resource-based policy", message);
    }
}
