package io.localvpc.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code localvpc cost}: the bill so far by resource, and what the same traffic would cost on the other paths. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Print what the network has cost so far at AWS's prices (endpoints, NAT gateways, bytes), and the same bytes on the other paths.")
final class CostCommand implements Callable<Integer> {
    @Mixin
    EndpointOption endpoint;

    @Option(names = "--account", description = "Only this account's resources.")
    String account;

    @Option(names = "--region", description = "Only this region's resources.")
    String region;

    @Option(names = "--json", description = "Print the bill as JSON, as GET /_localvpc/cost answers.")
    boolean json;

    @Override
    public Integer call() {
        StringBuilder query = new StringBuilder();
        if (account != null) query.append(query.isEmpty() ? "?" : "&").append("account=").append(URLEncoder.encode(account, StandardCharsets.UTF_8));
        if (region != null) query.append(query.isEmpty() ? "?" : "&").append("region=").append(URLEncoder.encode(region, StandardCharsets.UTF_8));
        JsonNode bill = endpoint.client().getJson("_localvpc/cost" + query);
        if (json) {
            System.out.println(bill.toPrettyString());
            return 0;
        }
        System.out.println("Bill so far: $" + bill.path("total").asText() + " (" + bill.path("prices").asText() + ")");
        if (bill.path("resources").isEmpty()) System.out.println("No endpoint, NAT gateway or metered traffic yet.");
        for (JsonNode r : bill.path("resources")) {
            System.out.printf("  %-24s %-18s %-22s %5s h  %10s bytes  $%s%n", r.path("id").asText(), r.path("kind").asText(), r.path("vpcId").asText(),
                    r.path("hours").asText(), r.path("bytesProcessed").asText(), r.path("total").asText());
        }
        if (!bill.path("traffic").isEmpty()) System.out.println("What the same traffic would cost on the other paths:");
        for (JsonNode t : bill.path("traffic")) System.out.println("  " + t.path("summary").asText());
        return 0;
    }
}
