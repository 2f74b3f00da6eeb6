package io.localvpc.dataplane.classify;

import static io.localvpc.dataplane.classify.Requests.classified;
import static io.localvpc.dataplane.classify.Requests.classify;
import static io.localvpc.dataplane.classify.Requests.sigv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who signed a request (localvpc's key convention and configured keys) and how (S3's signing condition keys). */
class PrincipalAndSignatureTest {

    private static final RequestClassifier WITH_USERS = new RequestClassifier("000000000000", "us-east-1",
            PrincipalDirectory.of(Map.of(
                    "AKIAUSERANA000000001", Principal.user("444455556666", "division/ana"),
                    "ASIAROLESESSION00001", Principal.assumedRole("444455556666", "deploy", "ci-42"))));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "123456789012         | ROOT         | arn:aws:iam::123456789012:root",
        "AKIAIOSFODNN7EXAMPLE | ROOT         | arn:aws:iam::000000000000:root",
        "test                 | ROOT         | arn:aws:iam::000000000000:root",
        "12345678901          | ROOT         | arn:aws:iam::000000000000:root",
        "AKIAUSERANA000000001 | USER         | arn:aws:iam::444455556666:user/division/ana",
        "ASIAROLESESSION00001 | ASSUMED_ROLE | arn:aws:sts::444455556666:assumed-role/deploy/ci-42",
    })
    void accessKeyToPrincipal(String accessKeyId, Principal.Type type, String arn) {
        Principal p = WITH_USERS.principalFor(accessKeyId);
        assertEquals(type, p.type());
        assertEquals(arn, p.arn());
        assertEquals(arn.split(":")[4], p.accountId());
    }

    @Test
    void signedRequestCarriesPrincipalAndScopeRegion() {
        ClassifiedRequest r = classified(classify("GET /logs/a HTTP/1.1\nHost: s3.amazonaws.com\n"
                + sigv4("210987654321", "eu-central-1", "s3")));
        assertEquals("210987654321", r.accessKeyId());
        assertEquals(Principal.root("210987654321"), r.principal());
        assertEquals("eu-central-1", r.region());
    }

    @Test
    void unsignedRequestIsAnonymous() {
        ClassifiedRequest r = classified(classify("GET /logs/a HTTP/1.1\nHost: logs.s3.eu-west-2.amazonaws.com\n"));
        assertNull(r.accessKeyId());
        assertEquals(Principal.anonymous(), r.principal());
        assertEquals("*", r.principal().arn());
        assertEquals("eu-west-2", r.region());
        assertEquals(Map.of(), r.conditionKeys());
    }

    @Test
    void presignedSigV4Url() {
        ClassifiedRequest r = classified(classify("GET /photo.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=111122223333%2F20250101%2Fap-southeast-2%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20250101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=abc HTTP/1.1\n"
                + "Host: pics.s3.ap-southeast-2.amazonaws.com\n"));
        assertEquals("s3:GetObject", r.action());
        assertEquals("111122223333", r.accessKeyId());
        assertEquals("ap-southeast-2", r.region());
        assertEquals(List.of("REST-QUERY-STRING"), r.conditionKeys().get("s3:authType"));
        assertEquals(List.of("AWS4-HMAC-SHA256"), r.conditionKeys().get("s3:signatureversion"));
    }

    @Test
    void sigV2HeaderAndPresignedUrl() {
        ClassifiedRequest header = classified(classify("GET /logs/a HTTP/1.1\nHost: s3.amazonaws.com\n"
                + "Authorization: AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=\n"));
        assertEquals("AKIAIOSFODNN7EXAMPLE", header.accessKeyId());
        assertEquals(List.of("AWS"), header.conditionKeys().get("s3:signatureversion"));
        assertEquals(List.of("REST-HEADER"), header.conditionKeys().get("s3:authType"));
        assertEquals("us-east-1", header.region());

        ClassifiedRequest presigned = classified(classify("GET /a?AWSAccessKeyId=123456789012&Expires=1700000000"
                + "&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D HTTP/1.1\nHost: logs.s3.amazonaws.com\n"));
        assertEquals("123456789012", presigned.accessKeyId());
        assertEquals("arn:aws:iam::123456789012:root", presigned.principal().arn());
        assertEquals(List.of("REST-QUERY-STRING"), presigned.conditionKeys().get("s3:authType"));
    }

    @Test
    void accountIdsAreValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new RequestClassifier("default", "us-east-1", PrincipalDirectory.none()));
        assertThrows(IllegalArgumentException.class, () -> Requests.CLASSIFIER.classify(
                Requests.head("GET / HTTP/1.1\nHost: s3.amazonaws.com\n"), RequestBody.absent(), "42"));
        assertThrows(IllegalArgumentException.class, () -> Principal.user("not-an-account", "ana"));
    }
}
