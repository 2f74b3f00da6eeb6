package io.localvpc.core.iam;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Policy variables in Resource and condition values: substituted only in Version 2012-10-17 documents;
 * with 2008-10-17 or no Version they are literal text. Rows: (version, Resource pattern, principal,
 * extra key=value or "", requested resource, expected allow).
 */
class PolicyVariableTest {
    private static final String ALICE = Policies.ALICE;
    private static final String ROLE_SESSION = "arn:aws:sts::111122223333:assumed-role/builder/session-1";

    static Stream<Arguments> resources() {
        return Stream.of(
                // IAM User Guide: a per-user home folder.
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username}/*", ALICE, "", "arn:aws:s3:::bucket/home/alice/file", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username}/*", ALICE, "", "arn:aws:s3:::bucket/home/bob/file", false),
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${aws:USERNAME}/*", ALICE, "", "arn:aws:s3:::bucket/home/alice/file", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${ aws:username }/*", ALICE, "", "arn:aws:s3:::bucket/home/alice/file", true),
                // Versions 2008-10-17 and none: the variable is literal text.
                arguments("2008-10-17", "arn:aws:s3:::bucket/home/${aws:username}/*", ALICE, "", "arn:aws:s3:::bucket/home/alice/file", false),
                arguments("2008-10-17", "arn:aws:s3:::bucket/home/${aws:username}/*", ALICE, "", "arn:aws:s3:::bucket/home/${aws:username}/file", true),
                arguments(null, "arn:aws:s3:::bucket/home/${aws:username}/*", ALICE, "", "arn:aws:s3:::bucket/home/alice/file", false),
                // A role session has no aws:username: the resource cannot match…
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username}/*", ROLE_SESSION, "", "arn:aws:s3:::bucket/home/alice/x", false),
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username}/*", ROLE_SESSION, "", "arn:aws:s3:::bucket/home//x", false),
                // …unless a default value is given.
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username, 'anonymous'}/*", ROLE_SESSION, "", "arn:aws:s3:::bucket/home/anonymous/x", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username, 'anonymous'}/*", ALICE, "", "arn:aws:s3:::bucket/home/alice/x", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username, 'anonymous'}/*", ALICE, "", "arn:aws:s3:::bucket/home/anonymous/x", false),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'it''s'}/*", ROLE_SESSION, "", "arn:aws:s3:::bucket/it's/x", true),
                // Other global keys.
                arguments("2012-10-17", "arn:aws:s3:::bucket-${aws:PrincipalAccount}/*", ALICE, "", "arn:aws:s3:::bucket-111122223333/x", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${aws:SourceVpce}/*", ALICE, "aws:SourceVpce=vpce-1a2b", "arn:aws:s3:::bucket/vpce-1a2b/x", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${aws:SourceVpce}/*", ALICE, "", "arn:aws:s3:::bucket/vpce-1a2b/x", false),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", ROLE_SESSION, "aws:PrincipalTag/team=blue", "arn:aws:s3:::bucket/blue/x", true),
                // A substituted value is literal: a star inside it is no wildcard.
                arguments("2012-10-17", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}", ALICE, "aws:PrincipalTag/team=b*", "arn:aws:s3:::bucket/blue", false),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}", ALICE, "aws:PrincipalTag/team=b*", "arn:aws:s3:::bucket/b*", true),
                // Escapes for the special characters.
                arguments("2012-10-17", "arn:aws:s3:::bucket/${*}", ALICE, "", "arn:aws:s3:::bucket/*", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${*}", ALICE, "", "arn:aws:s3:::bucket/x", false),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${?}", ALICE, "", "arn:aws:s3:::bucket/?", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${?}", ALICE, "", "arn:aws:s3:::bucket/x", false),
                arguments("2012-10-17", "arn:aws:s3:::bucket/${$}{x}", ALICE, "", "arn:aws:s3:::bucket/${x}", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/a*${*}", ALICE, "", "arn:aws:s3:::bucket/abc*", true),
                arguments("2012-10-17", "arn:aws:s3:::bucket/a*${*}", ALICE, "", "arn:aws:s3:::bucket/abc", false),
                // "${" without a closing brace is plain text.
                arguments("2012-10-17", "arn:aws:s3:::bucket/${open", ALICE, "", "arn:aws:s3:::bucket/${open", true)
        );
    }

    @ParameterizedTest(name = "[{0}] {1} for {2} {3} on {4} -> {5}")
    @MethodSource("resources")
    void resource(String version, String pattern, String principal, String key, String resource, boolean expected) {
        String doc = "{" + (version == null ? "" : "\"Version\":\"" + version + "\",")
                + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":" + Policies.quote(pattern) + "}}";
        assertEquals(expected, PolicyDocument.parse(doc, PolicyKind.IDENTITY).evaluate(request(principal, key, resource)).allowed());
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                arguments("2012-10-17", "{\"StringLike\":{\"s3:prefix\":[\"\",\"home/\",\"home/${aws:username}/*\"]}}", ALICE, "s3:prefix=home/alice/docs", true),
                arguments("2012-10-17", "{\"StringLike\":{\"s3:prefix\":[\"\",\"home/\",\"home/${aws:username}/*\"]}}", ALICE, "s3:prefix=home/bob/docs", false),
                arguments("2012-10-17", "{\"StringLike\":{\"s3:prefix\":[\"\",\"home/\",\"home/${aws:username}/*\"]}}", ALICE, "s3:prefix=home/", true),
                arguments("2008-10-17", "{\"StringLike\":{\"s3:prefix\":\"home/${aws:username}/*\"}}", ALICE, "s3:prefix=home/alice/docs", false),
                arguments("2012-10-17", "{\"StringEquals\":{\"aws:ResourceTag/owner\":\"${aws:username}\"}}", ALICE, "aws:ResourceTag/owner=alice", true),
                arguments("2012-10-17", "{\"StringEquals\":{\"aws:ResourceTag/owner\":\"${aws:username}\"}}", ALICE, "aws:ResourceTag/owner=bob", false),
                arguments("2012-10-17", "{\"StringEquals\":{\"aws:ResourceTag/owner\":\"${aws:username}\"}}", ROLE_SESSION, "aws:ResourceTag/owner=alice", false),
                arguments("2012-10-17", "{\"StringEqualsIgnoreCase\":{\"aws:ResourceTag/owner\":\"${aws:username}\"}}", ALICE, "aws:ResourceTag/owner=ALICE", true),
                arguments("2012-10-17", "{\"StringEquals\":{\"aws:ResourceAccount\":\"${aws:PrincipalAccount}\"}}", ALICE, "aws:ResourceAccount=111122223333", true),
                arguments("2012-10-17", "{\"StringEquals\":{\"aws:ResourceAccount\":\"${aws:PrincipalAccount}\"}}", ALICE, "aws:ResourceAccount=444455556666", false),
                arguments("2012-10-17", "{\"StringNotEquals\":{\"aws:ResourceAccount\":\"${aws:PrincipalAccount}\"}}", ALICE, "aws:ResourceAccount=444455556666", true),
                arguments("2012-10-17", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:${aws:PrincipalAccount}:*\"}}", ALICE, "aws:SourceArn=arn:aws:sns:us-east-1:111122223333:t", true),
                arguments("2012-10-17", "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"${aws:ResourceTag/team, 'none'}\"}}", ALICE, "aws:PrincipalTag/team=none", true),
                // An unresolvable variable makes even a negated condition fail: the statement does not apply.
                arguments("2012-10-17", "{\"StringNotEquals\":{\"aws:ResourceTag/owner\":\"${aws:username}\"}}", ROLE_SESSION, "aws:ResourceTag/owner=x", false),
                // Numeric values take no variables: the text must be a number at parse time (see validation tests).
                arguments("2012-10-17", "{\"StringLike\":{\"s3:prefix\":\"${*}\"}}", ALICE, "s3:prefix=*", true),
                arguments("2012-10-17", "{\"StringLike\":{\"s3:prefix\":\"${*}\"}}", ALICE, "s3:prefix=abc", false)
        );
    }

    @ParameterizedTest(name = "[{0}] {1} for {2} with {3} -> {4}")
    @MethodSource("conditions")
    void condition(String version, String condition, String principal, String key, boolean expected) {
        String doc = "{\"Version\":\"" + version + "\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":" + condition + "}}";
        assertEquals(expected, PolicyDocument.parse(doc, PolicyKind.IDENTITY).evaluate(request(principal, key, "arn:aws:s3:::bucket")).allowed());
    }

    private static RequestContext request(String principal, String key, String resource) {
        RequestContext.Builder b = RequestContext.builder().principal(principal).action("s3:ListBucket").resource(resource);
        if (!key.isEmpty()) {
            int eq = key.indexOf('=');
            b.key(key.substring(0, eq), key.substring(eq + 1));
        }
        return b.build();
    }
}
