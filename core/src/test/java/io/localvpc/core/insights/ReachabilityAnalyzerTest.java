package io.localvpc.core.insights;

import io.localvpc.core.model.AnalysisExplanation;
import io.localvpc.core.model.AnalysisPathComponent;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkInsightsAnalysis;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.PathWorld;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.ResourceCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.localvpc.core.path.PathWorld.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyzer over a world built in the store: paths found with their components, blocked paths with the explanation
 * code and resources AWS gives, and the result surviving the store's codec. Network rules are the engine's; these
 * cases check only how its verdicts are told.
 */
class ReachabilityAnalyzerTest {
    private static final String S3 = "com.amazonaws.us-east-1.s3";

    private final PathWorld w = new PathWorld();
    private final ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer(new PathEngine(ZoneFaults.none()));
    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final Subnet pub = w.subnet(vpc, "10.0.0.0/24", "us-east-1a");
    private final Subnet appA = w.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final Subnet appB = w.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    private final String igw = w.internetGateway(vpc);
    private final RouteTable pubTable = w.table(vpc, pub);
    private final RouteTable appTable = w.table(vpc, appA, appB);
    private final NatGateway nat = w.publicNat(pub);
    private final SecurityGroup app = w.group(vpc, "app");
    private final VpcEndpoint s3;
    private final Instance app1;
    private final Instance app2;

    ReachabilityAnalyzerTest() {
        w.route(pubTable, "0.0.0.0/0", igw, null);
        w.route(appTable, "0.0.0.0/0", null, nat.id());
        s3 = w.gatewayEndpoint(vpc, S3, appTable);
        w.authorize(app, false, cidr("tcp", 22, 22, "10.0.0.0/16"));
        app1 = w.instance(appA, app);
        app2 = w.instance(appB, app);
        w.settle();
    }

    private static NetworkInsightsPath path(String source, String destination, String destinationIp, Integer port) {
        return new NetworkInsightsPath("nip-0123456789abcdef0", "000000000000", Instant.EPOCH, source, null, destination, null, null,
                destinationIp, "tcp", port, null, null);
    }

    private Findings analyse(NetworkInsightsPath p, String... filterIn) {
        return analyzer.analyse(w.view(), p, List.of(filterIn), List.of());
    }

    private static AnalysisExplanation only(Findings f) {
        assertFalse(f.pathFound(), f.toString());
        assertEquals(1, f.explanations().size(), f.toString());
        return f.explanations().get(0);
    }

    @Test
    void anOpenPathBetweenInstancesListsEachRuleThatLetItThrough() {
        Findings f = analyse(path(app1.id(), app2.id(), null, 22));
        assertTrue(f.pathFound(), f.toString());
        List<String> ids = f.forward().stream().map(c -> c.component().id()).toList();
        assertEquals(app1.id(), ids.get(0));
        assertEquals(app1.primaryNetworkInterfaceId(), ids.get(1));
        assertEquals(app2.id(), ids.get(ids.size() - 1));
        AnalysisPathComponent route = f.forward().stream().filter(c -> c.routeTableRoute() != null).findFirst().orElseThrow();
        assertEquals(appTable.id(), route.component().id());
        assertEquals("local", route.routeTableRoute().gatewayId());
        AnalysisPathComponent ingress = f.forward().stream().filter(c -> c.securityGroupRule() != null
                && c.securityGroupRule().direction().equals("ingress")).findFirst().orElseThrow();
        assertEquals(22, ingress.securityGroupRule().portFrom());
        assertEquals("10.0.0.0/16", ingress.securityGroupRule().cidr());
        for (int i = 0; i < f.forward().size(); i++) assertEquals(i + 1, f.forward().get(i).sequenceNumber());
        assertEquals(app2.id(), f.returnPath().get(0).component().id());
    }

    @Test
    void withoutAPortTheFirstPortThatGetsThroughIsShown() {
        Findings f = analyse(path(app1.id(), app2.id(), null, null));
        assertTrue(f.pathFound(), "port 22 is open by the destination's group: " + f);
        AnalysisPathComponent ingress = f.forward().stream().filter(c -> c.securityGroupRule() != null
                && c.securityGroupRule().direction().equals("ingress")).findFirst().orElseThrow();
        assertEquals(22, ingress.securityGroupRule().portFrom());
    }

    @Test
    void aClosedPortIsTheDestinationsGroupsThatAllowNothing() {
        AnalysisExplanation e = only(analyse(path(app1.id(), app2.id(), null, 443)));
        assertEquals("ENI_SG_RULES_MISMATCH", e.explanationCode());
        assertEquals("ingress", e.direction());
        assertEquals(app2.primaryNetworkInterfaceId(), e.networkInterface().id());
        assertEquals(List.of(app.id()), e.securityGroups().stream().map(NetworkInsightsAnalysis.Component::id).toList());
        assertEquals(vpc.id(), e.vpc().id());
    }

