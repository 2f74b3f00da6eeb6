package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * moto's endpoint-service cases, carried over as AWS answers them (the script makes its NLBs with boto3's elbv2 client) (clients/boto3/endpoint_services.py says case by case
 * where moto's expectation differs and why), run by boto3 against a real localvpc. Skipped without python3 and boto3,
 * except under CI=true.
 */
@ExtendWith(LocalVpcExtension.class)
class MotoEndpointServiceCasesTest {
    private static final String ACCOUNT = "123456789012";

    @Test
    void motosEndpointServiceCasesPassWhereTheyAgreeWithAws(URI endpoint) throws Exception {
        RequiredTools.require("/usr/bin/python3", "python3-boto3", "-c", "import boto3");
        ClientProcess.Result r = ClientProcess.run(List.of("/usr/bin/python3", "endpoint_services.py"), ClientProcess.CLIENTS.resolve("boto3"), endpoint,
                Map.of("AWS_ACCESS_KEY_ID", ACCOUNT, "EXPECTED_ACCOUNT", ACCOUNT, "PATH", "/usr/bin:/bin"), 180);
        r.assertCompleted("endpoint services: all 15 cases done");
    }
}
