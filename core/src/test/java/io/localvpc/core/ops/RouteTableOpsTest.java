package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.Vpc;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableOpsTest {
    private final RoutingTestSupport s = new RoutingTestSupport();
    private static final String ENDPOINT = "vpce-0123456789abcdef0";
    private static final String S3_LIST = "pl-63a5400a";

    /** A table holding a gateway endpoint's route, as CreateVpcEndpoint leaves it. */
    private RouteTable tableWithEndpointRoute(Vpc vpc) {
        return s.write(tx -> {
            RouteTable t = RouteTableOps.create(tx, vpc.id());
            List<Route> routes = new ArrayList<>(t.routes());
            routes.add(new Route(null, null, S3_LIST, ENDPOINT, null, null, null, null, Route.ORIGIN_CREATE_ROUTE));
            return tx.put(t.withRoutes(routes));
        });
    }

    private AwsException refused(java.util.function.Consumer<io.localvpc.core.state.Tx> work) {
        return assertThrows(AwsException.class, () -> s.write(tx -> { work.accept(tx); return null; }));
    }

    @Test
    void endpointRoutesCannotBeChangedThroughRouteCalls() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        String igw = s.write(InternetGatewayOps::create).id();
        s.write(tx -> { InternetGatewayOps.attach(tx, igw, vpc.id()); return null; });
        RouteTable t = tableWithEndpointRoute(vpc);
        RouteTableOps.Target toIgw = new RouteTableOps.Target(igw, null, null, null);

        AwsException create = refused(tx -> RouteTableOps.createRoute(tx, t.id(), RouteTableOps.destination(tx, null, null, S3_LIST), toIgw));
        assertEquals("RouteAlreadyExists", create.code());
        assertTrue(create.getMessage().contains(ENDPOINT), create.getMessage());

        AwsException replace = refused(tx -> RouteTableOps.replaceRoute(tx, t.id(), RouteTableOps.destination(tx, null, null, S3_LIST), toIgw));
        assertEquals("InvalidParameterValue", replace.code());
        assertTrue(replace.getMessage().contains(ENDPOINT), replace.getMessage());

        AwsException delete = refused(tx -> RouteTableOps.deleteRoute(tx, t.id(), RouteTableOps.destination(tx, null, null, S3_LIST)));
        assertEquals("InvalidParameterValue", delete.code());
        assertTrue(delete.getMessage().contains(ENDPOINT), delete.getMessage());

        assertEquals(2, s.store.view(RoutingTestSupport.SCOPE).find(RouteTable.class, t.id()).orElseThrow().routes().size());
    }

    @Test
    void destinationsAreCheckedAsAwsChecksThem() {
        var v = s.store.view(RoutingTestSupport.SCOPE);
        assertEquals("10.1.0.0/16", RouteTableOps.destination(v, "10.1.0.0/16", null, null).text());
        assertEquals("InvalidParameterValue", assertThrows(AwsException.class, () -> RouteTableOps.destination(v, "10.1.0.1/16", null, null)).code());
        assertEquals("InvalidParameterValue", assertThrows(AwsException.class, () -> RouteTableOps.destination(v, "10.1.0.0", null, null)).code());
        assertEquals("InvalidParameterCombination", assertThrows(AwsException.class, () -> RouteTableOps.destination(v, "10.1.0.0/16", null, S3_LIST)).code());
        assertEquals("MissingParameter", assertThrows(AwsException.class, () -> RouteTableOps.destination(v, null, null, null)).code());
        assertEquals("InvalidPrefixListID.Malformed", assertThrows(AwsException.class, () -> RouteTableOps.destination(v, null, null, "pl-x")).code());
    }

    @Test
    void effectiveTableIsTheExplicitOneElseMain() {
        Vpc vpc = s.vpc("10.0.0.0/16");
        var subnet = s.subnet(vpc, "10.0.1.0/24");
        RouteTable main = VpcOps.mainRouteTable(s.store.view(RoutingTestSupport.SCOPE), vpc.id()).orElseThrow();
        assertEquals(main.id(), RouteTableOps.effectiveTableOf(s.store.view(RoutingTestSupport.SCOPE), subnet).orElseThrow().id());
        RouteTable t = s.write(tx -> RouteTableOps.create(tx, vpc.id()));
        String assoc = s.write(tx -> RouteTableOps.associate(tx, t.id(), subnet.id())).associationId();
        assertEquals(t.id(), RouteTableOps.effectiveTableOf(s.store.view(RoutingTestSupport.SCOPE), subnet).orElseThrow().id());
        s.write(tx -> { RouteTableOps.forgetSubnet(tx, subnet.id()); return null; });
        assertTrue(RouteTableOps.findAssociation(s.store.view(RoutingTestSupport.SCOPE), assoc).isEmpty());
        assertEquals(main.id(), RouteTableOps.effectiveTableOf(s.store.view(RoutingTestSupport.SCOPE), subnet).orElseThrow().id());
    }
}
