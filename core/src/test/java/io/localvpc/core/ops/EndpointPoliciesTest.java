package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.state.ResourceCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointPoliciesTest {

    private static String code(Runnable r) {
        return assertThrows(AwsException.class, r::run).code();
    }

    @Test
    void defaultsAreValidFullAccessPolicies() throws Exception {
        for (String p : new String[]{EndpointPolicies.GATEWAY_DEFAULT, EndpointPolicies.INTERFACE_DEFAULT}) {
            assertEquals(p, EndpointPolicies.validate(p));
            var s = ResourceCodec.mapper().readTree(p).get("Statement").get(0);
            assertEquals("Allow", s.get("Effect").asText());
            assertEquals("*", s.get("Principal").asText());
            assertEquals("*", s.get("Action").asText());
            assertEquals("*", s.get("Resource").asText());
        }
        assertTrue(EndpointPolicies.GATEWAY_DEFAULT.contains("\"Version\":\"2008-10-17\""));
        assertEquals(EndpointPolicies.GATEWAY_DEFAULT, EndpointPolicies.defaultFor("Gateway"));
        assertEquals(EndpointPolicies.INTERFACE_DEFAULT, EndpointPolicies.defaultFor("Interface"));
    }

    @Test
    void refusesWhatAwsRefuses() {
        assertEquals("InvalidPolicyDocument", code(() -> EndpointPolicies.validate("not json")));
        assertEquals("InvalidPolicyDocument", code(() -> EndpointPolicies.validate("[]")));
        assertEquals("InvalidPolicyDocument", code(() -> EndpointPolicies.validate("{\"Version\":\"2012-10-17\"}")));
        assertEquals("InvalidPolicyDocument", code(() -> EndpointPolicies.validate(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")));
        String big = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Sid\":\""
                + "x".repeat(EndpointPolicies.MAX_LENGTH) + "\"}]}";
        AwsException e = assertThrows(AwsException.class, () -> EndpointPolicies.validate(big));
        assertTrue(e.getMessage().contains("20480"), e.getMessage());
    }

    @Test
    void acceptsSingleStatementObjectAndKeepsTextAsGiven() {
        String p = "{ \"Statement\": {\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:PutObject\",\"Resource\":\"*\"} }";
        assertEquals(p, EndpointPolicies.validate(p));
    }
}
