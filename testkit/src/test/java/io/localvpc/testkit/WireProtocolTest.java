package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EC2 Query wire itself: exact XML, and AWS's error document for every kind of bad request. */
@ExtendWith(LocalVpcExtension.class)
class WireProtocolTest {

    private static void assertError(RawEc2.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.body().contains("<Response><Errors><Error><Code>" + code + "</Code><Message>"), reply.body());
        assertTrue(reply.body().contains("<RequestID>"), reply.body());
        assertTrue(!reply.body().contains("Exception") && !reply.body().contains("\tat "), "no stack traces: " + reply.body());
    }

    @Test
    void successDocumentHasNamespaceRequestIdAndItems(URI endpoint) {
        RawEc2.Reply r = new RawEc2(endpoint).call("CreateVpc", "CidrBlock", "10.0.0.0/16",
                "TagSpecification.1.ResourceType", "vpc", "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "a<b");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("<CreateVpcResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"), r.body());
        assertTrue(r.body().contains("<tagSet><item><key>Name</key><value>a&lt;b</value></item></tagSet>"), r.body());
        assertTrue(r.body().contains("<ipv6CidrBlockAssociationSet/>"), "empty sets are present: " + r.body());
        assertTrue(r.body().contains("<state>available</state>"), r.body());
    }

    @Test
    void deleteAnswersReturnTrue(URI endpoint) {
        RawEc2 raw = new RawEc2(endpoint);
        String body = raw.call("CreateVpc", "CidrBlock", "10.0.0.0/16").body();
        String id = body.substring(body.indexOf("<vpcId>") + 7, body.indexOf("</vpcId>"));
        RawEc2.Reply r = raw.call("DeleteVpc", "VpcId", id);
        assertTrue(r.body().contains("<return>true</return>"), r.body());
    }

    @Test
    void unknownActionIsInvalidAction(URI endpoint) {
        assertError(new RawEc2(endpoint).call("LaunchRockets"), 400, "InvalidAction");
    }

    @Test
    void unknownParameterIsRefused(URI endpoint) {
        assertError(new RawEc2(endpoint).call("DescribeVpcs", "VpcIdd.1", "vpc-12345678"), 400, "UnknownParameter");
    }

    @Test
    void missingActionAndGarbageBodies(URI endpoint) {
        RawEc2 raw = new RawEc2(endpoint);
        assertError(raw.post("", null), 400, "MissingAction");
        assertError(raw.post("{\"this is\": \"json\"}", null), 400, "MissingAction");
        assertError(raw.post("Action=CreateVpc&CidrBlock=%zz", null), 400, "MalformedQueryString");
        assertError(raw.post("\u0000\u0001\u0002binary", null), 400, "MissingAction");
    }

    @Test
    void wrongTypesAreInvalidParameterValue(URI endpoint) {
        assertError(new RawEc2(endpoint).call("DescribeVpcs", "MaxResults", "many"), 400, "InvalidParameterValue");
        assertError(new RawEc2(endpoint).call("DescribeVpcs", "DryRun", "maybe"), 400, "InvalidParameterValue");
        assertError(new RawEc2(endpoint).call("DescribeVpcs", "MaxResults", "2"), 400, "InvalidParameterValue");
    }

    @Test
    void jsonProtocolRequestGetsJsonError(URI endpoint) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("UnknownOperationException"), r.body());
    }

    @Test
    void unknownRegionIsExplained(URI endpoint) {
        RawEc2.Reply r = new RawEc2(endpoint).post("Action=DescribeVpcs&Version=2016-11-15",
                "AWS4-HMAC-SHA256 Credential=test/20261126/mars-north-1/ec2/aws4_request, SignedHeaders=host, Signature=0");
        assertError(r, 400, "InvalidRegion");
    }

    @Test
    void queryStringRequestsWorkToo(URI endpoint) {
        RawEc2.Reply r = new RawEc2(endpoint).get("/?Action=DescribeRegions&Version=2016-11-15");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("<regionName>us-east-1</regionName>"), r.body());
    }

    @Test
    void dryRunIsHttp412WithAwsMessage(URI endpoint) {
        RawEc2.Reply r = new RawEc2(endpoint).call("CreateVpc", "CidrBlock", "10.0.0.0/16", "DryRun", "true");
        assertError(r, 412, "DryRunOperation");
        assertTrue(r.body().contains("Request would have succeeded, but DryRun flag is set."), r.body());
    }

    @Test
    void clientTokenMakesCreateIdempotent(URI endpoint) {
        RawEc2 raw = new RawEc2(endpoint);
        String vpc = raw.call("CreateVpc", "CidrBlock", "10.0.0.0/16").body();
        String vpcId = vpc.substring(vpc.indexOf("<vpcId>") + 7, vpc.indexOf("</vpcId>"));
        String first = raw.call("CreateRouteTable", "VpcId", vpcId, "ClientToken", "tok-1").body();
        String again = raw.call("CreateRouteTable", "VpcId", vpcId, "ClientToken", "tok-1").body();
        String id = first.substring(first.indexOf("<routeTableId>"), first.indexOf("</routeTableId>"));
        assertTrue(again.contains(id), again);
        assertError(raw.call("CreateRouteTable", "VpcId", "vpc-0123456789abcdef0", "ClientToken", "tok-1"), 400, "IdempotentParameterMismatch");
        assertError(raw.call("CreateVpc", "CidrBlock", "10.8.0.0/16", "ClientToken", "tok-2"), 400, "UnknownParameter");
    }
}
