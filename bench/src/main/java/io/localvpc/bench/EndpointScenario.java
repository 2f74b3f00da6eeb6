package io.localvpc.bench;

import java.nio.file.Path;
import java.util.List;

/** CreateVpcEndpoint throughput and DescribeVpcEndpoints latency with 500 endpoints (issue: VPC endpoints). */
final class EndpointScenario {
    private EndpointScenario() {
    }

    static void run(Path jar, List<String> jvm) {
        // Filled in once the VPC endpoint operations exist.
    }
}
