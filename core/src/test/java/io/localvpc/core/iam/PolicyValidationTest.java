package io.localvpc.core.iam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Documents AWS refuses, with the path to the fault and the message. Rows: (kind, document with ' for ",
 * expected path, expected message fragment). The code follows the kind: MalformedPolicyDocument for
 * identity and resource policies, InvalidPolicyDocument for endpoint policies.
 */
class PolicyValidationTest {
    private static final PolicyKind I = PolicyKind.IDENTITY;
    private static final PolicyKind R = PolicyKind.RESOURCE;
    private static final PolicyKind E = PolicyKind.ENDPOINT;

    /** A statement that is valid for identity policies, to embed. */
    private static final String OK = "{'Effect':'Allow','Action':'s3:*','Resource':'*'}";

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments(I, "", "", "the document is empty"),
                arguments(I, "{", "", "Syntax errors in policy"),
                arguments(I, "[]", "", "must be a JSON object"),
                arguments(I, "{'Statement':[" + OK + "]} trailing", "", "Syntax errors in policy"),
                arguments(I, "{'Version':'2012-10-17','Version':'2012-10-17','Statement':" + OK + "}", "", "Duplicate field 'Version'"),
                arguments(I, "{'Version':'2012-10-17'}", "", "Missing required field Statement"),
                arguments(I, "{'Version':'2012-10-18','Statement':" + OK + "}", "Version", "Version must be \"2012-10-17\" or \"2008-10-17\""),
                arguments(I, "{'Version':20121017,'Statement':" + OK + "}", "Version", "The policy failed legacy parsing"),
                arguments(I, "{'Version':'2012-10-17','Statement':" + OK + ",'Extra':1}", "Extra", "unknown element Extra"),
                arguments(I, "{'version':'2012-10-17','Statement':" + OK + "}", "version", "unknown element version"),
                arguments(I, "{'Id':5,'Statement':" + OK + "}", "Id", "Id must be a string"),
                arguments(I, "{'Statement':[]}", "Statement", "at least one statement"),
                arguments(I, "{'Statement':'Allow'}", "Statement", "object or a list of objects"),
                arguments(I, "{'Statement':[" + OK + ",5]}", "Statement[1]", "must be a JSON object"),
                arguments(I, "{'Statement':[{'Action':'s3:*','Resource':'*'}]}", "Statement[0]", "Missing required field Effect"),
                arguments(I, "{'Statement':[{'Effect':'allow','Action':'s3:*','Resource':'*'}]}", "Statement[0].Effect", "Invalid effect: allow"),
                arguments(I, "{'Statement':[{'Effect':'Permit','Action':'s3:*','Resource':'*'}]}", "Statement[0].Effect", "Invalid effect: Permit"),
                arguments(I, "{'Statement':[{'Effect':true,'Action':'s3:*','Resource':'*'}]}", "Statement[0].Effect", "Invalid effect"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Resource':'*'}]}", "Statement[0]", "Policy statement must contain actions."),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':[],'Resource':'*'}]}", "Statement[0].Action", "Policy statement must contain actions."),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*','NotAction':'s3:Get*','Resource':'*'}]}", "Statement[0]", "both Action and NotAction"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'GetObject','Resource':'*'}]}", "Statement[0].Action", "Actions/Conditions must be prefaced by a vendor"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':['s3:GetObject','s3:'],'Resource':'*'}]}", "Statement[0].Action[1]", "must be prefaced by a vendor"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':':Get','Resource':'*'}]}", "Statement[0].Action", "must be prefaced by a vendor"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':5,'Resource':'*'}]}", "Statement[0].Action", "must be a string or a list of strings"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':['s3:Get',{}],'Resource':'*'}]}", "Statement[0].Action[1]", "must be a string"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*'}]}", "Statement[0]", "Policy statement must contain resources."),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':[]}]}", "Statement[0].Resource", "Policy statement must contain resources."),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'*','NotResource':'*'}]}", "Statement[0]", "both Resource and NotResource"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'bucket'}]}", "Statement[0].Resource", "Resource bucket must be in ARN format or \"*\"."),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':['*','arn']}]}", "Statement[0].Resource[1]", "must be in ARN format"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'*','Principal':'*'}]}", "Statement[0].Principal", "Policy document should not specify a principal."),
                arguments(I, "{'Statement':[{'Effect':'Deny','Action':'s3:*','Resource':'*','NotPrincipal':{'AWS':'111122223333'}}]}", "Statement[0].NotPrincipal", "should not specify a principal"),
                arguments(I, "{'Statement':[{'Sid':'has space','Effect':'Allow','Action':'s3:*','Resource':'*'}]}", "Statement[0].Sid", "must be alpha-numeric"),
                arguments(I, "{'Statement':[{'Sid':'a','Effect':'Allow','Action':'s3:*','Resource':'*'},{'Sid':'a','Effect':'Allow','Action':'s3:*','Resource':'*'}]}", "Statement[1].Sid", "must be unique"),
                arguments(R, "{'Statement':[{'Sid':'x','Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'},{'Sid':'x','Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'}]}", "Statement[1].Sid", "must be unique"),
                arguments(I, "{'Statement':[{'Sid':1,'Effect':'Allow','Action':'s3:*','Resource':'*'}]}", "Statement[0].Sid", "Sid must be a string"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'*','Principals':'*'}]}", "Statement[0].Principals", "unknown element Principals"),
                arguments(I, "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'*','condition':{}}]}", "Statement[0].condition", "unknown element condition"),
                // Principal rules for resource and endpoint policies
                arguments(R, "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'*'}]}", "Statement[0]", "Missing required field Principal"),
                arguments(E, "{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}", "Statement[0]", "Missing required field Principal"),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':'*','NotPrincipal':{'AWS':'*'},'Action':'s3:*','Resource':'*'}]}", "Statement[0]", "both Principal and NotPrincipal"),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':'arn:aws:iam::111122223333:root','Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal", "Invalid principal in policy"),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':{},'Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal", "Invalid principal in policy"),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':{'User':'alice'},'Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal.User", "unknown principal type User"),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':{'AWS':'alice'},'Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal.AWS", "Invalid principal in policy: \"AWS\":\"alice\""),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':{'AWS':['111122223333','12345']},'Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal.AWS[1]", "\"AWS\":\"12345\""),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::111122223333:user/*'},'Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal.AWS", "Invalid principal"),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':{'AWS':[]},'Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal.AWS", "the list is empty"),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':{'Service':'*'},'Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal.Service", "Invalid principal"),
                arguments(R, "{'Statement':[{'Effect':'Allow','Principal':{'AWS':5},'Action':'s3:*','Resource':'*'}]}", "Statement[0].Principal.AWS", "must be a string or a list"),
                // Conditions
                arguments(I, cond("{'StringEqualz':{'aws:username':'a'}}"), "Statement[0].Condition", "unknown operator StringEqualz."),
                arguments(I, cond("{'stringequals':{'aws:username':'a'}}"), "Statement[0].Condition", "unknown operator stringequals."),
                arguments(I, cond("{'ForSomeValues:StringEquals':{'aws:username':'a'}}"), "Statement[0].Condition", "unknown operator ForSomeValues:StringEquals"),
                arguments(I, cond("{'ForAllValues:Foo':{'aws:username':'a'}}"), "Statement[0].Condition", "unknown operator ForAllValues:Foo"),
                arguments(I, cond("{'NullIfExists':{'aws:username':'true'}}"), "Statement[0].Condition", "unknown operator NullIfExists"),
                arguments(I, cond("{'StringEqualsIfExistsIfExists':{'aws:username':'a'}}"), "Statement[0].Condition", "unknown operator"),
                arguments(I, cond("{'BinaryNotEquals':{'s3:x':'QUJD'}}"), "Statement[0].Condition", "unknown operator BinaryNotEquals"),
                arguments(I, cond("[]"), "Statement[0].Condition", "Condition must be an object"),
                arguments(I, cond("{'StringEquals':'a'}"), "Statement[0].Condition.StringEquals", "must map condition keys to values"),
                arguments(I, cond("{'StringEquals':{}}"), "Statement[0].Condition.StringEquals", "must map condition keys to values"),
                arguments(I, cond("{'StringEquals':{'username':'a'}}"), "Statement[0].Condition.StringEquals.username", "must be prefaced by a vendor"),
                arguments(I, cond("{'StringEquals':{'aws:username':[]}}"), "Statement[0].Condition.StringEquals.aws:username", "at least one value"),
                arguments(I, cond("{'StringEquals':{'aws:username':{'a':1}}}"), "Statement[0].Condition.StringEquals.aws:username", "must be a string, number or boolean"),
                arguments(I, cond("{'StringEquals':{'aws:username':['a',null]}}"), "Statement[0].Condition.StringEquals.aws:username[1]", "must be a string, number or boolean"),
                arguments(I, cond("{'NumericLessThan':{'s3:max-keys':'ten'}}"), "Statement[0].Condition.NumericLessThan.s3:max-keys", "needs a number, not \"ten\""),
                arguments(I, cond("{'NumericLessThan':{'s3:max-keys':['1','${aws:x}']}}"), "Statement[0].Condition.NumericLessThan.s3:max-keys[1]", "needs a number"),
                arguments(I, cond("{'DateGreaterThan':{'aws:CurrentTime':'yesterday'}}"), "Statement[0].Condition.DateGreaterThan.aws:CurrentTime", "needs an ISO 8601 date"),
                arguments(I, cond("{'DateLessThan':{'aws:CurrentTime':'2026-13-01'}}"), "Statement[0].Condition.DateLessThan.aws:CurrentTime", "needs an ISO 8601 date"),
                arguments(I, cond("{'Bool':{'aws:SecureTransport':'yes'}}"), "Statement[0].Condition.Bool.aws:SecureTransport", "needs true or false"),
                arguments(I, cond("{'Null':{'aws:TokenIssueTime':'maybe'}}"), "Statement[0].Condition.Null.aws:TokenIssueTime", "needs true or false"),
                arguments(I, cond("{'BinaryEquals':{'s3:k':'not base64!'}}"), "Statement[0].Condition.BinaryEquals.s3:k", "needs a base64 value"),
                arguments(I, cond("{'IpAddress':{'aws:SourceIp':'203.0.113.0/33'}}"), "Statement[0].Condition.IpAddress.aws:SourceIp", "needs an IPv4 or IPv6 address"),
                arguments(I, cond("{'IpAddress':{'aws:SourceIp':'203.0.113'}}"), "Statement[0].Condition.IpAddress.aws:SourceIp", "needs an IPv4 or IPv6"),
                arguments(I, cond("{'NotIpAddress':{'aws:SourceIp':'256.0.0.0/8'}}"), "Statement[0].Condition.NotIpAddress.aws:SourceIp", "needs an IPv4"),
                arguments(I, cond("{'IpAddress':{'aws:SourceIp':'2001:db8::1::2'}}"), "Statement[0].Condition.IpAddress.aws:SourceIp", "needs an IPv4 or IPv6"),
                arguments(I, cond("{'IpAddress':{'aws:SourceIp':'example.com'}}"), "Statement[0].Condition.IpAddress.aws:SourceIp", "needs an IPv4 or IPv6"),
                // A Statement object (not a list) is reported without an index.
                arguments(I, "{'Statement':{'Effect':'Allow','Action':'s3:*'}}", "Statement", "Policy statement must contain resources.")
        );
    }

    private static String cond(String condition) {
        return "{'Statement':[{'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':" + condition + "}]}";
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalid")
    void refused(PolicyKind kind, String doc, String path, String fragment) {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyDocument.parse(doc.replace('\'', '"'), kind));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "message: " + e.getMessage());
        assertTrue(path.isEmpty() ? e.getMessage().equals(e.detail()) : e.getMessage().startsWith(path + ": "), e.getMessage());
        assertEquals(kind == E ? "InvalidPolicyDocument" : "MalformedPolicyDocument", e.code(kind));
        assertEquals(e.code(kind), e.toAwsException(kind).code());
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments(E, "{'Statement':[{'Action':'*','Effect':'Allow','Principal':'*','Resource':'*'}]}"),
                arguments(E, "{'Statement':[{'Action':'*','Effect':'Allow','Principal':'*'}]}"),
                arguments(E, "{'Version':'2008-10-17','Statement':[{'Action':'s3:GetObject','Effect':'Allow','Principal':{'AWS':'*'},'Resource':'arn:aws:s3:::b/*'}]}"),
                arguments(R, "{'Version':'2012-10-17','Id':'Policy1415115909152','Statement':[{'Sid':'Access-to-specific-VPCE-only','Principal':'*','Action':'s3:*','Effect':'Deny','Resource':['arn:aws:s3:::bucket','arn:aws:s3:::bucket/*'],'Condition':{'StringNotEquals':{'aws:SourceVpce':'vpce-1a2b3c4d'}}}]}"),
                arguments(R, "{'Statement':{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}}"),
                arguments(R, "{'Statement':{'Effect':'Allow','Principal':{'Federated':'cognito-identity.amazonaws.com'},'Action':'sts:AssumeRoleWithWebIdentity'}}"),
                arguments(R, "{'Statement':{'Effect':'Allow','Principal':{'CanonicalUser':'79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}}"),
                arguments(R, "{'Statement':{'Effect':'Deny','NotPrincipal':{'AWS':['arn:aws:iam::111122223333:root','arn:aws:sts::111122223333:assumed-role/r/s']},'Action':'s3:*','Resource':'*'}}"),
                arguments(R, "{'Statement':{'Sid':'Sid with spaces-and-dashes','Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'}}"),
                arguments(I, "{'Version':'2012-10-17','Statement':[{'Sid':'','Effect':'Allow','Action':'s3:*','Resource':'*'},{'Sid':'','Effect':'Allow','Action':'s3:*','Resource':'*'}]}"),
                arguments(I, "{'Statement':{'Effect':'Allow','NotAction':'iam:*','NotResource':'arn:aws:iam::*:*'}}"),
                arguments(I, "{'Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{}}}"),
                arguments(I, "{'Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{'ForAnyValue:StringLikeIfExists':{'aws:TagKeys':['a*',5,true]}}}}"),
                arguments(I, "{'Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{'DateLessThan':{'aws:CurrentTime':['2026','2026-03','2026-03-01','2026-03-01T10:00Z','2026-03-01T10:00:00.123+05:30','1772323200']}}}}"),
                arguments(I, "{'Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{'IpAddress':{'aws:SourceIp':['10.0.0.0/8','2001:db8::/32','::ffff:10.0.0.1/128']}}}}")
        );
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("valid")
    void accepted(PolicyKind kind, String doc) {
        assertDoesNotThrow(() -> PolicyDocument.parse(doc.replace('\'', '"'), kind));
    }

    @Test
    void identityPoliciesAreLimitedTo6144CharactersNotCountingWhiteSpace() {
        String pad = "s3:" + "a".repeat(6_144 - 75);
        String doc = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"" + pad + "\",\"Resource\":\"*\"}}";
        int size = PolicyKind.IDENTITY.sizeOf(doc);
        String exact = doc.replace(pad, pad + "b".repeat(6_144 - size));
        assertEquals(6_144, PolicyKind.IDENTITY.sizeOf(exact));
        assertDoesNotThrow(() -> PolicyDocument.parse(exact.replace(",", ",        \n"), PolicyKind.IDENTITY));
        PolicyException e = assertThrows(PolicyException.class,
                () -> PolicyDocument.parse(exact.replace(pad, pad + "c"), PolicyKind.IDENTITY));
        assertEquals(PolicyException.Fault.SIZE, e.fault());
        assertEquals("LimitExceeded", e.code(PolicyKind.IDENTITY));
        assertEquals("Cannot exceed quota for PolicySize: 6144", e.getMessage());
    }

    @Test
    void endpointPoliciesAreLimitedTo20480Characters() {
        String base = "{\"Statement\":[{\"Action\":\"*\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"*\"}]}";
        String fits = base + " ".repeat(20_480 - base.length());
        assertDoesNotThrow(() -> PolicyDocument.parse(fits, PolicyKind.ENDPOINT));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyDocument.parse(fits + " ", PolicyKind.ENDPOINT));
        assertEquals("InvalidPolicyDocument", e.code(PolicyKind.ENDPOINT));
        assertTrue(e.getMessage().contains("20481 characters; the limit is 20480"), e.getMessage());
    }

    @Test
    void bucketPoliciesAreLimitedTo20KilobytesOfUtf8() {
        String base = "{\"Statement\":[{\"Sid\":\"\",\"Action\":\"*\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"*\"}]}";
        // "é" is two bytes in UTF-8: half as many characters reach the byte limit.
        int room = 20_480 - base.length();
        String fits = base.replace("\"Sid\":\"\"", "\"Sid\":\"" + "é".repeat(room / 2) + "\"");
        assertDoesNotThrow(() -> PolicyDocument.parse(fits, PolicyKind.RESOURCE));
        String over = base.replace("\"Sid\":\"\"", "\"Sid\":\"" + "é".repeat(room / 2 + 1) + "\"");
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyDocument.parse(over, PolicyKind.RESOURCE));
        assertEquals("MalformedPolicyDocument", e.code(PolicyKind.RESOURCE));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }

    @Test
    void parsedDocumentKeepsVersionIdAndStatementOrder() {
        PolicyDocument p = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Id\":\"p1\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"B\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", PolicyKind.IDENTITY);
        assertEquals("2012-10-17", p.version());
        assertEquals("p1", p.id());
        assertEquals(PolicyKind.IDENTITY, p.kind());
        assertEquals(2, p.statements().size());
        assertEquals("B", p.statements().get(1).sid());
        assertEquals(Effect.DENY, p.statements().get(1).effect());
        assertEquals(1, p.statements().get(1).index());
        PolicyDocument noVersion = PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", PolicyKind.IDENTITY);
        assertEquals(null, noVersion.version());
    }
}