    @Test
    void anAclDenyIsTheAclItsEntryAndTheSubnetOfTheSide() {
        NetworkAcl acl = w.networkAcl(vpc);
        w.aclEntry(acl, 100, true, "-1", "allow", "0.0.0.0/0", null, null);
        w.aclEntry(acl, 100, false, "6", "allow", "0.0.0.0/0", 0, 1023);
        w.associate(acl, appB);
        w.settle();
        // the SSH packet gets in; the reply to the client's ephemeral port is not let back in... to appB it is inbound 22: allowed;
        // the return traffic leaves appB (allowed), and reaches appA through appA's default ACL: so the path is open
        assertTrue(analyse(path(app1.id(), app2.id(), null, 22)).pathFound());
        // from appB to appA, the reply comes back into appB on the ephemeral port, which rule * denies
        AnalysisExplanation e = only(analyse(path(app2.id(), app1.id(), null, 22)));
        assertEquals("SUBNET_ACL_RESTRICTION", e.explanationCode());
        assertEquals(acl.id(), e.acl().id());
        assertEquals("ingress", e.direction());
        assertEquals(32767, e.aclRule().ruleNumber());
        assertEquals(appB.id(), e.subnet().id());
    }

    @Test
    void gatewaysAndEndpointsAsDestinations() {
        Findings toEndpoint = analyse(path(app1.id(), s3.id(), null, 443));
        assertTrue(toEndpoint.pathFound(), toEndpoint.toString());
        assertTrue(toEndpoint.forward().stream().anyMatch(c -> c.component().id().equals(s3.id()) && S3.equals(c.serviceName())));

        // the private subnets reach the internet gateway through the NAT gateway, whose subnet routes to it
        Findings viaNat = analyse(path(app1.id(), igw, null, 443));
        assertTrue(viaNat.pathFound(), viaNat.toString());
        List<String> ids = viaNat.forward().stream().map(c -> c.component().id()).toList();
        assertTrue(ids.indexOf(nat.id()) > ids.indexOf(pubTable.id()), ids.toString());
        assertEquals(igw, ids.get(ids.size() - 1));

        // to an S3 address the gateway endpoint's route wins: the path does not reach the internet gateway named
        AnalysisExplanation viaEndpoint = only(analyse(path(app1.id(), igw, "52.216.8.1", 443)));
        assertEquals("NO_ROUTE_TO_DESTINATION", viaEndpoint.explanationCode());
        assertEquals(appTable.id(), viaEndpoint.routeTable().id());
        assertEquals(s3.id(), viaEndpoint.routeTableRoute().gatewayId());

        Instance inPub = w.instance(pub, app);
        w.settle();
        AnalysisExplanation noPublicIp = only(analyse(path(inPub.id(), igw, null, 443)));
        assertEquals("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", noPublicIp.explanationCode());
        assertEquals(igw, noPublicIp.internetGateway().id());
        assertEquals(ReachabilityAnalyzer.INTERNET_ADDRESS, noPublicIp.address());
    }

    @Test
    void aDeletedNatGatewayLeavesABlackholeRoute() {
        w.write(tx -> NatGatewayOps.delete(tx, nat.id()));
        w.clock.advance(Duration.ofMinutes(5));
        AnalysisExplanation e = only(analyse(path(app1.id(), null, "198.51.100.7", 443)));
        assertEquals("BAD_STATE_ROUTE", e.explanationCode());
        assertEquals(appTable.id(), e.routeTable().id());
        assertEquals("blackhole", e.routeTableRoute().state());
        assertEquals(nat.id(), e.routeTableRoute().natGatewayId());
    }

    @Test
    void filtersKeepOrRefuseTheOnePathTheNetworkTakes() {
        NetworkInsightsPath p = path(app1.id(), s3.id(), null, 443);
        assertTrue(analyse(p, "arn:aws:ec2:us-east-1:000000000000:route-table/" + appTable.id()).pathFound());
        Findings notThrough = analyse(p, "arn:aws:ec2:us-east-1:000000000000:natgateway/" + nat.id());
        assertFalse(notThrough.pathFound());
        assertTrue(notThrough.warningMessage().contains(nat.id()), notThrough.warningMessage());
        Findings excluded = analyzer.analyse(w.view(), p, List.of(), List.of("arn:aws:ec2:us-east-1:000000000000:vpc-endpoint/" + s3.id()));
        assertFalse(excluded.pathFound());
    }

    @Test
    void sourcesAnalysesDoNotModelFailWithAReason() {
        Findings f = analyse(path(igw, app1.id(), null, 22));
        assertTrue(f.failed());
        assertTrue(f.statusMessage().contains("not modelled"), f.statusMessage());
        Findings gone = analyse(path(app1.id(), "i-0123456789abcdef0", null, 22));
        assertTrue(gone.failed());
        assertTrue(gone.statusMessage().contains("missing component i-0123456789abcdef0"), gone.statusMessage());
    }

    @Test
    void anAnalysisWithItsResultSurvivesTheStoresCodec() {
        Findings f = analyse(path(app1.id(), app2.id(), null, 443));
        Findings open = analyse(path(app1.id(), app2.id(), null, 22));
        NetworkInsightsAnalysis a = new NetworkInsightsAnalysis("nia-0123456789abcdef0", "000000000000", "nip-0123456789abcdef0", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(1), List.of("arn:x/y"), List.of(), false, null, null, false, open.forward(), open.returnPath(), f.explanations());
        assertEquals(a, ResourceCodec.fromJson("network-insights-analysis", ResourceCodec.toJson(a)));
        NetworkInsightsPath p = new NetworkInsightsPath("nip-0123456789abcdef0", "000000000000", Instant.EPOCH, app1.id(), "arn:s", null, null,
                null, "10.0.0.9", "udp", null, new NetworkInsightsPath.Filter("10.0.1.1", new NetworkInsightsPath.PortRange(1, 2), null, null), null);
        assertEquals(p, ResourceCodec.fromJson("network-insights-path", ResourceCodec.toJson(p)));
    }
}
