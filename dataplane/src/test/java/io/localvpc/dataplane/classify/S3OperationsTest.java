package io.localvpc.dataplane.classify;

import static io.localvpc.dataplane.classify.Requests.classified;
import static io.localvpc.dataplane.classify.Requests.classify;
import static io.localvpc.dataplane.classify.Requests.sigv4;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every S3 operation the classifier maps, as SDKs send it (path-style on {@code s3.us-east-1.amazonaws.com} unless
 * the host says otherwise), against the action in "Required permissions for Amazon S3 API operations".
 */
class S3OperationsTest {

    @ParameterizedTest(name = "{3}: {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // request line | host | extra headers (;; between) | operation | action | resources (comma between)
        "GET /                                         | s3.us-east-1.amazonaws.com              | -                                                  | ListBuckets              | s3:ListAllMyBuckets             | *",
        "GET /?x-id=ListBuckets&max-buckets=10         | s3.us-east-1.amazonaws.com              | -                                                  | ListBuckets              | s3:ListAllMyBuckets             | *",
        "GET /logs                                     | s3.us-east-1.amazonaws.com              | -                                                  | ListObjects              | s3:ListBucket                   | arn:aws:s3:::logs",
        "GET /logs/?list-type=2&prefix=a%2F&delimiter=%2F | s3.us-east-1.amazonaws.com           | -                                                  | ListObjectsV2            | s3:ListBucket                   | arn:aws:s3:::logs",
        "GET /?list-type=2&max-keys=5                  | logs.s3.us-east-1.amazonaws.com         | -                                                  | ListObjectsV2            | s3:ListBucket                   | arn:aws:s3:::logs",
        "GET /logs?versions&prefix=x                   | s3.us-east-1.amazonaws.com              | -                                                  | ListObjectVersions       | s3:ListBucketVersions           | arn:aws:s3:::logs",
        "GET /logs?uploads                             | s3.us-east-1.amazonaws.com              | -                                                  | ListMultipartUploads     | s3:ListBucketMultipartUploads   | arn:aws:s3:::logs",
        "HEAD /logs                                    | s3.us-east-1.amazonaws.com              | -                                                  | HeadBucket               | s3:ListBucket                   | arn:aws:s3:::logs",
        "HEAD /                                        | logs.s3.us-east-1.amazonaws.com         | -                                                  | HeadBucket               | s3:ListBucket                   | arn:aws:s3:::logs",
        "PUT /logs                                     | s3.us-east-1.amazonaws.com              | -                                                  | CreateBucket             | s3:CreateBucket                 | arn:aws:s3:::logs",
        "DELETE /logs                                  | s3.us-east-1.amazonaws.com              | -                                                  | DeleteBucket             | s3:DeleteBucket                 | arn:aws:s3:::logs",
        "GET /logs?location                            | s3.amazonaws.com                        | -                                                  | GetBucketLocation        | s3:GetBucketLocation            | arn:aws:s3:::logs",
        "GET /logs?policy                              | s3.us-east-1.amazonaws.com              | -                                                  | GetBucketPolicy          | s3:GetBucketPolicy              | arn:aws:s3:::logs",
        "PUT /logs?policy                              | s3.us-east-1.amazonaws.com              | -                                                  | PutBucketPolicy          | s3:PutBucketPolicy              | arn:aws:s3:::logs",
        "DELETE /logs?policy                           | s3.us-east-1.amazonaws.com              | -                                                  | DeleteBucketPolicy       | s3:DeleteBucketPolicy           | arn:aws:s3:::logs",
        "GET /logs?tagging                             | s3.us-east-1.amazonaws.com              | -                                                  | GetBucketTagging         | s3:GetBucketTagging             | arn:aws:s3:::logs",
        "PUT /logs?tagging                             | s3.us-east-1.amazonaws.com              | -                                                  | PutBucketTagging         | s3:PutBucketTagging             | arn:aws:s3:::logs",
        "DELETE /logs?tagging                          | s3.us-east-1.amazonaws.com              | -                                                  | DeleteBucketTagging      | s3:PutBucketTagging             | arn:aws:s3:::logs",
        "GET /logs?acl                                 | s3.us-east-1.amazonaws.com              | -                                                  | GetBucketAcl             | s3:GetBucketAcl                 | arn:aws:s3:::logs",
        "PUT /logs?acl                                 | s3.us-east-1.amazonaws.com              | x-amz-acl: private                                 | PutBucketAcl             | s3:PutBucketAcl                 | arn:aws:s3:::logs",
        "GET /logs?versioning                          | s3.us-east-1.amazonaws.com              | -                                                  | GetBucketVersioning      | s3:GetBucketVersioning          | arn:aws:s3:::logs",
        "PUT /logs?versioning                          | s3.us-east-1.amazonaws.com              | -                                                  | PutBucketVersioning      | s3:PutBucketVersioning          | arn:aws:s3:::logs",
        "DELETE /logs?cors                             | s3.us-east-1.amazonaws.com              | -                                                  | DeleteBucketCors         | s3:PutBucketCORS                | arn:aws:s3:::logs",
        "GET /logs?publicAccessBlock                   | s3.us-east-1.amazonaws.com              | -                                                  | GetPublicAccessBlock     | s3:GetBucketPublicAccessBlock   | arn:aws:s3:::logs",
        "GET /logs/a.txt                               | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "GET /a.txt?x-id=GetObject                     | logs.s3.us-east-1.amazonaws.com         | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "HEAD /logs/a.txt                              | s3.us-east-1.amazonaws.com              | -                                                  | HeadObject               | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "GET /logs/a.txt?versionId=3HL4kqtJlcpXroDTDmJ  | s3.us-east-1.amazonaws.com             | -                                                  | GetObject                | s3:GetObjectVersion             | arn:aws:s3:::logs/a.txt",
        "HEAD /logs/a.txt?versionId=3HL4kqtJlcpXroDTDmJ | s3.us-east-1.amazonaws.com             | -                                                  | HeadObject               | s3:GetObjectVersion             | arn:aws:s3:::logs/a.txt",
        "GET /logs/a.txt?response-content-type=text%2Fplain | s3.us-east-1.amazonaws.com         | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "PUT /logs/a.txt                               | s3.us-east-1.amazonaws.com              | -                                                  | PutObject                | s3:PutObject                    | arn:aws:s3:::logs/a.txt",
        "PUT /logs/b.txt                               | s3.us-east-1.amazonaws.com              | x-amz-copy-source: /src/a.txt                      | CopyObject               | s3:PutObject                    | arn:aws:s3:::logs/b.txt",
        "DELETE /logs/a.txt                            | s3.us-east-1.amazonaws.com              | -                                                  | DeleteObject             | s3:DeleteObject                 | arn:aws:s3:::logs/a.txt",
        "DELETE /logs/a.txt?versionId=v1               | s3.us-east-1.amazonaws.com              | -                                                  | DeleteObject             | s3:DeleteObjectVersion          | arn:aws:s3:::logs/a.txt",
        "GET /logs/a.txt?tagging                       | s3.us-east-1.amazonaws.com              | -                                                  | GetObjectTagging         | s3:GetObjectTagging             | arn:aws:s3:::logs/a.txt",
        "GET /logs/a.txt?tagging&versionId=v1          | s3.us-east-1.amazonaws.com              | -                                                  | GetObjectTagging         | s3:GetObjectVersionTagging      | arn:aws:s3:::logs/a.txt",
        "PUT /logs/a.txt?tagging                       | s3.us-east-1.amazonaws.com              | -                                                  | PutObjectTagging         | s3:PutObjectTagging             | arn:aws:s3:::logs/a.txt",
        "DELETE /logs/a.txt?tagging                    | s3.us-east-1.amazonaws.com              | -                                                  | DeleteObjectTagging      | s3:DeleteObjectTagging          | arn:aws:s3:::logs/a.txt",
        "GET /logs/a.txt?acl                           | s3.us-east-1.amazonaws.com              | -                                                  | GetObjectAcl             | s3:GetObjectAcl                 | arn:aws:s3:::logs/a.txt",
        "GET /logs/a.txt?acl&versionId=v1              | s3.us-east-1.amazonaws.com              | -                                                  | GetObjectAcl             | s3:GetObjectVersionAcl          | arn:aws:s3:::logs/a.txt",
        "PUT /logs/a.txt?acl                           | s3.us-east-1.amazonaws.com              | x-amz-acl: public-read                             | PutObjectAcl             | s3:PutObjectAcl                 | arn:aws:s3:::logs/a.txt",
        "POST /logs/big.bin?uploads                    | s3.us-east-1.amazonaws.com              | -                                                  | CreateMultipartUpload    | s3:PutObject                    | arn:aws:s3:::logs/big.bin",
        "PUT /logs/big.bin?partNumber=2&uploadId=VXBsb2Fk | s3.us-east-1.amazonaws.com           | -                                                  | UploadPart               | s3:PutObject                    | arn:aws:s3:::logs/big.bin",
        "PUT /logs/big.bin?partNumber=2&uploadId=VXBsb2Fk | s3.us-east-1.amazonaws.com           | x-amz-copy-source: src/a.bin                       | UploadPartCopy           | s3:PutObject                    | arn:aws:s3:::logs/big.bin",
        "POST /logs/big.bin?uploadId=VXBsb2Fk          | s3.us-east-1.amazonaws.com              | -                                                  | CompleteMultipartUpload  | s3:PutObject                    | arn:aws:s3:::logs/big.bin",
        "DELETE /logs/big.bin?uploadId=VXBsb2Fk        | s3.us-east-1.amazonaws.com              | -                                                  | AbortMultipartUpload     | s3:AbortMultipartUpload         | arn:aws:s3:::logs/big.bin",
        "GET /logs/big.bin?uploadId=VXBsb2Fk&max-parts=10 | s3.us-east-1.amazonaws.com           | -                                                  | ListParts                | s3:ListMultipartUploadParts     | arn:aws:s3:::logs/big.bin",
        "POST /logs/a.txt?restore                      | s3.us-east-1.amazonaws.com              | -                                                  | RestoreObject            | s3:RestoreObject                | arn:aws:s3:::logs/a.txt",
        "POST /logs/a.csv?select&select-type=2         | s3.us-east-1.amazonaws.com              | -                                                  | SelectObjectContent      | s3:GetObject                    | arn:aws:s3:::logs/a.csv",
        "GET /logs/a.txt?attributes                    | s3.us-east-1.amazonaws.com              | -                                                  | GetObjectAttributes      | s3:GetObjectAttributes          | arn:aws:s3:::logs/a.txt",
        // host spellings
        "GET /a.txt                                    | logs.s3.amazonaws.com                   | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "GET /a.txt                                    | logs.s3-us-west-2.amazonaws.com         | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "GET /a.txt                                    | logs.s3.dualstack.eu-west-1.amazonaws.com | -                                                | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "GET /a.txt                                    | my.dotted.logs.s3.us-east-1.amazonaws.com | -                                                | GetObject                | s3:GetObject                    | arn:aws:s3:::my.dotted.logs/a.txt",
        "GET /my.dotted.logs/a.txt                     | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::my.dotted.logs/a.txt",
        "GET /a.txt                                    | logs.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com | -                           | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "GET /logs/a.txt                               | bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com | -                                | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        "HEAD /logs                                    | bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com | -                                | HeadBucket               | s3:ListBucket                   | arn:aws:s3:::logs",
        "GET /logs/a.txt                               | s3.cn-north-1.amazonaws.com.cn          | Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/cn-north-1/s3/aws4_request, SignedHeaders=host, Signature=0 | GetObject                | s3:GetObject                    | arn:aws-cn:s3:::logs/a.txt",
        "GET /logs/a.txt                               | localhost:9000                          | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
        // key encodings: %2F is a slash, %20 a space, %3F a question mark, + a space (S3 reads paths so: its console's
        // object URL for "has space.txt" is has+space.txt), %2B a plus, UTF-8 decodes
        "GET /logs/dir%2Fsub%2Fmy%20file.txt           | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/dir/sub/my file.txt",
        "GET /logs/dir/sub/a%20b.txt                   | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/dir/sub/a b.txt",
        "GET /logs/what%3Fnow.txt?versionId=v1         | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObjectVersion             | arn:aws:s3:::logs/what?now.txt",
        "GET /logs/a+b.txt                             | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a b.txt",
        "GET /logs/a%2Bb.txt                           | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a+b.txt",
        "GET /logs/caf%C3%A9.txt                       | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/café.txt",
        "GET /logs/dir/                                | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/dir/",
        // S3 ignores query parameters it does not know (a cache-busting ?v=2), and so does the embedded S3
        "GET /logs/a.txt?frobnicate                    | s3.us-east-1.amazonaws.com              | -                                                  | GetObject                | s3:GetObject                    | arn:aws:s3:::logs/a.txt",
    })
    void operation(String requestLine, String host, String headers, String operation, String action,
                   String resources) {
        StringBuilder http = new StringBuilder(requestLine + " HTTP/1.1\nHost: " + host + "\n");
        if (headers == null || !headers.startsWith("Authorization")) {
            http.append(sigv4(Requests.AKID, "us-east-1", "s3")).append('\n');
        }
        if (headers != null) {
            for (String h : headers.split(";;")) {
                http.append(h.trim()).append('\n');
            }
        }
        ClassifiedRequest r = classified(classify(http.toString()));
        assertEquals("s3", r.service());
        assertEquals(operation, r.operation());
        assertEquals(action, r.action());
        assertEquals(List.of(resources.split(",")), r.resourceArns());
    }
}
