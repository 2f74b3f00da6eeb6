package io.localvpc.core.iam;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.localvpc.core.iam.Policies.allowIf;
import static io.localvpc.core.iam.Policies.json;
import static io.localvpc.core.iam.Policies.v;
import static io.localvpc.core.iam.Policies.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every condition operator family against present, absent and multi-valued request keys. Each row is
 * (operator, condition key, policy values "a|b" = a list, request values or null for "absent", expected).
 * Expected values follow the IAM User Guide's condition-operator and multivalued-key pages.
 */
class ConditionOperatorTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                // --- String ---
                arguments("StringEquals", "aws:username", "alice", v("alice"), true),
                arguments("StringEquals", "aws:username", "alice", v("Alice"), false),
                arguments("StringEquals", "aws:username", "alice", v("alice2"), false),
                arguments("StringEquals", "aws:username", "alice|bob", v("bob"), true),
                arguments("StringEquals", "aws:username", "alice|bob", v("carol"), false),
                arguments("StringEquals", "aws:username", "al*", v("alice"), false),
                arguments("StringEquals", "aws:username", "al*", v("al*"), true),
                arguments("StringEquals", "s3:x-amz-acl", "private", null, false),
                arguments("StringEquals", "aws:PrincipalTag/team", "", v(""), true),
                arguments("StringNotEquals", "aws:username", "alice", v("alice"), false),
                arguments("StringNotEquals", "aws:username", "alice", v("bob"), true),
                arguments("StringNotEquals", "aws:username", "alice|bob", v("bob"), false),
                arguments("StringNotEquals", "aws:username", "alice|bob", v("carol"), true),
                arguments("StringNotEquals", "s3:x-amz-acl", "private", null, true),
                arguments("StringEqualsIgnoreCase", "aws:username", "ALICE", v("alice"), true),
                arguments("StringEqualsIgnoreCase", "aws:username", "alice", v("ALICE"), true),
                arguments("StringEqualsIgnoreCase", "aws:username", "alice", v("alicia"), false),
                arguments("StringEqualsIgnoreCase", "aws:PrincipalTag/name", "alice", null, false),
                arguments("StringNotEqualsIgnoreCase", "aws:username", "ALICE", v("alice"), false),
                arguments("StringNotEqualsIgnoreCase", "aws:username", "ALICE", v("bob"), true),
                arguments("StringNotEqualsIgnoreCase", "aws:PrincipalTag/name", "ALICE", null, true),
                arguments("StringLike", "s3:prefix", "home/*", v("home/alice/x"), true),
                arguments("StringLike", "s3:prefix", "home/*", v("home/"), true),
                arguments("StringLike", "s3:prefix", "home/*", v("Home/alice"), false),
                arguments("StringLike", "s3:prefix", "home/*", v("work/home/alice"), false),
                arguments("StringLike", "s3:prefix", "h?me", v("home"), true),
                arguments("StringLike", "s3:prefix", "h?me", v("hme"), false),
                arguments("StringLike", "s3:prefix", "*a*b*", v("xaxxbx"), true),
                arguments("StringLike", "s3:prefix", "*a*b*", v("xbxxax"), false),
                arguments("StringLike", "s3:prefix", "", v(""), true),
                arguments("StringLike", "s3:prefix", "*", v(""), true),
                arguments("StringLike", "s3:prefix", "a|b*", v("bee"), true),
                arguments("StringLike", "s3:prefix", "home/*", null, false),
                arguments("StringNotLike", "s3:prefix", "home/*", v("home/alice"), false),
                arguments("StringNotLike", "s3:prefix", "home/*", v("tmp/alice"), true),
                arguments("StringNotLike", "s3:prefix", "home/*|tmp/*", v("tmp/alice"), false),
                arguments("StringNotLike", "s3:prefix", "home/*", null, true),
                // --- Numeric ---
                arguments("NumericEquals", "s3:max-keys", "10", v("10"), true),
                arguments("NumericEquals", "s3:max-keys", "10", v("10.0"), true),
                arguments("NumericEquals", "s3:max-keys", "10", v("11"), false),
                arguments("NumericEquals", "s3:max-keys", "10", v("ten"), false),
                arguments("NumericEquals", "s3:max-keys", "10", null, false),
                arguments("NumericNotEquals", "s3:max-keys", "10", v("10"), false),
                arguments("NumericNotEquals", "s3:max-keys", "10", v("9"), true),
                arguments("NumericNotEquals", "s3:max-keys", "10|9", v("9"), false),
                arguments("NumericNotEquals", "s3:max-keys", "10", null, true),
                arguments("NumericLessThan", "s3:max-keys", "10", v("9"), true),
                arguments("NumericLessThan", "s3:max-keys", "10", v("10"), false),
                arguments("NumericLessThan", "s3:max-keys", "10", v("-5"), true),
                arguments("NumericLessThan", "s3:max-keys", "1.5", v("1.25"), true),
                arguments("NumericLessThan", "s3:max-keys", "10", null, false),
                arguments("NumericLessThanEquals", "s3:max-keys", "10", v("10"), true),
                arguments("NumericLessThanEquals", "s3:max-keys", "10", v("11"), false),
                arguments("NumericGreaterThan", "s3:max-keys", "10", v("11"), true),
                arguments("NumericGreaterThan", "s3:max-keys", "10", v("10"), false),
                arguments("NumericGreaterThanEquals", "s3:max-keys", "10", v("10"), true),
                arguments("NumericGreaterThanEquals", "s3:max-keys", "10", v("9.999"), false),
                arguments("NumericGreaterThanEquals", "s3:max-keys", "10|20", v("15"), true),
                // --- Date ---
                arguments("DateEquals", "aws:CurrentTime", "2026-03-01T00:00:00Z", v("2026-03-01T00:00:00Z"), true),
                arguments("DateEquals", "aws:CurrentTime", "2026-03-01", v("2026-03-01T00:00:00Z"), true),
                arguments("DateEquals", "aws:CurrentTime", "2026-03-01T00:00:00Z", v("1772323200"), true),
                arguments("DateEquals", "aws:CurrentTime", "2026-03-01T01:00:00+01:00", v("2026-03-01T00:00:00Z"), true),
                arguments("DateEquals", "aws:CurrentTime", "2026-03-01T00:00:00Z", v("2026-03-01T00:00:01Z"), false),
                arguments("DateEquals", "aws:CurrentTime", "2026-03-01T00:00:00Z", v("not-a-date"), false),
                arguments("DateNotEquals", "aws:CurrentTime", "2026-03-01T00:00:00Z", v("2026-03-02T00:00:00Z"), true),
                arguments("DateNotEquals", "aws:CurrentTime", "2026-03-01T00:00:00Z", v("2026-03-01T00:00:00Z"), false),
                arguments("DateNotEquals", "aws:CurrentTime", "2026-03-01T00:00:00Z", null, true),
                arguments("DateLessThan", "aws:CurrentTime", "2026-12-31T23:59:59Z", v("2026-06-01T12:00:00Z"), true),
                arguments("DateLessThan", "aws:CurrentTime", "2026-12-31T23:59:59Z", v("2027-01-01T00:00:00Z"), false),
                arguments("DateLessThan", "aws:CurrentTime", "2026-12-31T23:59:59Z", null, false),
                arguments("DateLessThan", "aws:EpochTime", "1772323200", v("1772323199"), true),
                arguments("DateLessThanEquals", "aws:CurrentTime", "2026-03-01", v("2026-03-01T00:00:00Z"), true),
                arguments("DateLessThanEquals", "aws:CurrentTime", "2026-03-01", v("2026-03-01T00:00:00.001Z"), false),
                arguments("DateGreaterThan", "aws:CurrentTime", "2026-03-01T00:00:00Z", v("2026-03-01T00:00:01Z"), true),
                arguments("DateGreaterThan", "aws:CurrentTime", "2026-03-01T00:00:00Z", v("2026-03-01T00:00:00Z"), false),
                arguments("DateGreaterThan", "aws:CurrentTime", "2026", v("2026-01-01T00:00:01Z"), true),
                arguments("DateGreaterThanEquals", "aws:CurrentTime", "2026-03", v("2026-03-01T00:00:00Z"), true),
                arguments("DateGreaterThanEquals", "aws:CurrentTime", "2026-03-01T12:00Z", v("2026-03-01T11:59:59Z"), false),
                arguments("DateGreaterThanEquals", "aws:TokenIssueTime", "2026-03-01T12:00:00", v("2026-03-01T12:00:00Z"), true),
                // --- Bool ---
                arguments("Bool", "aws:SecureTransport", "true", v("true"), true),
                arguments("Bool", "aws:SecureTransport", "true", v("TRUE"), true),
                arguments("Bool", "aws:SecureTransport", "true", v("false"), false),
                arguments("Bool", "aws:SecureTransport", "false", v("false"), true),
                arguments("Bool", "aws:SecureTransport", "false", null, false),
                arguments("Bool", "aws:MultiFactorAuthPresent", "true|false", v("false"), true),
                // --- Binary ---
                arguments("BinaryEquals", "s3:key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", v("QmluYXJ5VmFsdWVJbkJhc2U2NA=="), true),
                arguments("BinaryEquals", "s3:key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", v("QmluYXJ5VmFsdWVJbkJhc2U2NQ=="), false),
                arguments("BinaryEquals", "s3:key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", v("%%%"), false),
                arguments("BinaryEquals", "s3:key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", null, false),
                // --- IP ---
                arguments("IpAddress", "aws:SourceIp", "203.0.113.0/24", v("203.0.113.7"), true),
                arguments("IpAddress", "aws:SourceIp", "203.0.113.0/24", v("203.0.114.7"), false),
                arguments("IpAddress", "aws:SourceIp", "203.0.113.0/24", v("203.0.113.0/25"), true),
                arguments("IpAddress", "aws:SourceIp", "203.0.113.0/24", v("203.0.112.0/23"), false),
                arguments("IpAddress", "aws:SourceIp", "203.0.113.5", v("203.0.113.5"), true),
                arguments("IpAddress", "aws:SourceIp", "203.0.113.5/32", v("203.0.113.6"), false),
                arguments("IpAddress", "aws:SourceIp", "0.0.0.0/0", v("198.51.100.1"), true),
                arguments("IpAddress", "aws:SourceIp", "10.0.0.0/8|192.168.0.0/16", v("192.168.4.4"), true),
                arguments("IpAddress", "aws:SourceIp", "203.0.113.0/24", v("2001:db8::1"), false),
                arguments("IpAddress", "aws:SourceIp", "2001:DB8:1234:5678::/64", v("2001:db8:1234:5678:abcd::1"), true),
                arguments("IpAddress", "aws:SourceIp", "2001:DB8:1234:5678::/64", v("2001:db8:1234:5679::1"), false),
                arguments("IpAddress", "aws:SourceIp", "::/0", v("::1"), true),
                arguments("IpAddress", "aws:SourceIp", "203.0.113.0/24", v("banana"), false),
                arguments("IpAddress", "aws:SourceIp", "203.0.113.0/24", null, false),
                arguments("NotIpAddress", "aws:SourceIp", "203.0.113.0/24", v("203.0.113.7"), false),
                arguments("NotIpAddress", "aws:SourceIp", "203.0.113.0/24", v("198.51.100.7"), true),
                arguments("NotIpAddress", "aws:SourceIp", "203.0.113.0/24|198.51.100.0/24", v("198.51.100.7"), false),
                arguments("NotIpAddress", "aws:SourceIp", "203.0.113.0/24", null, true),
                // --- ARN ---
                arguments("ArnEquals", "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic", v("arn:aws:sns:us-east-1:111122223333:topic"), true),
                arguments("ArnEquals", "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic", v("arn:aws:sns:us-east-1:111122223333:topic2"), false),
                arguments("ArnEquals", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", v("arn:aws:sns:eu-west-1:111122223333:t"), true),
                arguments("ArnLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", v("arn:aws:sns:eu-west-1:111122223333:t"), true),
                arguments("ArnLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", v("arn:aws:sns:eu-west-1:444455556666:t"), false),
                arguments("ArnLike", "aws:SourceArn", "arn:aws:s3:::bucket/*", v("arn:aws:s3:::bucket/a/b:c"), true),
                arguments("ArnLike", "aws:SourceArn", "arn:aws:*:us-east-1:*:*", v("arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1"), true),
                arguments("ArnLike", "aws:SourceArn", "arn:aws:ec2:us-east-1:111122223333:*", v("arn:aws:ec2:us-east-1:111122223333"), false),
                arguments("ArnLike", "aws:SourceArn", "arn:aws:ec2:us-east-1:1111*", v("arn:aws:ec2:us-east-1:111122223333:vpc/x"), false),
                arguments("ArnLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", v("not-an-arn"), false),
                arguments("ArnLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", null, false),
                arguments("ArnNotEquals", "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic", v("arn:aws:sns:us-east-1:111122223333:topic"), false),
                arguments("ArnNotEquals", "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic", v("arn:aws:sns:us-east-1:111122223333:other"), true),
                arguments("ArnNotLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", v("arn:aws:sns:eu-west-1:444455556666:t"), true),
                arguments("ArnNotLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", v("arn:aws:sns:eu-west-1:111122223333:t"), false),
                arguments("ArnNotLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", null, true),
                // --- Null ---
                arguments("Null", "aws:TokenIssueTime", "true", null, true),
                arguments("Null", "aws:TokenIssueTime", "true", v("2026-03-01T00:00:00Z"), false),
                arguments("Null", "aws:TokenIssueTime", "false", v("2026-03-01T00:00:00Z"), true),
                arguments("Null", "aws:TokenIssueTime", "false", null, false),
                arguments("Null", "aws:TokenIssueTime", "FALSE", v("x"), true),
                arguments("Null", "aws:TagKeys", "true", v(), true),
                // --- IfExists: absent key → true; present key → the operator decides ---
                arguments("StringEqualsIfExists", "ec2:InstanceType", "t2.micro", null, true),
                arguments("StringEqualsIfExists", "ec2:InstanceType", "t2.micro", v("t2.micro"), true),
                arguments("StringEqualsIfExists", "ec2:InstanceType", "t2.micro", v("m5.large"), false),
                arguments("StringNotEqualsIfExists", "ec2:InstanceType", "t2.micro", null, true),
                arguments("StringNotEqualsIfExists", "ec2:InstanceType", "t2.micro", v("t2.micro"), false),
                arguments("StringEqualsIgnoreCaseIfExists", "ec2:InstanceType", "T2.MICRO", v("t2.micro"), true),
                arguments("StringNotEqualsIgnoreCaseIfExists", "ec2:InstanceType", "T2.MICRO", v("t2.micro"), false),
                arguments("StringLikeIfExists", "ec2:InstanceType", "t2.*", null, true),
                arguments("StringLikeIfExists", "ec2:InstanceType", "t2.*", v("t3.micro"), false),
                arguments("StringNotLikeIfExists", "ec2:InstanceType", "t2.*", v("t3.micro"), true),
                arguments("NumericEqualsIfExists", "s3:max-keys", "10", null, true),
                arguments("NumericNotEqualsIfExists", "s3:max-keys", "10", v("10"), false),
                arguments("NumericLessThanIfExists", "s3:max-keys", "10", v("11"), false),
                arguments("NumericLessThanEqualsIfExists", "s3:max-keys", "10", null, true),
                arguments("NumericGreaterThanIfExists", "s3:max-keys", "10", v("11"), true),
                arguments("NumericGreaterThanEqualsIfExists", "s3:max-keys", "10", v("9"), false),
                arguments("DateEqualsIfExists", "aws:CurrentTime", "2026-03-01", null, true),
                arguments("DateNotEqualsIfExists", "aws:CurrentTime", "2026-03-01", v("2026-03-01"), false),
                arguments("DateLessThanIfExists", "aws:CurrentTime", "2026-03-01", v("2026-02-01"), true),
                arguments("DateLessThanEqualsIfExists", "aws:CurrentTime", "2026-03-01", v("2026-04-01"), false),
                arguments("DateGreaterThanIfExists", "aws:CurrentTime", "2026-03-01", null, true),
                arguments("DateGreaterThanEqualsIfExists", "aws:CurrentTime", "2026-03-01", v("2026-03-01"), true),
                arguments("BoolIfExists", "aws:MultiFactorAuthPresent", "false", null, true),
                arguments("BoolIfExists", "aws:MultiFactorAuthPresent", "false", v("true"), false),
                arguments("BinaryEqualsIfExists", "s3:key", "QUJD", null, true),
                arguments("BinaryEqualsIfExists", "s3:key", "QUJD", v("QUJE"), false),
                arguments("IpAddressIfExists", "aws:SourceIp", "203.0.113.0/24", null, true),
                arguments("IpAddressIfExists", "aws:SourceIp", "203.0.113.0/24", v("198.51.100.1"), false),
                arguments("NotIpAddressIfExists", "aws:SourceIp", "203.0.113.0/24", v("203.0.113.1"), false),
                arguments("ArnEqualsIfExists", "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t", null, true),
                arguments("ArnLikeIfExists", "aws:SourceArn", "arn:aws:sns:*:*:t", v("arn:aws:sns:us-east-1:1:u"), false),
                arguments("ArnNotEqualsIfExists", "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t", v("arn:aws:sns:us-east-1:111122223333:t"), false),
                arguments("ArnNotLikeIfExists", "aws:SourceArn", "arn:aws:sns:*:*:t", null, true),
                // --- Condition keys are case-insensitive ---
                arguments("StringEquals", "AWS:SourceVpce", "vpce-1a2b3c4d", v("vpce-1a2b3c4d"), true),
                arguments("StringEquals", "aws:sourcevpce", "vpce-1a2b3c4d", v("vpce-1a2b3c4d"), true),
                // --- numbers and booleans may be JSON scalars, not only strings (handled in rowsRaw) ---
                // --- Multivalued keys without a set operator: any value matches / none matches for negated ---
                arguments("StringEquals", "aws:TagKeys", "env", v("env", "team"), true),
                arguments("StringEquals", "aws:TagKeys", "cost", v("env", "team"), false),
                arguments("StringNotEquals", "aws:TagKeys", "env", v("env", "team"), false),
                arguments("StringNotEquals", "aws:TagKeys", "cost", v("env", "team"), true)
        );
    }

    /** ForAllValues / ForAnyValue with present, empty, absent and multi-valued keys (IAM User Guide, multivalued context keys). */
    static Stream<Arguments> setRows() {
        return Stream.of(
                arguments("ForAllValues:StringEquals", "aws:TagKeys", "env|team", v("env"), true),
                arguments("ForAllValues:StringEquals", "aws:TagKeys", "env|team", v("env", "team"), true),
                arguments("ForAllValues:StringEquals", "aws:TagKeys", "env|team", v("env", "cost"), false),
                arguments("ForAllValues:StringEquals", "aws:TagKeys", "env|team", null, true),
                arguments("ForAllValues:StringEquals", "aws:TagKeys", "env|team", v(), true),
                arguments("ForAllValues:StringEqualsIgnoreCase", "aws:TagKeys", "env|team", v("ENV", "Team"), true),
                arguments("ForAllValues:StringLike", "aws:TagKeys", "key*", v("key1", "keyB"), true),
                arguments("ForAllValues:StringLike", "aws:TagKeys", "key*", v("key1", "other"), false),
                arguments("ForAllValues:StringNotEquals", "aws:TagKeys", "secret|admin", v("env", "team"), true),
                arguments("ForAllValues:StringNotEquals", "aws:TagKeys", "secret|admin", v("env", "admin"), false),
                arguments("ForAllValues:StringNotEquals", "aws:TagKeys", "secret", null, true),
                arguments("ForAllValues:StringNotLike", "aws:TagKeys", "aws:*", v("env", "aws:x"), false),
                arguments("ForAllValues:NumericLessThan", "s3:counts", "10", v("1", "9"), true),
                arguments("ForAllValues:NumericLessThan", "s3:counts", "10", v("1", "10"), false),
                arguments("ForAllValues:ArnLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", v("arn:aws:sns:a:111122223333:x", "arn:aws:sns:b:111122223333:y"), true),
                arguments("ForAllValues:ArnLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*", v("arn:aws:sns:a:111122223333:x", "arn:aws:sns:b:444455556666:y"), false),
                arguments("ForAllValues:IpAddress", "aws:SourceIp", "10.0.0.0/8", v("10.1.1.1", "10.2.2.2"), true),
                arguments("ForAllValues:IpAddress", "aws:SourceIp", "10.0.0.0/8", v("10.1.1.1", "11.2.2.2"), false),
                arguments("ForAllValues:StringEqualsIfExists", "aws:TagKeys", "env", null, true),
                arguments("ForAnyValue:StringEquals", "aws:TagKeys", "env|team", v("cost", "env"), true),
                arguments("ForAnyValue:StringEquals", "aws:TagKeys", "env|team", v("cost"), false),
                arguments("ForAnyValue:StringEquals", "aws:TagKeys", "env|team", null, false),
                arguments("ForAnyValue:StringEquals", "aws:TagKeys", "env|team", v(), false),
                arguments("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "env|team", null, true),
                arguments("ForAnyValue:StringLike", "aws:TagKeys", "env*", v("cost", "envX"), true),
                arguments("ForAnyValue:StringNotEquals", "aws:TagKeys", "env", v("env", "cost"), true),
                arguments("ForAnyValue:StringNotEquals", "aws:TagKeys", "env", v("env"), false),
                arguments("ForAnyValue:StringNotEquals", "aws:TagKeys", "env", null, false),
                arguments("ForAnyValue:StringNotLike", "aws:TagKeys", "env*", v("env1", "env2"), false),
                arguments("ForAnyValue:StringNotLike", "aws:TagKeys", "env*", v("env1", "cost"), true),
                arguments("ForAnyValue:NumericGreaterThan", "s3:counts", "10", v("1", "11"), true),
                arguments("ForAnyValue:DateLessThan", "aws:dates", "2026-01-01", v("2027-01-01", "2025-01-01"), true),
                arguments("ForAnyValue:Bool", "aws:flags", "true", v("false", "true"), true),
                arguments("ForAnyValue:ArnEquals", "aws:PrincipalServiceNamesList", "arn:aws:iam::111122223333:role/r", v("arn:aws:iam::111122223333:role/r"), true),
                arguments("ForAnyValue:ArnNotLike", "aws:SourceArn", "arn:aws:sns:*:*:*", v("arn:aws:sns:a:1:x"), false),
                arguments("ForAnyValue:NotIpAddress", "aws:SourceIp", "10.0.0.0/8", v("10.1.1.1", "11.1.1.1"), true),
                arguments("ForAnyValue:BinaryEquals", "s3:keys", "QUJD", v("QUJE", "QUJD"), true)
        );
    }

    @ParameterizedTest(name = "{0} {1}={2} vs request {3} -> {4}")
    @MethodSource({"rows", "setRows"})
    void operator(String operator, String key, String policyValues, String[] request, boolean expected) {
        PolicyDocument policy = allowIf("{" + Policies.quote(operator) + ":{" + Policies.quote(key) + ":" + json(policyValues) + "}}");
        Decision d = policy.evaluate(withKey(key, request)).decision();
        assertEquals(expected ? Decision.ALLOW : Decision.IMPLICIT_DENY, d);
    }

    static Stream<Arguments> scalarRows() {
        return Stream.of(
                arguments("{\"NumericLessThanEquals\":{\"s3:max-keys\":10}}", "s3:max-keys", v("10"), true),
                arguments("{\"NumericLessThanEquals\":{\"s3:max-keys\":10}}", "s3:max-keys", v("11"), false),
                arguments("{\"NumericEquals\":{\"s3:max-keys\":[1,2.5]}}", "s3:max-keys", v("2.50"), true),
                arguments("{\"Bool\":{\"aws:SecureTransport\":false}}", "aws:SecureTransport", v("false"), true),
                arguments("{\"Bool\":{\"aws:SecureTransport\":true}}", "aws:SecureTransport", v("false"), false),
                arguments("{\"Null\":{\"aws:SourceVpce\":true}}", "aws:SourceVpce", null, true),
                arguments("{\"StringEquals\":{\"s3:x\":5}}", "s3:x", v("5"), true),
                // Several keys in one operator: AND.
                arguments("{\"StringEquals\":{\"aws:username\":\"alice\",\"s3:prefix\":\"home\"}}", "s3:prefix", v("home"), true),
                arguments("{\"StringEquals\":{\"aws:username\":\"bob\",\"s3:prefix\":\"home\"}}", "s3:prefix", v("home"), false),
                // Several operators: AND.
                arguments("{\"StringLike\":{\"s3:prefix\":\"h*\"},\"StringNotEquals\":{\"s3:prefix\":\"hx\"}}", "s3:prefix", v("home"), true),
                arguments("{\"StringLike\":{\"s3:prefix\":\"h*\"},\"StringNotEquals\":{\"s3:prefix\":\"home\"}}", "s3:prefix", v("home"), false),
                // An empty Condition block places no condition.
                arguments("{}", "s3:prefix", null, true)
        );
    }

    @ParameterizedTest(name = "{0} with {1}={2} -> {3}")
    @MethodSource("scalarRows")
    void block(String condition, String key, String[] request, boolean expected) {
        Decision d = allowIf(condition).evaluate(withKey(key, request)).decision();
        assertEquals(expected ? Decision.ALLOW : Decision.IMPLICIT_DENY, d);
    }
}
