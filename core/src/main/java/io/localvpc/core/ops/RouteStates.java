package io.localvpc.core.ops;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.View;

/**
 * Whether a route can carry traffic: AWS's {@code active}, or {@code blackhole} when its target is gone
 * or cannot forward. This is the one place that rule lives; DescribeRouteTables shows it and the path
 * engine drops packets on a blackhole route with it.
 */
public final class RouteStates {
    public static final String ACTIVE = "active";
    public static final String BLACKHOLE = "blackhole";

    private RouteStates() {
    }

    public static String stateOf(View view, RouteTable table, Route route) {
        return isActive(view, table, route) ? ACTIVE : BLACKHOLE;
    }

    public static boolean isActive(View view, RouteTable table, Route route) {
        if (route.isLocal()) return true;
        String gw = route.gatewayId();
        if (gw != null && gw.startsWith(IdKind.INTERNET_GATEWAY.prefix() + "-")) {
            // An internet gateway forwards only for the VPC it is attached to.
            return view.find(InternetGateway.class, gw).map(g -> table.vpcId().equals(g.attachedVpcId())).orElse(false);
        }
        if (gw != null) {
            // Gateway VPC endpoint (vpce-…): active while the endpoint exists.
            return view.find(VpcEndpoint.class, gw).map(VpcEndpoint::isActive).orElse(false);
        }
        if (route.natGatewayId() != null) {
            return view.find(NatGateway.class, route.natGatewayId()).map(n -> NatGatewayOps.canForward(view, n)).orElse(false);
        }
        if (route.networkInterfaceId() != null) {
            NetworkInterface eni = view.find(NetworkInterface.class, route.networkInterfaceId()).orElse(null);
            if (eni == null) return false;
            // An interface attached to an instance forwards only while that instance can.
            return eni.attachment() == null || instanceCanForward(view, eni.attachment().instanceId());
        }
        if (route.instanceId() != null) return instanceCanForward(view, route.instanceId());
        if (route.egressOnlyInternetGatewayId() != null) return view.findAny(route.egressOnlyInternetGatewayId()).isPresent();
        return false;
    }

    /** The instance hook: it must exist and, if it knows its own state, be able to forward (running). */
    static boolean instanceCanForward(View view, String instanceId) {
        return view.find(Instance.class, instanceId).map(i -> i.canForward(view)).orElse(false);
    }
}
