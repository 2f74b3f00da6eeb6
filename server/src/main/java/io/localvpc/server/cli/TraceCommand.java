package io.localvpc.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.state.ResourceCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code localvpc trace i-0abc s3.us-east-1.amazonaws.com:443}: the decision the network would make for
 * a connection, hop by hop, without sending anything. Exit status 0 when delivered, 2 when refused.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Show how a connection from an instance or network interface would cross the VPC, without sending anything.")
final class TraceCommand implements Callable<Integer> {
    @Mixin
    EndpointOption endpoint;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "An instance (i-…) or network interface (eni-…).")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION[:PORT]", description = "A host name or IPv4 address, with a port (default 443).")
    String destination;

    @Option(names = "--json", description = "Print the decision as JSON.")
    boolean json;

    @Option(names = "--action", description = "Also decide a request on the flow: its IAM action, e.g. s3:GetObject.")
    String action;

    @Option(names = "--resource", description = "The request's resource ARN, e.g. arn:aws:s3:::bucket/key (default *).")
    String resource;

    @Option(names = "--access-key", description = "The access key the request is signed with (default: the account root).")
    String accessKey;

    @Override
    public Integer call() {
        int colon = destination.lastIndexOf(':');
        String host = colon < 0 ? destination : destination.substring(0, colon);
        int port = colon < 0 ? 443 : Integer.parseInt(destination.substring(colon + 1));
        ObjectNode req = ResourceCodec.mapper().createObjectNode().put("source", source).put("destination", host).put("port", port);
        if (action != null) req.put("action", action).put("resource", resource == null ? "*" : resource).put("accessKeyId", accessKey);
        JsonNode v = endpoint.client().postJson("_localvpc/trace", req.toString());
        if (json) {
            System.out.println(v.toPrettyString());
        } else {
            boolean delivered = v.path("verdict").asText().equals("delivered");
            System.out.println((delivered ? "DELIVERED " : "REFUSED ") + source + " → " + host + ":" + port);
            for (JsonNode hop : v.path("hops")) System.out.println((hop.path("passed").asBoolean() ? "  ✓ " : "  ✗ ") + hop.path("text").asText());
            JsonNode policy = v.path("policy");
            if (!policy.isMissingNode()) {
                System.out.println((policy.path("allowed").asBoolean() ? "  ✓ " : "  ✗ ") + policy.path("action").asText() + " on "
                        + policy.path("resource").asText() + ": " + policy.path("reason").asText());
            }
        }
        boolean delivered = v.path("verdict").asText().equals("delivered");
        return delivered && v.path("policy").path("allowed").asBoolean(true) ? 0 : 2;
    }
}
