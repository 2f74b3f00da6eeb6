package io.localvpc.server.cli;

import io.localvpc.core.state.ResourceCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code localvpc unpublish i-0abc 8080}: the port is closed again; connections to it are refused by the host. */
@Command(name = "unpublish", mixinStandardHelpOptions = true, description = "Stop a local program playing a port of an instance.")
final class UnpublishCommand implements Callable<Integer> {
    @Mixin
    EndpointOption endpoint;

    @Parameters(index = "0", paramLabel = "INSTANCE_OR_ENI", description = "i-… or eni-…")
    String target;

    @Parameters(index = "1", paramLabel = "PORT[/tcp]", description = "The instance's port, e.g. 8080.")
    String port;

    @Override
    public Integer call() {
        var p = endpoint.client().deleteJson("_localvpc/published", ResourceCodec.mapper().createObjectNode()
                .put("target", target).put("port", port).toString());
        System.out.println("unpublished " + PublishCommand.line(p));
        return 0;
    }
}
