package io.localvpc.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.state.ResourceCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code localvpc publish i-0abc 8080 127.0.0.1:18080}: the local program at 127.0.0.1:18080 plays port 8080 of the
 * instance, so other workloads' connections to the instance's address on that port reach it, after the path engine's
 * decision (routes, both sides' security groups and network ACLs). Without arguments, lists what is published.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Let a local program play a port of an instance or network interface; without arguments, list what is published.")
final class PublishCommand implements Callable<Integer> {
    @Mixin
    EndpointOption endpoint;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INSTANCE_OR_ENI", description = "i-… or eni-…")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT[/tcp]", description = "The instance's port, e.g. 8080.")
    String port;

    @Parameters(index = "2", arity = "0..1", paramLabel = "HOST:PORT", description = "Where the program listens, on loopback: 127.0.0.1:18080.")
    String hostPort;

    @Override
    public Integer call() {
        AdminClient client = endpoint.client();
        if (target == null) {
            for (JsonNode p : client.getJson("_localvpc/published").path("published")) System.out.println(line(p));
            return 0;
        }
        if (port == null || hostPort == null) {
            throw new AdminClient.CliFailure("give the instance, its port and the program's address: localvpc publish i-0abc 8080 127.0.0.1:18080");
        }
        System.out.println(line(publish(client, target, port, hostPort)));
        return 0;
    }

    static JsonNode publish(AdminClient client, String target, String port, String hostPort) {
        return client.postJson("_localvpc/published", ResourceCodec.mapper().createObjectNode()
                .put("target", target).put("port", port).put("hostPort", hostPort).toString());
    }

    /** "i-0abc tcp 8080 → 127.0.0.1:18080 (eni-…, 000000000000 us-east-1)". */
    static String line(JsonNode p) {
        return p.path("target").asText() + " " + p.path("protocol").asText() + " " + p.path("port").asInt() + " → " + p.path("hostPort").asText()
                + " (" + (p.has("networkInterfaceId") ? p.path("networkInterfaceId").asText() + ", " : "") + p.path("account").asText() + " "
                + p.path("region").asText() + ")";
    }
}
