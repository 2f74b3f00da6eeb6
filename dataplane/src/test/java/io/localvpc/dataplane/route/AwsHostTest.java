package io.localvpc.dataplane.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsHostTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "s3.us-east-1.amazonaws.com                                  | s3             | us-east-1      | -",
        "s3.amazonaws.com                                            | s3             | us-east-1      | -",
        "Logs.S3.amazonaws.com.                                      | s3             | us-east-1      | logs",
        "logs.s3-us-west-2.amazonaws.com                             | s3             | us-west-2      | logs",
        "logs.s3-external-1.amazonaws.com                            | s3             | us-east-1      | logs",
        "logs.s3-fips.us-gov-west-1.amazonaws.com                    | s3             | us-gov-west-1  | logs",
        "logs.s3.dualstack.eu-west-1.amazonaws.com:443               | s3             | eu-west-1      | logs",
        "s3.s3.us-east-1.amazonaws.com                               | s3             | us-east-1      | s3",
        "a.b.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com | s3           | us-east-1      | a.b",
        "bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com   | s3             | us-east-1      | -",
        "ap.accesspoint.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com | s3-accesspoint | us-east-1 | -",
        "myap-111122223333.s3-accesspoint.us-east-1.amazonaws.com    | s3-accesspoint | us-east-1      | -",
        "vpce-0a1b-c2d3.sqs.eu-west-1.vpce.amazonaws.com             | sqs            | eu-west-1      | -",
        "vpce-0a1b-c2d3-us-east-1a.dynamodb.us-east-1.vpce.amazonaws.com | dynamodb   | us-east-1      | -",
        "sqs.us-east-1.amazonaws.com                                 | sqs            | us-east-1      | -",
        "sqs-fips.us-east-2.amazonaws.com                            | sqs            | us-east-2      | -",
        "sqs.us-east-1.api.aws                                       | sqs            | us-east-1      | -",
        "queue.amazonaws.com                                         | sqs            | us-east-1      | -",
        "ap-south-1.queue.amazonaws.com                              | sqs            | ap-south-1     | -",
        "streams.dynamodb.eu-west-1.amazonaws.com                    | dynamodb       | eu-west-1      | -",
        "sts.amazonaws.com                                           | sts            | -              | -",
        "monitoring.us-east-1.amazonaws.com                          | cloudwatch     | us-east-1      | -",
        "dynamodb.cn-north-1.amazonaws.com.cn                        | dynamodb       | cn-north-1     | -",
        // bucket spellings the embedded S3 is asked for (the one parser the policies and the service share)
        "my-bucket.s3.us-east-1.amazonaws.com:8443                   | s3             | us-east-1      | my-bucket",
        "My.Dotted.Bucket.s3.amazonaws.com                           | s3             | us-east-1      | my.dotted.bucket",
        "b.s3.cn-north-1.amazonaws.com.cn                            | s3             | cn-north-1     | b",
        "123456789012.s3-control.us-east-1.amazonaws.com             | s3-control     | us-east-1      | -",
        "b.s3.example.com                                            | -              | -              | -",
        // not an interface-endpoint name (no vpce-<id> label): no bucket, whatever its first label
        "vault.s3.us-east-1.vpce.amazonaws.com                       | -              | -              | -",
        "localhost:4566                                              | -              | -              | -",
        "10.0.0.5                                                    | -              | -              | -",
        "[::1]:443                                                   | -              | -              | -",
    })
    void parse(String host, String service, String region, String bucket) {
        assertEquals(new AwsHost(service, region, bucket), AwsHost.parse(host));
    }
}
