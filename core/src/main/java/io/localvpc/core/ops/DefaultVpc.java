package io.localvpc.core.ops;

import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.catalog.Zone;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.Tx;

import java.util.ArrayList;
import java.util.List;

/**
 * The default VPC every account has in every region, as AWS builds it: 172.31.0.0/16, a /20 default
 * subnet per Availability Zone that maps public IPs, an attached internet gateway and a
 * {@code 0.0.0.0/0} route to it in the main route table, DNS support and hostnames on.
 */
public final class DefaultVpc {
    public static final String CIDR = "172.31.0.0/16";
    private static final int SUBNET_PREFIX = 20;

    private DefaultVpc() {
    }

    public static Vpc create(Tx tx) {
        Region region = Regions.require(tx.scope().region());
        Vpc vpc = VpcOps.create(tx, CIDR, "default", true);
        String owner = tx.scope().account();

        InternetGateway igw = tx.put(new InternetGateway(tx.newId("igw"), owner, vpc.id()));
        RouteTable main = VpcOps.mainRouteTable(tx, vpc.id()).orElseThrow();
        List<Route> routes = new ArrayList<>(main.routes());
        routes.add(new Route("0.0.0.0/0", null, null, igw.id(), null, null, null, null, Route.ORIGIN_CREATE_ROUTE));
        tx.put(main.withRoutes(routes));

        // One /20 per zone from the bottom of the block: 172.31.0.0/20, 172.31.16.0/20, …
        long base = Ipv4Cidr.parse(CIDR).orElseThrow().base();
        long step = 1L << (32 - SUBNET_PREFIX);
        int i = 0;
        for (Zone zone : region.zones()) {
            SubnetOps.insert(tx, vpc.id(), new Ipv4Cidr(base + i++ * step, SUBNET_PREFIX), zone, true, true);
        }
        return vpc;
    }
}
