package io.localvpc.server.cli;

import io.localvpc.api.ec2.Operation;
import io.localvpc.api.ec2.OperationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders the operation registry (and the ELBv2 operations) as the Markdown tables the README carries (a test keeps them equal). */
public final class OperationsTable {
    private OperationsTable() {
    }

    public static String markdown(OperationRegistry registry) {
        Map<String, List<String>> byFamily = new TreeMap<>();
        for (Operation op : registry.all()) {
            byFamily.computeIfAbsent(registry.familyOf(op.name()), k -> new ArrayList<>()).add(op.name());
        }
        StringBuilder sb = new StringBuilder("| Resource family | EC2 operations |\n| --- | --- |\n");
        for (Map.Entry<String, List<String>> e : byFamily.entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ").append(String.join(", ", e.getValue())).append(" |\n");
        }
        sb.append("\n| Resource family | Elastic Load Balancing v2 operations (Network Load Balancers) |\n| --- | --- |\n");
        for (Map.Entry<String, List<String>> e : io.localvpc.api.elbv2.Elbv2Api.operationsByFamily().entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ").append(String.join(", ", e.getValue())).append(" |\n");
        }
        return sb.toString();
    }
}
