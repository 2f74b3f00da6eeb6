package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.util.List;

/**
 * A route table. The main table of a VPC carries an association with {@code main = true} and no subnet;
 * explicit subnet associations carry the subnet id. Route states (active/blackhole) are derived from
 * whether the target still exists, never stored.
 */
public record RouteTable(
        String id,
        String ownerId,
        String vpcId,
        List<Route> routes,
        List<RouteTableAssociation> associations) implements Resource {

    public RouteTable {
        routes = List.copyOf(routes);
        associations = List.copyOf(associations);
    }

    public boolean isMain() {
        return associations.stream().anyMatch(RouteTableAssociation::main);
    }

    public RouteTable withRoutes(List<Route> next) {
        return new RouteTable(id, ownerId, vpcId, next, associations);
    }

    public RouteTable withAssociations(List<RouteTableAssociation> next) {
        return new RouteTable(id, ownerId, vpcId, routes, next);
    }
}
