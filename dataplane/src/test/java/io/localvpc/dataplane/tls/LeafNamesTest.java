package io.localvpc.dataplane.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeafNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "bucket.s3.us-east-1.amazonaws.com | *.s3.us-east-1.amazonaws.com | *.s3.us-east-1.amazonaws.com,s3.us-east-1.amazonaws.com",
        "my.dotted.bucket.s3.amazonaws.com | *.dotted.bucket.s3.amazonaws.com | *.dotted.bucket.s3.amazonaws.com,dotted.bucket.s3.amazonaws.com",
        "S3.US-EAST-1.AMAZONAWS.COM.       | *.us-east-1.amazonaws.com | *.us-east-1.amazonaws.com,us-east-1.amazonaws.com",
        "example.com                       | example.com | example.com",
        "localhost                         | localhost | localhost",
        "null                              | localhost | localhost",
        "bad_name!.example.com             | localhost | localhost",
    })
    void dnsNames(String host, String key, String sans) {
        LeafNames names = LeafNames.forHost(host);
        assertEquals(key, names.key());
        assertEquals(List.of(sans.split(",")), names.dnsNames());
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "10.1.2.3"})
    void ipLiteralsGetAnIpSan(String ip) {
        LeafNames names = LeafNames.forHost(ip);
        assertEquals(List.of(), names.dnsNames());
        assertEquals(List.of(ip), names.ipAddresses());
    }
}
