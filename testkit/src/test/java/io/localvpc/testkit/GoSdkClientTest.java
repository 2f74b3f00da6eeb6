package io.localvpc.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The AWS SDK for Go v2 (Debian's packaged sources, built offline) runs clients/go-sdk: a whole endpoint
 * workflow with the SDK's waiters and paginators, against a real localvpc. Skipped without Go and the SDK
 * sources, except under CI=true where that is a failure (.ci/run installs them).
 */
@ExtendWith(LocalVpcExtension.class)
class GoSdkClientTest {
    @BeforeAll
    static void needsGo() {
        GoClients.require();
    }

    @Test
    void theGoSdkCompletesTheEndpointWorkflow(URI endpoint) throws Exception {
        Path binary = GoClients.build("go-sdk");
        ClientProcess.run(List.of(binary.toString()), ClientProcess.CLIENTS, endpoint, Map.of(), 180)
                .assertCompleted("go-sdk: workflow OK");
    }
}
