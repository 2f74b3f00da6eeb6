package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localvpc trace … --action}: the endpoint's policies decide a request without anything being sent. */
@ExtendWith(LocalVpcExtension.class)
class PolicyTraceTest {

    private static JsonNode trace(URI endpoint, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_localvpc/trace"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    @Test
    void endpointPolicyDecisionIsShownWithItsDecidingStatement(Ec2Client ec2, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.61");
        String instance = net.instance(vpc.subnetA());
        String vpce = net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(vpce).policyDocument(
                "{\"Statement\":[{\"Sid\":\"ReadOnly\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));

        String flow = "{\"source\":\"" + instance + "\",\"destination\":\"s3.us-east-1.amazonaws.com\",\"port\":443,";
        JsonNode put = trace(endpoint, flow + "\"action\":\"s3:PutObject\",\"resource\":\"arn:aws:s3:::reports/a.csv\"}");
        assertEquals("delivered", put.path("verdict").asText(), put.toString());
        assertFalse(put.path("policy").path("allowed").asBoolean(), put.toString());
        assertEquals("IMPLICIT_DENY", put.path("policy").path("decision").asText());
        assertTrue(put.path("policy").path("deciding").asText().contains(vpce), put.toString());

        JsonNode get = trace(endpoint, flow + "\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::reports/a.csv\"}");
        assertTrue(get.path("policy").path("allowed").asBoolean(), get.toString());
        assertTrue(get.path("policy").path("deciding").asText().contains("ReadOnly") || get.path("policy").toString().contains("Statement[0]"), get.toString());
    }

    @Test
    void aRefusedFlowHasNoPolicyDecision(Ec2Client ec2, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.62");
        String instance = net.instance(vpc.subnetA());
        JsonNode t = trace(endpoint, "{\"source\":\"" + instance + "\",\"destination\":\"s3.us-east-1.amazonaws.com\",\"port\":443,"
                + "\"action\":\"s3:GetObject\",\"resource\":\"*\"}");
        assertEquals("refused", t.path("verdict").asText());
        assertTrue(t.path("policy").isMissingNode(), t.toString());
    }
}
