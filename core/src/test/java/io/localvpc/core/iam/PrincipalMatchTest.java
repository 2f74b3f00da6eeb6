package io.localvpc.core.iam;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The Principal element of resource-based policies against the kinds of callers. Rows: (Principal JSON, caller type, caller, matches). */
class PrincipalMatchTest {
    private static final String AWS = "AWS", SERVICE = "SERVICE", FEDERATED = "FEDERATED", CANONICAL = "CANONICAL_USER", ANON = "ANONYMOUS";
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/builder/s1";

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("\"*\"", AWS, ALICE, true),
                arguments("\"*\"", ANON, null, true),
                arguments("\"*\"", SERVICE, "ec2.amazonaws.com", true),
                arguments("{\"AWS\":\"*\"}", AWS, ALICE, true),
                arguments("{\"AWS\":\"*\"}", ANON, null, true),
                arguments("{\"AWS\":\"111122223333\"}", AWS, ALICE, true),
                arguments("{\"AWS\":\"111122223333\"}", AWS, SESSION, true),
                arguments("{\"AWS\":\"111122223333\"}", AWS, "arn:aws:iam::111122223333:root", true),
                arguments("{\"AWS\":\"111122223333\"}", AWS, "arn:aws:iam::444455556666:user/alice", false),
                arguments("{\"AWS\":\"111122223333\"}", ANON, null, false),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", AWS, ALICE, true),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", AWS, "arn:aws:iam::444455556666:root", false),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", AWS, ALICE, true),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", AWS, "arn:aws:iam::111122223333:user/bob", false),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", AWS, "arn:aws:iam::111122223333:user/Alice", false),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:role/builder\"}", AWS, SESSION, true),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:role/builder\"}", AWS, "arn:aws:sts::111122223333:assumed-role/builder2/s1", false),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:role/builder\"}", AWS, "arn:aws:iam::111122223333:role/builder", true),
                arguments("{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/builder/s1\"}", AWS, SESSION, true),
                arguments("{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/builder/s1\"}", AWS, "arn:aws:sts::111122223333:assumed-role/builder/s2", false),
                arguments("{\"AWS\":[\"444455556666\",\"arn:aws:iam::111122223333:user/alice\"]}", AWS, ALICE, true),
                arguments("{\"AWS\":[\"444455556666\",\"arn:aws:iam::111122223333:user/bob\"]}", AWS, ALICE, false),
                arguments("{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", SERVICE, "arn:aws:iam::111122223333:user/alice", false),
                arguments("{\"Service\":\"ec2.amazonaws.com\"}", SERVICE, "ec2.amazonaws.com", true),
                arguments("{\"Service\":\"ec2.amazonaws.com\"}", SERVICE, "EC2.amazonaws.com", true),
                arguments("{\"Service\":[\"lambda.amazonaws.com\",\"ec2.amazonaws.com\"]}", SERVICE, "ec2.amazonaws.com", true),
                arguments("{\"Service\":\"ec2.amazonaws.com\"}", SERVICE, "s3.amazonaws.com", false),
                arguments("{\"Service\":\"ec2.amazonaws.com\"}", AWS, ALICE, false),
                arguments("{\"Service\":\"ec2.amazonaws.com\"}", ANON, null, false),
                arguments("{\"Federated\":\"cognito-identity.amazonaws.com\"}", FEDERATED, "cognito-identity.amazonaws.com", true),
                arguments("{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/idp\"}", FEDERATED, "arn:aws:iam::111122223333:saml-provider/idp", true),
                arguments("{\"Federated\":\"cognito-identity.amazonaws.com\"}", FEDERATED, "accounts.google.com", false),
                arguments("{\"CanonicalUser\":\"79a59df9\"}", CANONICAL, "79a59df9", true),
                arguments("{\"CanonicalUser\":\"79a59df9\"}", CANONICAL, "79a59df0", false),
                arguments("{\"AWS\":\"111122223333\",\"Service\":\"ec2.amazonaws.com\"}", SERVICE, "ec2.amazonaws.com", true),
                arguments("{\"AWS\":\"111122223333\",\"Service\":\"ec2.amazonaws.com\"}", AWS, ALICE, true)
        );
    }

    @ParameterizedTest(name = "Principal {0} vs {1} {2} -> {3}")
    @MethodSource("rows")
    void principal(String principal, String type, String caller, boolean expected) {
        PolicyDocument p = PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}", PolicyKind.RESOURCE);
        RequestContext ctx = RequestContext.builder().principal(RequestContext.PrincipalType.valueOf(type), caller)
                .action("s3:GetObject").resource("arn:aws:s3:::b/k").build();
        assertEquals(expected, p.evaluate(ctx).allowed());
    }
}
