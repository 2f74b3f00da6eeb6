package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * moto's endpoint-service cases, carried over as AWS answers them (clients/boto3/endpoint_services.py says case by case
 * where moto's expectation differs and why), run by boto3 against a real localvpc. Skipped without python3 and boto3,
 * except under CI=true.
 */
@ExtendWith(LocalVpcExtension.class)
class MotoEndpointServiceCasesTest {
    private static final String ACCOUNT = "123456789012";
    private static final int LOAD_BALANCERS = 13;

    @Test
    void motosEndpointServiceCasesPassWhereTheyAgreeWithAws(LocalVpc lv, URI endpoint) throws Exception {
        RequiredTools.require("/usr/bin/python3", "python3-boto3", "-c", "import boto3");
        List<String> arns = new ArrayList<>();
        try (Ec2Client ec2 = LocalVpcExtension.ec2(endpoint, ACCOUNT, Region.US_EAST_1)) {
            Layouts net = new Layouts(ec2);
            String vpc = net.vpc("10.90.0.0/16");
            for (int i = 0; i < LOAD_BALANCERS; i++) {
                arns.add(ProviderNlbs.create(lv, ec2, ACCOUNT, "moto-" + i, net.subnet(vpc, "10.90." + i + ".0/24", Layouts.ZONE_A)));
            }
        }
        ClientProcess.Result r = ClientProcess.run(List.of("/usr/bin/python3", "endpoint_services.py"), ClientProcess.CLIENTS.resolve("boto3"), endpoint,
                Map.of("AWS_ACCESS_KEY_ID", ACCOUNT, "EXPECTED_ACCOUNT", ACCOUNT, "NLB_ARNS", String.join(",", arns), "PATH", "/usr/bin:/bin"), 180);
        r.assertCompleted("endpoint services: all 15 cases done");
    }
}
