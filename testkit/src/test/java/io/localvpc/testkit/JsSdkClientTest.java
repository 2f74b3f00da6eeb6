package io.localvpc.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS SDK for JavaScript v3 (@aws-sdk/client-ec2 from npm, as locked in clients/js-sdk) runs the endpoint
 * workflow with waiters, paginators at page sizes other than the default, and a request id checked on every
 * answer. .ci/run installs the packages with npm ci; elsewhere the test is skipped until they are installed.
 */
@ExtendWith(LocalVpcExtension.class)
class JsSdkClientTest {
    @BeforeAll
    static void needsNodeAndTheSdk() {
        RequiredTools.require("node", "nodejs", "--version");
        boolean installed = Files.isDirectory(ClientProcess.CLIENTS.resolve("js-sdk/node_modules/@aws-sdk/client-ec2"));
        String missing = "clients/js-sdk has no node_modules: run npm ci there (.ci/run does)";
        if ("true".equals(System.getenv("CI"))) assertTrue(installed, missing);
        assumeTrue(installed, missing);
    }

    @Test
    void theJavaScriptSdkCompletesTheEndpointWorkflow(URI endpoint) throws Exception {
        ClientProcess.run(List.of("node", "--no-warnings", "workflow.mjs"), ClientProcess.CLIENTS.resolve("js-sdk"), endpoint, Map.of(), 180)
                .assertCompleted("js-sdk: workflow OK");
    }
}
