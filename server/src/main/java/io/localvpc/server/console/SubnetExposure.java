package io.localvpc.server.console;

import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.RouteStates;
import io.localvpc.core.state.View;

import java.util.Optional;

/**
 * Public or private, as AWS defines it: a subnet is public when its route table (its own association, else the
 * VPC's main table) has an active route to an internet gateway. Whether a route is active is decided by
 * {@link RouteStates}, the rule DescribeRouteTables and the path engine use.
 */
final class SubnetExposure {
    private SubnetExposure() {
    }

    /** The route that makes the subnet public, or empty when it is private. */
    static Optional<Route> publicRoute(View view, RouteTable table) {
        if (table == null) return Optional.empty();
        String igw = IdKind.INTERNET_GATEWAY.prefix() + "-";
        return table.routes().stream()
                .filter(r -> r.gatewayId() != null && r.gatewayId().startsWith(igw))
                .filter(r -> RouteStates.isActive(view, table, r))
                .findFirst();
    }
}
