package io.localvpc.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code localvpc fault az use1-az1 down|up}: rehearse a zonal failure of endpoint interfaces. */
@Command(name = "fault", mixinStandardHelpOptions = true, description = "Take an Availability Zone's endpoint interfaces down, or bring them back.")
final class FaultCommand implements Callable<Integer> {
    @Mixin
    EndpointOption endpoint;

    @Parameters(index = "0", paramLabel = "az", description = "What fails: az (an Availability Zone).")
    String kind;

    @Parameters(index = "1", paramLabel = "ZONE_ID", description = "Zone id, e.g. use1-az1.")
    String zoneId;

    @Parameters(index = "2", paramLabel = "down|up")
    String action;

    @Override
    public Integer call() {
        if (!kind.equals("az")) throw new AdminClient.CliFailure("only 'az' faults exist: localvpc fault az <zone-id> down|up");
        if (!action.equals("down") && !action.equals("up")) throw new AdminClient.CliFailure("the last word must be down or up");
        var result = endpoint.client().postJson("_localvpc/faults/az/" + zoneId + "/" + action, "");
        System.out.println(zoneId + " is " + action + "; zones down now: " + (result.path("downZones").isEmpty() ? "none" : result.path("downZones").toString()));
        return 0;
    }
}
