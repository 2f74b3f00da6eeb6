package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.state.Tx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The route-table side of a gateway endpoint: in each of its tables one route whose destination is the
 * service's AWS-managed prefix list and whose target ({@code gatewayId}) is the endpoint. Only endpoint
 * calls add or remove these routes; a table holds at most one such route per prefix list.
 */
public final class GatewayEndpointRoutes {
    private GatewayEndpointRoutes() {
    }

    public static void add(Tx tx, String endpointId, String prefixListId, Collection<RouteTable> tables) {
        for (RouteTable t : tables) {
            RouteTable current = tx.find(RouteTable.class, t.id()).orElseThrow();
            for (Route r : current.routes()) {
                if (prefixListId.equals(r.destinationPrefixListId())) {
                    throw new AwsException("RouteAlreadyExists", "The route identified by " + prefixListId + " already exists in route table "
                            + t.id() + " (target " + r.gatewayId() + "). A route table can hold one endpoint route per service.");
                }
            }
            List<Route> routes = new ArrayList<>(current.routes());
            routes.add(new Route(null, null, prefixListId, endpointId, null, null, null, null, Route.ORIGIN_CREATE_ROUTE));
            tx.put(current.withRoutes(routes));
        }
    }

    /** Removes the endpoint's route from each named table (tables already gone are skipped). */
    public static void remove(Tx tx, String endpointId, Collection<String> tableIds) {
        for (String id : tableIds) {
            tx.find(RouteTable.class, id).ifPresent(t ->
                    tx.put(t.withRoutes(t.routes().stream().filter(r -> !endpointId.equals(r.gatewayId())).toList())));
        }
    }
}
