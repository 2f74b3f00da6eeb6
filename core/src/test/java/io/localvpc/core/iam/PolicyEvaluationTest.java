package io.localvpc.core.iam;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Whole documents from AWS's documentation (IAM User Guide example policies, S3 and VPC endpoint policy
 * examples) against requests that should and should not pass, with the statement that decides.
 * Rows: (policy, kind, request, expected decision, deciding statement index or -1, its Sid or null).
 */
class PolicyEvaluationTest {
    private static final String ALICE = Policies.ALICE;
    private static final String BOB = Policies.BOB_OTHER_ACCOUNT;

    // VPC endpoint policies (AWS PrivateLink guide) — the default, and "only these buckets".
    static final String DEFAULT_ENDPOINT = "{'Statement':[{'Action':'*','Effect':'Allow','Principal':'*','Resource':'*'}]}";
    static final String ENDPOINT_ONLY_BUCKET = "{'Statement':[{'Sid':'Access-to-specific-bucket-only','Principal':'*',"
            + "'Action':['s3:GetObject','s3:PutObject'],'Effect':'Allow','Resource':['arn:aws:s3:::example-bucket','arn:aws:s3:::example-bucket/*']}]}";
    static final String ENDPOINT_DENY_PRINCIPAL_ACCOUNT = "{'Statement':[{'Effect':'Allow','Principal':'*','Action':'*','Resource':'*'},"
            + "{'Sid':'OnlyOurAccount','Effect':'Deny','Principal':'*','Action':'*','Resource':'*',"
            + "'Condition':{'StringNotEquals':{'aws:PrincipalAccount':'111122223333'}}}]}";
    // S3 bucket policies (S3 User Guide): only through one endpoint, only from one VPC, only over TLS.
    static final String BUCKET_ONLY_VPCE = "{'Version':'2012-10-17','Id':'Policy1415115909152','Statement':[{'Sid':'Access-to-specific-VPCE-only',"
            + "'Principal':'*','Action':'s3:*','Effect':'Deny','Resource':['arn:aws:s3:::awsexamplebucket1','arn:aws:s3:::awsexamplebucket1/*'],"
            + "'Condition':{'StringNotEquals':{'aws:SourceVpce':'vpce-1a2b3c4d'}}}]}";
    static final String BUCKET_ONLY_VPC = "{'Version':'2012-10-17','Statement':[{'Sid':'Access-to-specific-VPC-only','Principal':'*',"
            + "'Action':'s3:*','Effect':'Deny','Resource':['arn:aws:s3:::awsexamplebucket1','arn:aws:s3:::awsexamplebucket1/*'],"
            + "'Condition':{'StringNotEquals':{'aws:SourceVpc':'vpc-111bbb22'}}},"
            + "{'Sid':'AllowAll','Principal':{'AWS':'111122223333'},'Action':'s3:*','Effect':'Allow','Resource':['arn:aws:s3:::awsexamplebucket1','arn:aws:s3:::awsexamplebucket1/*']}]}";
    static final String BUCKET_TLS_ONLY = "{'Version':'2012-10-17','Statement':[{'Sid':'RestrictToTLSRequestsOnly','Effect':'Deny','Principal':'*',"
            + "'Action':'s3:*','Resource':['arn:aws:s3:::b','arn:aws:s3:::b/*'],'Condition':{'Bool':{'aws:SecureTransport':'false'}}}]}";
    // IAM User Guide examples.
    static final String ALL_BUT_IAM = "{'Version':'2012-10-17','Statement':[{'Sid':'AllowAllExceptIam','Effect':'Allow','NotAction':'iam:*','Resource':'*'}]}";
    static final String DENY_OUTSIDE_REGIONS = "{'Version':'2012-10-17','Statement':[{'Sid':'AllowAll','Effect':'Allow','Action':'*','Resource':'*'},"
            + "{'Sid':'DenyAllOutsideRequestedRegions','Effect':'Deny','NotAction':['cloudfront:*','iam:*','route53:*','support:*'],'Resource':'*',"
            + "'Condition':{'StringNotEquals':{'aws:RequestedRegion':['eu-central-1','eu-west-1']}}}]}";
    static final String DENY_WITHOUT_MFA = "{'Version':'2012-10-17','Statement':[{'Sid':'AllowEc2','Effect':'Allow','Action':'ec2:*','Resource':'*'},"
            + "{'Sid':'DenyStopAndTerminateWhenMFAIsNotPresent','Effect':'Deny','Action':['ec2:StopInstances','ec2:TerminateInstances'],'Resource':'*',"
            + "'Condition':{'BoolIfExists':{'aws:MultiFactorAuthPresent':false}}}]}";
    static final String DATE_WINDOW = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'service-prefix:action-name','Resource':'*',"
            + "'Condition':{'DateGreaterThan':{'aws:CurrentTime':'2020-04-01T00:00:00Z'},'DateLessThan':{'aws:CurrentTime':'2020-06-30T23:59:59Z'}}}]}";
    static final String DENY_BY_IP = "{'Version':'2012-10-17','Statement':{'Effect':'Deny','Action':'*','Resource':'*',"
            + "'Condition':{'NotIpAddress':{'aws:SourceIp':['192.0.2.0/24','203.0.113.0/24']},'Bool':{'aws:ViaAWSService':'false'}}}}";
    static final String TAG_KEYS = "{'Version':'2012-10-17','Statement':[{'Sid':'AllowTagging','Effect':'Allow','Action':'ec2:CreateTags','Resource':'*',"
            + "'Condition':{'ForAllValues:StringEquals':{'aws:TagKeys':['environment','cost-center']}}},"
            + "{'Sid':'RequireTags','Effect':'Deny','Action':'ec2:CreateTags','Resource':'*','Condition':{'ForAnyValue:StringEquals':{'aws:TagKeys':'owner'}}}]}";
    static final String HOME_FOLDER = "{'Version':'2012-10-17','Statement':[{'Sid':'ListOwnPrefix','Effect':'Allow','Action':'s3:ListBucket',"
            + "'Resource':'arn:aws:s3:::amzn-s3-demo-bucket','Condition':{'StringLike':{'s3:prefix':['','home/','home/${aws:username}/*']}}},"
            + "{'Sid':'ObjectsInOwnFolder','Effect':'Allow','Action':'s3:*','Resource':['arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}','arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*']}]}";
    static final String NOT_RESOURCE = "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','NotResource':['arn:aws:s3:::HRBucket/Payroll','arn:aws:s3:::HRBucket/Payroll/*']}}";
    static final String DENY_ALL_BUT = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::444455556666:root'},'Action':'s3:*','Resource':'*'},"
            + "{'Sid':'DenyAllBut','Effect':'Deny','NotPrincipal':{'AWS':['arn:aws:iam::444455556666:user/bob','arn:aws:iam::444455556666:root']},'Action':'s3:*','Resource':'*'}]}";
    static final String NOT_PRINCIPAL_USER_ONLY = "{'Statement':[{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'},"
            + "{'Effect':'Deny','NotPrincipal':{'AWS':'arn:aws:iam::444455556666:user/bob'},'Action':'s3:*','Resource':'*'}]}";
    static final String NOT_PRINCIPAL_ROLE = "{'Statement':[{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'},"
            + "{'Effect':'Deny','NotPrincipal':{'AWS':['arn:aws:iam::111122223333:role/builder','111122223333']},'Action':'s3:*','Resource':'*'}]}";
    static final String DENY_WINS = "{'Version':'2012-10-17','Statement':[{'Sid':'A1','Effect':'Allow','Action':'s3:*','Resource':'*'},"
            + "{'Sid':'A2','Effect':'Allow','Action':'s3:Get*','Resource':'*'},{'Sid':'D1','Effect':'Deny','Action':'s3:DeleteBucket','Resource':'*'},"
            + "{'Sid':'D2','Effect':'Deny','Action':'s3:Delete*','Resource':'arn:aws:s3:::prod*'}]}";

