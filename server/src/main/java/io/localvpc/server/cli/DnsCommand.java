package io.localvpc.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code localvpc dns <vpc-id>}: prints host:port of that VPC's resolver, for {@code dig @host -p port name}. */
@Command(name = "dns", mixinStandardHelpOptions = true, description = "Print host:port of a VPC's DNS resolver (starting it if needed).")
final class DnsCommand implements Callable<Integer> {
    @Mixin
    EndpointOption endpoint;

    @Parameters(index = "0", paramLabel = "VPC_ID", description = "The VPC, e.g. vpc-0123456789abcdef0.")
    String vpcId;

    @Override
    public Integer call() {
        System.out.println(endpoint.client().getJson("_localvpc/dns/" + vpcId).path("resolver").asText());
        return 0;
    }
}
