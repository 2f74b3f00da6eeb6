package io.localvpc.dataplane.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3HostsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "my-bucket.s3.us-east-1.amazonaws.com          | my-bucket",
        "my-bucket.s3.us-east-1.amazonaws.com:8443     | my-bucket",
        "My.Dotted.Bucket.s3.amazonaws.com             | my.dotted.bucket",
        "logs.s3-us-west-2.amazonaws.com               | logs",
        "b.s3.dualstack.eu-west-1.amazonaws.com        | b",
        "s3.s3.us-east-1.amazonaws.com                 | s3",
        "b.s3.cn-north-1.amazonaws.com.cn              | b",
        "data.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com | data",
        "bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com      | -",
        "ap.accesspoint.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com | -",
        "s3.us-east-1.amazonaws.com                    | -",
        "s3.amazonaws.com                              | -",
        "myap-123456789012.s3-accesspoint.us-east-1.amazonaws.com | -",
        "123456789012.s3-control.us-east-1.amazonaws.com | -",
        "b.s3.example.com                              | -",
        "localhost:9000                                | -",
    })
    void bucketFromHost(String host, String bucket) {
        assertEquals(Optional.ofNullable(bucket), S3Hosts.bucket(host));
    }
}
