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
 * aws_vpc_endpoint_service and aws_prefix_list, and for an instance's identity (aws_iam_role,
 * aws_iam_role_policy, aws_iam_policy, aws_iam_role_policy_attachment, aws_iam_instance_profile and an
 * aws_instance using it), replayed with the provider's own SDK family, including its start-up calls
 * (sts:GetCallerIdentity, iam:GetUser), its waits and IAM propagation retries (none may be needed), a no-drift
 * refresh and the not-found codes after destroy. The provider version and files it follows are named in its main.go.
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
