package io.localvpc.dataplane.classify;

import static io.localvpc.dataplane.classify.Requests.AKID;
import static io.localvpc.dataplane.classify.Requests.CLASSIFIER;
import static io.localvpc.dataplane.classify.Requests.classified;
import static io.localvpc.dataplane.classify.Requests.classify;
import static io.localvpc.dataplane.classify.Requests.head;
import static io.localvpc.dataplane.classify.Requests.sigv4;
import static io.localvpc.dataplane.classify.Requests.unclassifiable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** S3 condition keys, second checks, body-borne keys and the requests that cannot be classified. */
class S3DetailsTest {

    private static final String SIGNED = sigv4(AKID, "us-east-1", "s3") + "\n"
            + "x-amz-content-sha256: UNSIGNED-PAYLOAD\n";

    @Test
    void listingCarriesPrefixDelimiterAndMaxKeys() {
        ClassifiedRequest r = classified(classify("""
                GET /?list-type=2&prefix=home%2Fana%2F&delimiter=%2F&max-keys=100&encoding-type=url HTTP/1.1
                Host: logs.s3.us-east-1.amazonaws.com
                """ + SIGNED));
        assertEquals(Map.of(
                "s3:authType", List.of("REST-HEADER"),
                "s3:signatureversion", List.of("AWS4-HMAC-SHA256"),
                "s3:x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"),
                "s3:prefix", List.of("home/ana/"),
                "s3:delimiter", List.of("/"),
                "s3:max-keys", List.of("100")), r.conditionKeys());
        assertEquals("us-east-1", r.region());
        assertEquals(AKID, r.accessKeyId());
    }

    @Test
    void listingWithoutPrefixHasNoPrefixKey() {
        ClassifiedRequest r = classified(classify("GET /logs?versions HTTP/1.1\nHost: s3.us-east-1.amazonaws.com\n"
                + SIGNED));
        assertFalse(r.conditionKeys().containsKey("s3:prefix"));
        assertEquals("s3:ListBucketVersions", r.action());
    }

    @Test
    void copyObjectNeedsPutObjectOnTargetAndGetObjectOnSource() {
        ClassifiedRequest r = classified(classify("""
                PUT /dest/copied%20file.txt HTTP/1.1
                Host: s3.us-east-1.amazonaws.com
                x-amz-copy-source: /src/dir%2Fmy%20file.txt
                x-amz-metadata-directive: REPLACE
                """ + SIGNED));
        assertEquals("CopyObject", r.operation());
        assertEquals("s3:PutObject", r.action());
        assertEquals(List.of("arn:aws:s3:::dest/copied file.txt"), r.resourceArns());
        assertEquals(List.of("src/dir/my file.txt"), r.conditionKeys().get("s3:x-amz-copy-source"));
        assertEquals(List.of("REPLACE"), r.conditionKeys().get("s3:x-amz-metadata-directive"));
        assertEquals(1, r.additionalPermissions().size());
        RequiredPermission source = r.additionalPermissions().get(0);
        assertEquals("s3:GetObject", source.action());
        assertEquals(List.of("arn:aws:s3:::src/dir/my file.txt"), source.resourceArns());
        assertEquals(List.of("s3:PutObject", "s3:GetObject"),
                r.permissions().stream().map(RequiredPermission::action).toList());
    }

    @Test
    void copyOfAVersionNeedsGetObjectVersion() {
        ClassifiedRequest r = classified(classify("""
                PUT /dest/b HTTP/1.1
                Host: s3.us-east-1.amazonaws.com
                x-amz-copy-source: src/a%3Fb?versionId=v42
                """ + SIGNED));
        RequiredPermission source = r.additionalPermissions().get(0);
        assertEquals("s3:GetObjectVersion", source.action());
        assertEquals(List.of("arn:aws:s3:::src/a?b"), source.resourceArns());
        assertEquals(List.of("v42"), source.conditionKeys().get("s3:versionid"));
    }

    @Test
    void putObjectWithAclTagsAndEncryptionCarriesTheirKeysAndChecks() {
        ClassifiedRequest r = classified(classify("""
                PUT /logs/a.txt HTTP/1.1
                Host: s3.us-east-1.amazonaws.com
                x-amz-acl: bucket-owner-full-control
                x-amz-tagging: project=blue&team=data%20eng
                x-amz-server-side-encryption: aws:kms
                x-amz-server-side-encryption-aws-kms-key-id: arn:aws:kms:us-east-1:111122223333:key/k1
                x-amz-storage-class: STANDARD_IA
                """ + SIGNED));
        Map<String, List<String>> keys = r.conditionKeys();
        assertEquals(List.of("bucket-owner-full-control"), keys.get("s3:x-amz-acl"));
        assertEquals(List.of("project", "team"), keys.get("s3:RequestObjectTagKeys"));
        assertEquals(List.of("data eng"), keys.get("s3:RequestObjectTag/team"));
        assertEquals(List.of("aws:kms"), keys.get("s3:x-amz-server-side-encryption"));
        assertEquals(List.of("arn:aws:kms:us-east-1:111122223333:key/k1"),
                keys.get("s3:x-amz-server-side-encryption-aws-kms-key-id"));
        assertEquals(List.of("STANDARD_IA"), keys.get("s3:x-amz-storage-class"));
        assertEquals(List.of("s3:PutObjectAcl", "s3:PutObjectTagging"),
                r.additionalPermissions().stream().map(RequiredPermission::action).toList());
    }

    @Test
    void versionedReadCarriesVersionIdKey() {
        ClassifiedRequest r = classified(classify("GET /logs/a.txt?versionId=null HTTP/1.1\n"
                + "Host: s3.us-east-1.amazonaws.com\n" + SIGNED));
        assertEquals("s3:GetObjectVersion", r.action());
        assertEquals(List.of("null"), r.conditionKeys().get("s3:versionid"));
    }

    @Test
    void deleteObjectsChecksEveryKeyFromTheBody() {
        String http = "POST /logs?delete HTTP/1.1\nHost: s3.us-east-1.amazonaws.com\n" + SIGNED;
        assertEquals(RequestClassifier.DELETE_OBJECTS_BODY_BYTES, CLASSIFIER.bodyBytesWanted(head(http)));
        ClassifiedRequest r = classified(classify(http, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Object><Key>a/one.txt</Key></Object>
                  <Object><Key>two &amp; three.txt</Key></Object>
                  <Object><Key>old.txt</Key><VersionId>v7</VersionId></Object>
                  <Quiet>true</Quiet>
                </Delete>"""));
        assertEquals("DeleteObjects", r.operation());
        assertEquals("s3:DeleteObject", r.action());
        assertEquals(List.of("arn:aws:s3:::logs/a/one.txt", "arn:aws:s3:::logs/two & three.txt"), r.resourceArns());
        RequiredPermission versions = r.additionalPermissions().get(0);
        assertEquals("s3:DeleteObjectVersion", versions.action());
        assertEquals(List.of("arn:aws:s3:::logs/old.txt"), versions.resourceArns());
        assertEquals(List.of("v7"), versions.conditionKeys().get("s3:versionid"));
    }

    @Test
    void deleteObjectsWithoutTheWholeBodyIsUnclassifiable() {
        String http = "POST /logs?delete HTTP/1.1\nHost: s3.us-east-1.amazonaws.com\n" + SIGNED;
        Unclassifiable absent = unclassifiable(classify(http));
        assertTrue(absent.reason().contains("none was supplied"), absent.reason());
        Unclassifiable prefix = unclassifiable(CLASSIFIER.classify(head(http),
                RequestBody.prefix("<Delete><Object><Key>a</Key></Object>".getBytes()), Requests.ACCOUNT));
        assertTrue(prefix.reason().contains("first 37 bytes"), prefix.reason());
    }

    @Test
    void createBucketReadsLocationConstraintFromTheBody() {
        String http = "PUT /logs HTTP/1.1\nHost: s3.eu-west-1.amazonaws.com\nx-amz-acl: private\n"
                + "x-amz-object-ownership: BucketOwnerEnforced\n" + sigv4(AKID, "eu-west-1", "s3");
        assertEquals(RequestClassifier.CREATE_BUCKET_BODY_BYTES, CLASSIFIER.bodyBytesWanted(head(http)));
        ClassifiedRequest r = classified(classify(http, """
                <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <LocationConstraint>eu-west-1</LocationConstraint>
                </CreateBucketConfiguration>"""));
        assertEquals("s3:CreateBucket", r.action());
        assertEquals(List.of("eu-west-1"), r.conditionKeys().get("s3:LocationConstraint"));
        assertEquals(List.of("private"), r.conditionKeys().get("s3:x-amz-acl"));
        assertEquals(List.of("s3:PutBucketAcl", "s3:PutBucketOwnershipControls"),
                r.additionalPermissions().stream().map(RequiredPermission::action).toList());
        assertEquals("eu-west-1", r.region());
    }

    @Test
    void createBucketWithAnEmptyBodyHasNoLocationConstraint() {
        // found by SdkCaptureTest: the SDK creates us-east-1 buckets with an empty body
        ClassifiedRequest r = classified(classify("PUT /logs HTTP/1.1\nHost: s3.us-east-1.amazonaws.com\n" + SIGNED,
                ""));
        assertEquals("s3:CreateBucket", r.action());
        assertFalse(r.conditionKeys().containsKey("s3:LocationConstraint"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GET /logs/a.txt           | 0",
        "PUT /logs/a.txt           | 0",
        "PUT /logs?tagging         | 0",
        "PUT /logs/                | " + RequestClassifier.CREATE_BUCKET_BODY_BYTES,
        "GET /logs?list-type=2     | 0",
    })
    void bodyIsWantedOnlyWhereItDecides(String requestLine, int wanted) {
        assertEquals(wanted, CLASSIFIER.bodyBytesWanted(head(requestLine + " HTTP/1.1\n"
                + "Host: s3.us-east-1.amazonaws.com\n" + SIGNED)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET /logs?analytics&id=a1         | s3.us-east-1.amazonaws.com | ?analytics are not classified",
        "PUT /logs?location                | s3.us-east-1.amazonaws.com | PUT ?location on a bucket is not an S3 operation",
        "POST /logs/a.txt                  | s3.us-east-1.amazonaws.com | POST on an object is not an S3 operation",
        "HEAD /logs/a.txt?acl              | s3.us-east-1.amazonaws.com | HEAD ?acl on an object is not an S3 operation",
        "DELETE /                          | s3.us-east-1.amazonaws.com | DELETE on the service (no bucket named) is not an S3 operation",
        "PUT /logs/big.bin?uploadId=U      | s3.us-east-1.amazonaws.com | UploadPart needs both",
        "GET /logs?acl&policy              | s3.us-east-1.amazonaws.com | several subresources",
        "OPTIONS /logs/a.txt               | s3.us-east-1.amazonaws.com | CORS preflight",
        "POST /logs                        | s3.us-east-1.amazonaws.com | browser form upload",
        "GET /a.txt                        | ap-111122223333.s3-accesspoint.us-east-1.amazonaws.com | s3-accesspoint",
    })
    void unknownOperationsAreUnclassifiableWithAReason(String requestLine, String host, String reason) {
        Unclassifiable u = unclassifiable(classify(requestLine + " HTTP/1.1\nHost: " + host + "\n" + SIGNED));
        assertTrue(u.reason().contains(reason), u.reason());
    }

    @Test
    void copySourceWithoutKeyIsRefusedAsS3Would() {
        InvalidRequest u = invalid(classify("PUT /dest/b HTTP/1.1\nHost: s3.us-east-1.amazonaws.com\n"
                + "x-amz-copy-source: /justabucket\n" + SIGNED));
        assertEquals("s3", u.service());
        assertEquals("InvalidArgument", u.code());
        assertTrue(u.message().contains("does not name a bucket and a key"), u.message());
    }

    /**
     * Names the embedded S3 could read as another object than the one judged (its objects are files), and escapes
     * that are not escapes, are refused with S3's error codes instead of being classified.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET /logs/bad%zzescape                   | -                              | InvalidURI      | not valid percent-encoding",
        "GET /logs/../vault/k                     | -                              | InvalidURI      | '..' segment",
        "GET /logs/%2e%2E/vault/k                 | -                              | InvalidURI      | '..' segment",
        "GET /logs/a/.%2Fb                        | -                              | InvalidURI      | '.' segment",
        "GET /logs/a//b                           | -                              | InvalidURI      | empty segment",
        "GET //logs/a                             | -                              | InvalidURI      | bucket name is empty",
        "GET /a%2Fb/k                             | -                              | InvalidBucketName | contains a slash",
        "PUT /logs/k                              | x-amz-copy-source: /logs/..%2Fvault%2Fk | InvalidArgument | '..' segment",
        "PUT /logs/k                              | x-amz-copy-source: logs/a?versionId=../../x | InvalidArgument | -",
    })
    void ambiguousNamesAreRefused(String requestLine, String header, String code, String words) {
        String http = requestLine + " HTTP/1.1\nHost: s3.us-east-1.amazonaws.com\n" + SIGNED + (header.equals("-") ? "" : header + "\n");
        Classification c = classify(http);
        if (words.equals("-")) {
            // a version id is not part of the key: the copy source is logs/a, which is fine to read
            assertEquals("CopyObject", classified(c).operation());
            return;
        }
        InvalidRequest u = invalid(c);
        assertEquals(code, u.code(), u.message());
        assertTrue(u.message().contains(words), u.message());
    }

    @Test
    void deleteObjectsNamingAKeyWithDotSegmentsIsRefused() {
        String body = "<Delete><Object><Key>ok.txt</Key></Object><Object><Key>../vault/k</Key></Object></Delete>";
        InvalidRequest u = invalid(CLASSIFIER.classify(head("POST /logs?delete HTTP/1.1\nHost: s3.us-east-1.amazonaws.com\n" + SIGNED),
                RequestBody.complete(body), Requests.ACCOUNT));
        assertEquals("InvalidArgument", u.code());
    }

    private static InvalidRequest invalid(Classification c) {
        if (c instanceof InvalidRequest i) return i;
        throw new AssertionError("expected S3's refusal, got " + c);
    }
}
