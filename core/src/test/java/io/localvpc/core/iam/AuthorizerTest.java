package io.localvpc.core.iam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Combining identity, resource and endpoint policies. Rows: (identity policy or null, bucket policy or null,
 * endpoint policy or null, caller, bucket owner account, expected decision, kind of the deciding policy or null).
 */
class AuthorizerTest {
    private static final String ALICE = Policies.ALICE;                 // account 111122223333
    private static final String BOB = Policies.BOB_OTHER_ACCOUNT;       // account 444455556666
    private static final String OWNER = "111122223333";

    static final String ID_ALLOW_GET = "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::shared/*'}}";
    static final String ID_DENY_GET = "{'Version':'2012-10-17','Statement':{'Effect':'Deny','Action':'s3:*','Resource':'*'}}";
    static final String ID_ALLOW_EC2 = "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'ec2:*','Resource':'*'}}";
    static final String BUCKET_ALLOW_BOB = "{'Statement':{'Effect':'Allow','Principal':{'AWS':'444455556666'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::shared/*'}}";
    static final String BUCKET_ALLOW_ALICE = "{'Statement':{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::111122223333:user/alice'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::shared/*'}}";
    static final String BUCKET_PUBLIC_READ = "{'Statement':{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::shared/*'}}";
    static final String BUCKET_ONLY_VPCE = "{'Statement':[{'Sid':'VpceOnly','Effect':'Deny','Principal':'*','Action':'s3:*','Resource':['arn:aws:s3:::shared','arn:aws:s3:::shared/*'],"
            + "'Condition':{'StringNotEquals':{'aws:SourceVpce':'vpce-1a2b3c4d'}}}]}";
    static final String ENDPOINT_DEFAULT = "{'Statement':[{'Action':'*','Effect':'Allow','Principal':'*','Resource':'*'}]}";
    static final String ENDPOINT_OTHER_BUCKET = "{'Statement':[{'Action':'s3:*','Effect':'Allow','Principal':'*','Resource':['arn:aws:s3:::other','arn:aws:s3:::other/*']}]}";
    static final String ENDPOINT_DENY_GET = "{'Statement':[{'Action':'*','Effect':'Allow','Principal':'*','Resource':'*'},{'Sid':'NoGet','Action':'s3:GetObject','Effect':'Deny','Principal':'*','Resource':'*'}]}";

    static Stream<Arguments> rows() {
        return Stream.of(
                // same account: identity OR resource suffices
                arguments(ID_ALLOW_GET, null, null, ALICE, OWNER, Decision.ALLOW, PolicyKind.IDENTITY),
                arguments(null, BUCKET_ALLOW_ALICE, null, ALICE, OWNER, Decision.ALLOW, PolicyKind.RESOURCE),
                arguments(ID_ALLOW_GET, BUCKET_ALLOW_ALICE, null, ALICE, OWNER, Decision.ALLOW, PolicyKind.IDENTITY),
                arguments(ID_ALLOW_EC2, null, null, ALICE, OWNER, Decision.IMPLICIT_DENY, null),
                arguments(null, null, null, ALICE, OWNER, Decision.IMPLICIT_DENY, null),
                arguments(ID_ALLOW_GET, null, null, ALICE, null, Decision.ALLOW, PolicyKind.IDENTITY),
                // explicit deny anywhere wins
                arguments(ID_DENY_GET, BUCKET_ALLOW_ALICE, null, ALICE, OWNER, Decision.EXPLICIT_DENY, PolicyKind.IDENTITY),
                arguments(ID_ALLOW_GET, BUCKET_ONLY_VPCE, null, ALICE, OWNER, Decision.EXPLICIT_DENY, PolicyKind.RESOURCE),
                arguments(ID_ALLOW_GET, null, ENDPOINT_DENY_GET, ALICE, OWNER, Decision.EXPLICIT_DENY, PolicyKind.ENDPOINT),
                // cross-account: both identity and resource must allow
                arguments(ID_ALLOW_GET, BUCKET_ALLOW_BOB, null, BOB, OWNER, Decision.ALLOW, PolicyKind.RESOURCE),
                arguments(null, BUCKET_ALLOW_BOB, null, BOB, OWNER, Decision.IMPLICIT_DENY, null),
                arguments(ID_ALLOW_GET, null, null, BOB, OWNER, Decision.IMPLICIT_DENY, null),
                arguments(ID_ALLOW_GET, BUCKET_ALLOW_ALICE, null, BOB, OWNER, Decision.IMPLICIT_DENY, null),
                arguments(ID_ALLOW_GET, BUCKET_PUBLIC_READ, null, BOB, OWNER, Decision.ALLOW, PolicyKind.RESOURCE),
                // the endpoint policy must allow too, and grants nothing by itself
                arguments(ID_ALLOW_GET, null, ENDPOINT_DEFAULT, ALICE, OWNER, Decision.ALLOW, PolicyKind.IDENTITY),
                arguments(null, null, ENDPOINT_DEFAULT, ALICE, OWNER, Decision.IMPLICIT_DENY, null),
                arguments(ID_ALLOW_GET, null, ENDPOINT_OTHER_BUCKET, ALICE, OWNER, Decision.IMPLICIT_DENY, PolicyKind.ENDPOINT),
                arguments(ID_ALLOW_GET, BUCKET_ALLOW_BOB, ENDPOINT_OTHER_BUCKET, BOB, OWNER, Decision.IMPLICIT_DENY, PolicyKind.ENDPOINT),
                arguments(ID_ALLOW_GET, BUCKET_ALLOW_BOB, ENDPOINT_DEFAULT, BOB, OWNER, Decision.ALLOW, PolicyKind.RESOURCE)
        );
    }

