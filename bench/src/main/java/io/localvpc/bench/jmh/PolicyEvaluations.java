package io.localvpc.bench.jmh;

import io.localvpc.core.iam.Authorizer;
import io.localvpc.core.iam.Decision;
import io.localvpc.core.iam.Evaluation;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.iam.RequestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Policy evaluations per second on one thread, for a ten-statement bucket-style policy with conditions of
 * several operator families (string, like, IP, date, numeric, bool, set operators, a policy variable).
 * The allowed request is decided by the last statement, so every statement's action and resource are
 * tested and every Deny's conditions evaluated; the denied request hits a Deny on the way. Contexts are
 * built once (as a proxy would build one per request and evaluate several policies against it).
 * Run: bench/jmh.sh PolicyEvaluations -f 1 -wi 3 -i 5 -t 1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PolicyEvaluations {
    static final String POLICY = """
            {"Version":"2012-10-17","Id":"bench","Statement":[
             {"Sid":"DenyOutsideVpce","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::data","arn:aws:s3:::data/*"],
              "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1a2b3c4d","vpce-5e6f7a8b"]}}},
             {"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::data/*",
              "Condition":{"Bool":{"aws:SecureTransport":"false"}}},
             {"Sid":"DenyOldTls","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::data/*",
              "Condition":{"NumericLessThan":{"s3:TlsVersion":"1.2"}}},
             {"Sid":"DenyOtherAccounts","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::data/*",
              "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":["111122223333","444455556666"]}}},
             {"Sid":"DenyRestrictedTags","Effect":"Deny","Principal":"*","Action":"s3:PutObjectTagging","Resource":"arn:aws:s3:::data/*",
              "Condition":{"ForAnyValue:StringLike":{"s3:RequestObjectTagKeys":["restricted*","secret*"]}}},
             {"Sid":"AdminsFromOffice","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"s3:*","Resource":"arn:aws:s3:::data/*",
              "Condition":{"IpAddress":{"aws:VpcSourceIp":["10.0.0.0/16","192.168.0.0/24"]}}},
             {"Sid":"WriteDuringProject","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::data/projects/*",
              "Condition":{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}},
             {"Sid":"ListOwnPrefix","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::data",
              "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}},
             {"Sid":"PartnerRead","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::data/shared/*",
              "Condition":{"StringEquals":{"s3:ExistingObjectTag/share":"partner"}}},
             {"Sid":"ReadFromVpc","Effect":"Allow","Principal":"*","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::data","arn:aws:s3:::data/*"],
              "Condition":{"StringEquals":{"aws:SourceVpc":"vpc-111bbb22"},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:*"}}}
            ]}""";

    private PolicyDocument policy;
    private PolicyDocument identity;
    private PolicyDocument endpoint;
    private RequestContext allowed;
    private RequestContext denied;

    @Setup
    public void setUp() {
        policy = PolicyDocument.parse(POLICY, PolicyKind.RESOURCE);
        identity = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"s3:List*\"],\"Resource\":\"*\"}]}", PolicyKind.IDENTITY);
        endpoint = PolicyDocument.parse("{\"Statement\":[{\"Action\":\"*\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"*\"}]}", PolicyKind.ENDPOINT);
        allowed = RequestContext.builder().principal("arn:aws:iam::111122223333:user/alice").action("s3:GetObject")
                .resource("arn:aws:s3:::data/reports/2026/q1.csv")
                .key("aws:SourceVpce", "vpce-1a2b3c4d").key("aws:SourceVpc", "vpc-111bbb22").key("aws:VpcSourceIp", "10.0.3.7")
                .key("aws:SecureTransport", "true").key("s3:TlsVersion", "1.3").key("aws:CurrentTime", "2026-03-01T12:00:00Z")
                .build();
        denied = RequestContext.builder().principal("arn:aws:iam::111122223333:user/alice").action("s3:GetObject")
                .resource("arn:aws:s3:::data/reports/2026/q1.csv")
                .key("aws:SourceIp", "198.51.100.7").key("aws:SecureTransport", "true").build();
        if (policy.evaluate(allowed).decision() != Decision.ALLOW || policy.evaluate(allowed).statementIndex() != 9) {
            throw new IllegalStateException("bench policy does not allow the allowed request: " + policy.evaluate(allowed));
        }
        if (policy.evaluate(denied).decision() != Decision.EXPLICIT_DENY) throw new IllegalStateException("expected a deny");
    }

    /** Ten statements, decided by the last one. */
    @Benchmark
    public Evaluation tenStatementsAllowedByLast() {
        return policy.evaluate(allowed);
    }

    /** Denied by the first statement's condition (no VPC endpoint). */
    @Benchmark
    public Evaluation tenStatementsExplicitDeny() {
        return policy.evaluate(denied);
    }

    /** Endpoint + identity + the ten-statement bucket policy combined, as one authorisation. */
    @Benchmark
    public Decision authorizeAllThree() {
        return Authorizer.request(allowed).endpointPolicy("vpce-1a2b3c4d", endpoint).identityPolicy("reader", identity)
                .resourcePolicy("data", policy).resourceAccount("111122223333").decide().decision();
    }
}
