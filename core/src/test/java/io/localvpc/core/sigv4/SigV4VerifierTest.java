package io.localvpc.core.sigv4;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The canonicalization and signing against AWS's published values: the SigV4 test suite ("aws-sig-v4-test-suite",
 * key AKIDEXAMPLE, 2015-08-30, region us-east-1, service "service") and the S3 examples of "Authenticating Requests
 * (AWS Signature Version 4)" (key AKIAIOSFODNN7EXAMPLE, 2013-05-24, bucket examplebucket).
 */
class SigV4VerifierTest {
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final Instant S3_TIME = Instant.parse("2013-05-24T00:00:00Z");

    private static SigV4Verifier verifier(String key, String secret, Instant now) {
        return new SigV4Verifier(k -> k.equals(key) ? Optional.of(new SigningSecret(secret, null)) : Optional.empty(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Map<String, List<String>> headers(String... nameValue) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) h.put(nameValue[i], List.of(nameValue[i + 1]));
        return h;
    }

    private static String suiteAuth(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    @Test
    void getVanillaCanonicalRequestAndSignature() {
        SigV4Request r = new SigV4Request("GET", "/", "", headers("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z"), new byte[0]);
        String canonical = SigV4Canonical.canonicalRequest(r, UriEncoding.NORMALIZED_ONCE, List.of("host", "x-amz-date"), SigV4Canonical.EMPTY_SHA256);
        assertEquals("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", canonical);
        String sts = SigV4Canonical.stringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical);
        assertEquals("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63", sts);
        assertEquals("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                SigV4Canonical.signature(SigV4Canonical.signingKey(SUITE_SECRET, "20150830", "us-east-1", "service"), sts));
    }

    @Test
    void suiteRequestsVerify() {
        SigV4Verifier v = verifier("AKIDEXAMPLE", SUITE_SECRET, SUITE_TIME);
        // get-vanilla-query-order-key-case
        assertVerified(v.verify(new SigV4Request("GET", "/", "Param2=value2&Param1=value1", headers("host", "example.amazonaws.com",
                "x-amz-date", "20150830T123600Z", "authorization", suiteAuth("host;x-amz-date",
                        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")), new byte[0]), UriEncoding.NORMALIZED_ONCE));
        // get-utf8: the path is encoded as UTF-8 bytes
        assertVerified(v.verify(new SigV4Request("GET", "/ሴ", "", headers("host", "example.amazonaws.com",
                "x-amz-date", "20150830T123600Z", "authorization", suiteAuth("host;x-amz-date",
                        "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")), new byte[0]), UriEncoding.NORMALIZED_ONCE));
        // post-x-www-form-urlencoded: the body's hash is signed
        assertVerified(v.verify(new SigV4Request("POST", "/", "", headers("content-type", "application/x-www-form-urlencoded",
                "host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z", "authorization", suiteAuth("content-type;host;x-amz-date",
                        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")), "Param1=value1".getBytes(StandardCharsets.UTF_8)),
                UriEncoding.NORMALIZED_ONCE));
        // post-vanilla
        assertVerified(v.verify(new SigV4Request("POST", "/", "", headers("host", "example.amazonaws.com",
                "x-amz-date", "20150830T123600Z", "authorization", suiteAuth("host;x-amz-date",
                        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")), new byte[0]), UriEncoding.NORMALIZED_ONCE));
    }

    @Test
    void s3GetObjectWithRangeVerifies() {
        SigV4Verifier v = verifier("AKIAIOSFODNN7EXAMPLE", S3_SECRET, S3_TIME);
        SigV4Outcome o = v.verify(new SigV4Request("GET", "/test.txt", null, headers("host", "examplebucket.s3.amazonaws.com",
                "range", "bytes=0-9", "x-amz-content-sha256", SigV4Canonical.EMPTY_SHA256, "x-amz-date", "20130524T000000Z",
                "authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), null), UriEncoding.S3);
        assertVerified(o);
    }

    private static final String PRESIGNED = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    @Test
    void s3PresignedUrlVerifiesUntilItExpires() {
        Map<String, List<String>> h = headers("host", "examplebucket.s3.amazonaws.com");
        assertVerified(verifier("AKIAIOSFODNN7EXAMPLE", S3_SECRET, S3_TIME.plusSeconds(86_400))
                .verify(new SigV4Request("GET", "/test.txt", PRESIGNED, h, null), UriEncoding.S3));
        SigV4Outcome late = verifier("AKIAIOSFODNN7EXAMPLE", S3_SECRET, S3_TIME.plusSeconds(86_401))
                .verify(new SigV4Request("GET", "/test.txt", PRESIGNED, h, null), UriEncoding.S3);
        SigV4Failure f = assertInstanceOf(SigV4Outcome.Refused.class, late).failure();
        assertEquals(SigV4Failure.Kind.PRESIGNED_EXPIRED, f.kind());
        assertEquals(new SigV4Errors.Answer(403, "AccessDenied", "Request has expired"), SigV4Errors.answer(f, SigV4Errors.Family.S3));
        assertEquals("2013-05-25T00:00:00Z", f.s3Details().get("Expires"));
    }

    @Test
    void aWrongSecretIsAMismatchWithTheStringToSign() {
        SigV4Outcome o = verifier("AKIAIOSFODNN7EXAMPLE", "not-the-secret", S3_TIME)
                .verify(new SigV4Request("GET", "/test.txt", PRESIGNED, headers("host", "examplebucket.s3.amazonaws.com"), null), UriEncoding.S3);
        SigV4Failure f = assertInstanceOf(SigV4Outcome.Refused.class, o).failure();
        assertEquals(SigV4Failure.Kind.MISMATCH, f.kind());
        assertEquals("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04", f.s3Details().get("StringToSign"));
        assertEquals("SignatureDoesNotMatch", SigV4Errors.answer(f, SigV4Errors.Family.EC2).code());
        assertEquals("InvalidSignatureException", SigV4Errors.answer(f, SigV4Errors.Family.JSON).code());
    }

    @Test
    void aStaleDateIsSkewedAsEachServiceWordsIt() {
        SigV4Verifier v = verifier("AKIDEXAMPLE", SUITE_SECRET, SUITE_TIME.plusSeconds(901));
        SigV4Outcome o = v.verify(new SigV4Request("GET", "/", "", headers("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z",
                "authorization", suiteAuth("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")), new byte[0]),
                UriEncoding.NORMALIZED_ONCE);
        SigV4Failure f = assertInstanceOf(SigV4Outcome.Refused.class, o).failure();
        assertEquals(SigV4Failure.Kind.SKEWED, f.kind());
        assertEquals(new SigV4Errors.Answer(403, "SignatureDoesNotMatch",
                "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T125101Z - 15 min.)"),
                SigV4Errors.answer(f, SigV4Errors.Family.QUERY));
        assertEquals("RequestTimeTooSkewed", SigV4Errors.answer(f, SigV4Errors.Family.S3).code());
        assertEquals("900000", f.s3Details().get("MaxAllowedSkewMilliseconds"));
    }

    @Test
    void anUnknownKeyAndAMissingSessionTokenAreRefused() {
        SigV4Request r = new SigV4Request("GET", "/", "", headers("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z",
                "authorization", suiteAuth("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")), new byte[0]);
        SigV4Failure unknown = assertInstanceOf(SigV4Outcome.Refused.class, verifier("OTHER", SUITE_SECRET, SUITE_TIME).verify(r, UriEncoding.DOUBLE)).failure();
        assertEquals(SigV4Failure.Kind.UNKNOWN_KEY, unknown.kind());
        assertEquals("InvalidClientTokenId", SigV4Errors.answer(unknown, SigV4Errors.Family.QUERY).code());
        assertEquals("AuthFailure", SigV4Errors.answer(unknown, SigV4Errors.Family.EC2).code());
        SigV4Verifier session = new SigV4Verifier(k -> Optional.of(new SigningSecret(SUITE_SECRET, "token")), Clock.fixed(SUITE_TIME, ZoneOffset.UTC));
        assertEquals(SigV4Failure.Kind.INVALID_TOKEN, assertInstanceOf(SigV4Outcome.Refused.class, session.verify(r, UriEncoding.DOUBLE)).failure().kind());
    }

    @Test
    void pathsAreEncodedOnceForS3AndTwiceElsewhere() {
        assertEquals("/my%20key/a%2Bb/..", SigV4Canonical.canonicalUri("/my%20key/a+b/..", UriEncoding.S3));
        assertEquals("/my%2520key", SigV4Canonical.canonicalUri("/my%20key/a+b/..", UriEncoding.DOUBLE));
        assertEquals("/example/", SigV4Canonical.canonicalUri("/./example/", UriEncoding.NORMALIZED_ONCE));
        assertEquals("a=%20&b=&c=%2B", SigV4Canonical.canonicalQuery("c=%2B&b&a=%20"));
    }

    @Test
    void unsignedRequestsAndSigV2AreToldApart() {
        SigV4Verifier v = verifier("AKIDEXAMPLE", SUITE_SECRET, SUITE_TIME);
        assertInstanceOf(SigV4Outcome.Unsigned.class, v.verify(new SigV4Request("GET", "/", "a=b", headers("host", "h"), null), UriEncoding.S3));
        SigV4Outcome v2 = v.verify(new SigV4Request("GET", "/", "", headers("authorization", "AWS AKIDEXAMPLE:c2lnbmF0dXJl"), null), UriEncoding.S3);
        assertEquals(SigV4Failure.Kind.UNSUPPORTED_ALGORITHM, assertInstanceOf(SigV4Outcome.Refused.class, v2).failure().kind());
    }

    private static void assertVerified(SigV4Outcome o) {
        assertInstanceOf(SigV4Outcome.Verified.class, o, () -> o.toString());
    }
}