    @ParameterizedTest(name = "[{index}] {3} -> {5} by {6}")
    @MethodSource("rows")
    void combines(String identity, String bucket, String endpoint, String caller, String owner, Decision expected, PolicyKind decidingKind) {
        RequestContext ctx = RequestContext.builder().principal(caller).action("s3:GetObject").resource("arn:aws:s3:::shared/report.csv").build();
        Authorizer a = Authorizer.request(ctx).resourceAccount(owner);
        if (identity != null) a.identityPolicy("user-policy", PolicyDocument.parse(identity.replace('\'', '"'), PolicyKind.IDENTITY));
        if (bucket != null) a.resourcePolicy("bucket-policy", PolicyDocument.parse(bucket.replace('\'', '"'), PolicyKind.RESOURCE));
        if (endpoint != null) a.endpointPolicy("vpce-1a2b3c4d", PolicyDocument.parse(endpoint.replace('\'', '"'), PolicyKind.ENDPOINT));
        Authorizer.Authorization result = a.decide();
        assertEquals(expected, result.decision(), result.reason());
        assertEquals(decidingKind, result.deciding() == null ? null : result.deciding().kind(), result.reason());
        assertEquals(expected == Decision.ALLOW, result.allowed());
    }

    @Test
    void bucketPolicyOnlyThroughTheEndpointAllowsRequestsThatCameThroughIt() {
        PolicyDocument bucket = PolicyDocument.parse(BUCKET_ONLY_VPCE.replace('\'', '"'), PolicyKind.RESOURCE);
        PolicyDocument identity = PolicyDocument.parse(ID_ALLOW_GET.replace('\'', '"'), PolicyKind.IDENTITY);
        PolicyDocument endpoint = PolicyDocument.parse(ENDPOINT_DEFAULT.replace('\'', '"'), PolicyKind.ENDPOINT);
        RequestContext viaEndpoint = RequestContext.builder().principal(ALICE).action("s3:GetObject")
                .resource("arn:aws:s3:::shared/a").key("aws:SourceVpce", "vpce-1a2b3c4d").key("aws:SourceVpc", "vpc-1").build();
        Authorizer.Authorization ok = Authorizer.request(viaEndpoint).identityPolicy("p", identity).resourcePolicy("b", bucket)
                .endpointPolicy("vpce-1a2b3c4d", endpoint).resourceAccount(OWNER).decide();
        assertEquals(Decision.ALLOW, ok.decision());
        assertEquals(3, ok.evaluated().size());

        RequestContext overInternet = RequestContext.builder().principal(ALICE).action("s3:GetObject")
                .resource("arn:aws:s3:::shared/a").key("aws:SourceIp", "198.51.100.4").build();
        Authorizer.Authorization denied = Authorizer.request(overInternet).identityPolicy("p", identity).resourcePolicy("b", bucket)
                .resourceAccount(OWNER).decide();
        assertEquals(Decision.EXPLICIT_DENY, denied.decision());
        assertEquals("VpceOnly", denied.deciding().evaluation().sid());
        assertEquals("b", denied.deciding().name());
        assertTrue(denied.reason().contains("explicit deny in RESOURCE policy b: EXPLICIT_DENY by Statement[0] (Sid VpceOnly)"), denied.reason());
    }

    @Test
    void servicesAndAnonymousCallersNeedTheResourcePolicy() {
        PolicyDocument publicRead = PolicyDocument.parse(BUCKET_PUBLIC_READ.replace('\'', '"'), PolicyKind.RESOURCE);
        RequestContext anon = RequestContext.builder().anonymous().action("s3:GetObject").resource("arn:aws:s3:::shared/a").build();
        assertEquals(Decision.ALLOW, Authorizer.request(anon).resourcePolicy("b", publicRead).resourceAccount(OWNER).decide().decision());
        Authorizer.Authorization none = Authorizer.request(anon).resourceAccount(OWNER).decide();
        assertEquals(Decision.IMPLICIT_DENY, none.decision());
        assertNull(none.deciding());
        assertTrue(none.reason().contains("anonymous callers"), none.reason());
        RequestContext service = RequestContext.builder().servicePrincipal("logging.s3.amazonaws.com").action("s3:GetObject").resource("arn:aws:s3:::shared/a").build();
        assertEquals(Decision.ALLOW, Authorizer.request(service).resourcePolicy("b", publicRead).decide().decision());
    }
}