    static Stream<Arguments> cases() {
        return Stream.of(
                row(DEFAULT_ENDPOINT, PolicyKind.ENDPOINT, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::any/x"), Decision.ALLOW, 0, null),
                row(DEFAULT_ENDPOINT, PolicyKind.ENDPOINT, r -> r.anonymous().action("sqs:SendMessage").resource("arn:aws:sqs:us-east-1:111122223333:q"), Decision.ALLOW, 0, null),
                row(DEFAULT_ENDPOINT, PolicyKind.ENDPOINT, r -> r.servicePrincipal("ec2.amazonaws.com").action("kms:Decrypt"), Decision.ALLOW, 0, null),
                row(ENDPOINT_ONLY_BUCKET, PolicyKind.ENDPOINT, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::example-bucket/k"), Decision.ALLOW, 0, "Access-to-specific-bucket-only"),
                row(ENDPOINT_ONLY_BUCKET, PolicyKind.ENDPOINT, r -> r.principal(ALICE).action("s3:PutObject").resource("arn:aws:s3:::example-bucket/k"), Decision.ALLOW, 0, "Access-to-specific-bucket-only"),
                row(ENDPOINT_ONLY_BUCKET, PolicyKind.ENDPOINT, r -> r.principal(ALICE).action("s3:DeleteObject").resource("arn:aws:s3:::example-bucket/k"), Decision.IMPLICIT_DENY, -1, null),
                row(ENDPOINT_ONLY_BUCKET, PolicyKind.ENDPOINT, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::other-bucket/k"), Decision.IMPLICIT_DENY, -1, null),
                row(ENDPOINT_ONLY_BUCKET, PolicyKind.ENDPOINT, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::example-bucket-2/k"), Decision.IMPLICIT_DENY, -1, null),
                row(ENDPOINT_DENY_PRINCIPAL_ACCOUNT, PolicyKind.ENDPOINT, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.ALLOW, 0, null),
                row(ENDPOINT_DENY_PRINCIPAL_ACCOUNT, PolicyKind.ENDPOINT, r -> r.principal(BOB).action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.EXPLICIT_DENY, 1, "OnlyOurAccount"),
                row(ENDPOINT_DENY_PRINCIPAL_ACCOUNT, PolicyKind.ENDPOINT, r -> r.anonymous().action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.EXPLICIT_DENY, 1, "OnlyOurAccount"),
                row(BUCKET_ONLY_VPCE, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::awsexamplebucket1/k").key("aws:SourceVpce", "vpce-1a2b3c4d"), Decision.IMPLICIT_DENY, -1, null),
                row(BUCKET_ONLY_VPCE, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::awsexamplebucket1/k").key("aws:SourceVpce", "vpce-99999999"), Decision.EXPLICIT_DENY, 0, "Access-to-specific-VPCE-only"),
                row(BUCKET_ONLY_VPCE, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::awsexamplebucket1/k"), Decision.EXPLICIT_DENY, 0, "Access-to-specific-VPCE-only"),
                row(BUCKET_ONLY_VPCE, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:ListBucket").resource("arn:aws:s3:::awsexamplebucket1"), Decision.EXPLICIT_DENY, 0, "Access-to-specific-VPCE-only"),
                row(BUCKET_ONLY_VPCE, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::otherbucket/k"), Decision.IMPLICIT_DENY, -1, null),
                row(BUCKET_ONLY_VPCE, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::awsexamplebucket1/k").key("AWS:SOURCEVPCE", "vpce-1a2b3c4d"), Decision.IMPLICIT_DENY, -1, null),
                row(BUCKET_ONLY_VPC, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:PutObject").resource("arn:aws:s3:::awsexamplebucket1/k").key("aws:SourceVpc", "vpc-111bbb22"), Decision.ALLOW, 1, "AllowAll"),
                row(BUCKET_ONLY_VPC, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:PutObject").resource("arn:aws:s3:::awsexamplebucket1/k").key("aws:SourceVpc", "vpc-222ccc33"), Decision.EXPLICIT_DENY, 0, "Access-to-specific-VPC-only"),
                row(BUCKET_ONLY_VPC, PolicyKind.RESOURCE, r -> r.principal(BOB).action("s3:PutObject").resource("arn:aws:s3:::awsexamplebucket1/k").key("aws:SourceVpc", "vpc-111bbb22"), Decision.IMPLICIT_DENY, -1, null),
                row(BUCKET_TLS_ONLY, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::b/k").key("aws:SecureTransport", "false"), Decision.EXPLICIT_DENY, 0, "RestrictToTLSRequestsOnly"),
                row(BUCKET_TLS_ONLY, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::b/k").key("aws:SecureTransport", "true"), Decision.IMPLICIT_DENY, -1, null),
                row(BUCKET_TLS_ONLY, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.IMPLICIT_DENY, -1, null),
                row(ALL_BUT_IAM, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:RunInstances").resource("*"), Decision.ALLOW, 0, "AllowAllExceptIam"),
                row(ALL_BUT_IAM, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("iam:CreateUser").resource("*"), Decision.IMPLICIT_DENY, -1, null),
                row(ALL_BUT_IAM, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("IAM:ListUsers").resource("*"), Decision.IMPLICIT_DENY, -1, null),
                row(DENY_OUTSIDE_REGIONS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:RunInstances").key("aws:RequestedRegion", "eu-west-1"), Decision.ALLOW, 0, "AllowAll"),
                row(DENY_OUTSIDE_REGIONS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:RunInstances").key("aws:RequestedRegion", "us-east-1"), Decision.EXPLICIT_DENY, 1, "DenyAllOutsideRequestedRegions"),
                row(DENY_OUTSIDE_REGIONS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("iam:CreateRole").key("aws:RequestedRegion", "us-east-1"), Decision.ALLOW, 0, "AllowAll"),
                row(DENY_OUTSIDE_REGIONS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject"), Decision.EXPLICIT_DENY, 1, "DenyAllOutsideRequestedRegions"),
                row(DENY_WITHOUT_MFA, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:StopInstances").key("aws:MultiFactorAuthPresent", "true"), Decision.ALLOW, 0, "AllowEc2"),
                row(DENY_WITHOUT_MFA, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:StopInstances").key("aws:MultiFactorAuthPresent", "false"), Decision.EXPLICIT_DENY, 1, "DenyStopAndTerminateWhenMFAIsNotPresent"),
                row(DENY_WITHOUT_MFA, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:TerminateInstances"), Decision.EXPLICIT_DENY, 1, "DenyStopAndTerminateWhenMFAIsNotPresent"),
                row(DENY_WITHOUT_MFA, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:DescribeInstances"), Decision.ALLOW, 0, "AllowEc2"),
                row(DATE_WINDOW, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("service-prefix:action-name").key("aws:CurrentTime", "2020-05-15T12:00:00Z"), Decision.ALLOW, 0, null),
                row(DATE_WINDOW, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("service-prefix:action-name").key("aws:CurrentTime", "2020-07-01T00:00:00Z"), Decision.IMPLICIT_DENY, -1, null),
                row(DATE_WINDOW, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("service-prefix:action-name").key("aws:CurrentTime", "2020-04-01T00:00:00Z"), Decision.IMPLICIT_DENY, -1, null),
                row(DATE_WINDOW, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("service-prefix:action-name"), Decision.IMPLICIT_DENY, -1, null),
                row(DENY_BY_IP, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").key("aws:SourceIp", "198.51.100.7").key("aws:ViaAWSService", "false"), Decision.EXPLICIT_DENY, 0, null),
                row(DENY_BY_IP, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").key("aws:SourceIp", "203.0.113.9").key("aws:ViaAWSService", "false"), Decision.IMPLICIT_DENY, -1, null),
                row(DENY_BY_IP, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").key("aws:SourceIp", "198.51.100.7").key("aws:ViaAWSService", "true"), Decision.IMPLICIT_DENY, -1, null),
                // Through a VPC endpoint aws:SourceIp is absent: NotIpAddress is then true and the deny applies.
                row(DENY_BY_IP, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").key("aws:SourceVpce", "vpce-1").key("aws:ViaAWSService", "false"), Decision.EXPLICIT_DENY, 0, null),
                row(TAG_KEYS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:CreateTags").key("aws:TagKeys", "environment", "cost-center"), Decision.ALLOW, 0, "AllowTagging"),
                row(TAG_KEYS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:CreateTags").key("aws:TagKeys", "environment", "team"), Decision.IMPLICIT_DENY, -1, null),
                row(TAG_KEYS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:CreateTags").key("aws:TagKeys", "environment", "owner"), Decision.EXPLICIT_DENY, 1, "RequireTags"),
                row(TAG_KEYS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:CreateTags"), Decision.ALLOW, 0, "AllowTagging"),
                row(HOME_FOLDER, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:ListBucket").resource("arn:aws:s3:::amzn-s3-demo-bucket").key("s3:prefix", "home/alice/notes"), Decision.ALLOW, 0, "ListOwnPrefix"),
                row(HOME_FOLDER, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:ListBucket").resource("arn:aws:s3:::amzn-s3-demo-bucket").key("s3:prefix", ""), Decision.ALLOW, 0, "ListOwnPrefix"),
                row(HOME_FOLDER, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:ListBucket").resource("arn:aws:s3:::amzn-s3-demo-bucket").key("s3:prefix", "home/bob/"), Decision.IMPLICIT_DENY, -1, null),
                row(HOME_FOLDER, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::amzn-s3-demo-bucket/home/alice/a.txt"), Decision.ALLOW, 1, "ObjectsInOwnFolder"),
                row(HOME_FOLDER, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::amzn-s3-demo-bucket/home/bob/a.txt"), Decision.IMPLICIT_DENY, -1, null),
                row(NOT_RESOURCE, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::HRBucket/Public/x"), Decision.ALLOW, 0, null),
                row(NOT_RESOURCE, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::HRBucket/Payroll/x"), Decision.IMPLICIT_DENY, -1, null),
                row(NOT_RESOURCE, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:ListBucket").resource("arn:aws:s3:::HRBucket/Payroll"), Decision.IMPLICIT_DENY, -1, null),
                row(DENY_ALL_BUT, PolicyKind.RESOURCE, r -> r.principal(BOB).action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.ALLOW, 0, null),
                row(DENY_ALL_BUT, PolicyKind.RESOURCE, r -> r.principal("arn:aws:iam::444455556666:user/carol").action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.EXPLICIT_DENY, 1, "DenyAllBut"),
                row(DENY_ALL_BUT, PolicyKind.RESOURCE, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.EXPLICIT_DENY, 1, "DenyAllBut"),
                row(DENY_ALL_BUT, PolicyKind.RESOURCE, r -> r.principal("arn:aws:iam::444455556666:root").action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.ALLOW, 0, null),
                // A user listed without its account is not exempt: the account itself is denied (IAM User Guide, NotPrincipal).
                row(NOT_PRINCIPAL_USER_ONLY, PolicyKind.RESOURCE, r -> r.principal(BOB).action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.EXPLICIT_DENY, 1, null),
                row(NOT_PRINCIPAL_ROLE, PolicyKind.RESOURCE, r -> r.principal("arn:aws:sts::111122223333:assumed-role/builder/s1").action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.ALLOW, 0, null),
                row(NOT_PRINCIPAL_ROLE, PolicyKind.RESOURCE, r -> r.principal("arn:aws:sts::111122223333:assumed-role/other/s1").action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.EXPLICIT_DENY, 1, null),
                row(NOT_PRINCIPAL_ROLE, PolicyKind.RESOURCE, r -> r.servicePrincipal("s3.amazonaws.com").action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.EXPLICIT_DENY, 1, null),
                row(NOT_PRINCIPAL_ROLE, PolicyKind.RESOURCE, r -> r.anonymous().action("s3:GetObject").resource("arn:aws:s3:::b/k"), Decision.EXPLICIT_DENY, 1, null),
                row(DENY_WINS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:GetObject").resource("arn:aws:s3:::prod"), Decision.ALLOW, 0, "A1"),
                row(DENY_WINS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:DeleteBucket").resource("arn:aws:s3:::dev"), Decision.EXPLICIT_DENY, 2, "D1"),
                row(DENY_WINS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:DeleteObject").resource("arn:aws:s3:::prod-data"), Decision.EXPLICIT_DENY, 3, "D2"),
                row(DENY_WINS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("s3:DeleteObject").resource("arn:aws:s3:::dev-data"), Decision.ALLOW, 0, "A1"),
                row(DENY_WINS, PolicyKind.IDENTITY, r -> r.principal(ALICE).action("ec2:DescribeVpcs"), Decision.IMPLICIT_DENY, -1, null)
        );
    }

    private static Arguments row(String policy, PolicyKind kind, UnaryOperator<RequestContext.Builder> request,
                                 Decision decision, int statement, String sid) {
        return arguments(policy.replace('\'', '"'), kind, request, decision, statement, sid);
    }

    @ParameterizedTest(name = "[{index}] {1} -> {3} by {4}")
    @MethodSource("cases")
    void decides(String policy, PolicyKind kind, UnaryOperator<RequestContext.Builder> request,
                 Decision decision, int statement, String sid) {
        RequestContext ctx = request.apply(RequestContext.builder().resource("*")).build();
        Evaluation e = PolicyDocument.parse(policy, kind).evaluate(ctx);
        assertEquals(decision, e.decision(), e::toString);
        assertEquals(statement, e.statementIndex(), e::toString);
        assertEquals(sid, e.sid());
        assertEquals(decision == Decision.IMPLICIT_DENY ? null : decision == Decision.ALLOW ? Effect.ALLOW : Effect.DENY, e.effect());
    }
}
