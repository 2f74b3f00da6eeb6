package io.localvpc.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * clients/terraform-replay: the Terraform AWS provider's calls for aws_vpc, aws_subnet, aws_route_table (+
 * associations), aws_security_group and aws_vpc_endpoint (gateway and interface) and the data sources
 * aws_vpc_endpoint_service and aws_prefix_list, replayed with the provider's own SDK family, including its
 * start-up calls (sts:GetCallerIdentity, iam:GetUser), its waits, a no-drift refresh and the not-found codes
 * after destroy. The provider version it follows is named in its main.go.
 */
@ExtendWith(LocalVpcExtension.class)
class TerraformReplayClientTest {
    @BeforeAll
    static void needsGo() {
        GoClients.require();
    }

    @Test
    void theTerraformProvidersCallsCompleteWithoutDrift(URI endpoint) throws Exception {
        Path binary = GoClients.build("terraform-replay");
        ClientProcess.run(List.of(binary.toString()), ClientProcess.CLIENTS, endpoint, Map.of(), 180)
                .assertCompleted("terraform-replay: workflow OK");
    }
}
