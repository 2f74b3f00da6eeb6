package io.localvpc.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code localvpc flows}: the workloads' connections as VPC flow log records (AWS's format), the ones that ended
 * recently, and with {@code --follow} each one as it ends.
 */
@Command(name = "flows", mixinStandardHelpOptions = true,
        description = "Print the workloads' recent connections as VPC flow log records (one per interface and direction), and with --follow each as it ends.")
final class FlowsCommand implements Callable<Integer> {
    @Mixin
    EndpointOption endpoint;

    @Option(names = "--vpc", description = "Only connections from this VPC.")
    String vpc;

    @Option(names = "--account", description = "The account (default: localvpc's default account).")
    String account;

    @Option(names = "--region", description = "The region (default: localvpc's default region).")
    String region;

    @Option(names = "--format", description = "A LogFormat, e.g. '${interface-id} ${srcaddr} ${dstaddr} ${action}' (default: AWS's version-2 format).")
    String format;

    @Option(names = "--follow", description = "Keep printing connections as they end, until interrupted.")
    boolean follow;

    @Option(names = "--no-header", description = "Do not print the line of field names first.")
    boolean noHeader;

    @Override
    public Integer call() throws InterruptedException {
        StringBuilder query = new StringBuilder();
        add(query, "vpc", vpc);
        add(query, "account", account);
        add(query, "region", region);
        add(query, "format", format);
        AdminClient client = endpoint.client();
        long cursor = 0;
        boolean headerDone = noHeader;
        while (true) {
            JsonNode page = client.getJson("_localvpc/flow-logs/records?after=" + cursor + query);
            if (!headerDone) {
                System.out.println(page.path("header").asText());
                headerDone = true;
            }
            for (JsonNode line : page.path("records")) System.out.println(line.asText());
            System.out.flush();
            cursor = page.path("cursor").asLong(cursor);
            if (!follow) return 0;
            Thread.sleep(1000);
        }
    }

    private static void add(StringBuilder query, String name, String value) {
        if (value != null) query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
