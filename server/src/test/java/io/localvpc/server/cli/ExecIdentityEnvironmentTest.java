package io.localvpc.server.cli;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What exec gives a program so its SDK finds the instance's region and credentials (issue 13), and what it leaves alone. */
class ExecIdentityEnvironmentTest {

    @Test
    void theRegionTheMetadataServiceAndStsAreSetAndNoKeys() {
        Map<String, String> env = new HashMap<>();
        ExecCommand.identityEnvironment(env, "i-0123456789abcdef0", "eu-west-1", 4581, 4580);
        assertEquals("eu-west-1", env.get("AWS_REGION"));
        assertEquals("eu-west-1", env.get("AWS_DEFAULT_REGION"));
        assertEquals("http://127.0.0.1:4581/imds/i-0123456789abcdef0/", env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT"));
        assertEquals("http://127.0.0.1:4580", env.get("AWS_ENDPOINT_URL_STS"));
        assertEquals("127.0.0.1:4580", env.get("NO_PROXY"));
        assertEquals("127.0.0.1:4580", env.get("no_proxy"));
        assertFalse(env.containsKey("AWS_ACCESS_KEY_ID") || env.containsKey("AWS_SECRET_ACCESS_KEY") || env.containsKey("AWS_SESSION_TOKEN"));
    }

    @Test
    void whatTheCallerChoseStays() {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "us-west-2", "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9999",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"));
        ExecCommand.identityEnvironment(env, "i-0123456789abcdef0", "eu-west-1", 4581, 4580);
        assertEquals("us-west-2", env.get("AWS_REGION"));
        assertEquals("us-west-2", env.get("AWS_DEFAULT_REGION"), "the default region follows the one the caller chose");
        assertEquals("http://127.0.0.1:9999", env.get("AWS_ENDPOINT_URL_STS"));
        assertEquals("AKIAEXAMPLE", env.get("AWS_ACCESS_KEY_ID"), "exported keys are the caller's to keep");
    }
}
