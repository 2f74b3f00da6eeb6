package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AnalysisComponent;
import software.amazon.awssdk.services.ec2.model.AnalysisStatus;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.Protocol;
import software.amazon.awssdk.services.ec2.model.RuleAction;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Reachability Analyzer against the live data plane, over randomized networks (seeded, bounded): for every flow
 * the analysis's NetworkPathFound equals what a real connection through the workload proxy gets and what
 * {@code POST /_localvpc/trace} says, and a blocked path's explanation names the resource the trace's deciding hop
 * names. The network is built only through the EC2 API, with routes, an internet gateway, a NAT gateway (or the blackhole
 * route a deleted one leaves), an S3 gateway or interface endpoint, security groups, network ACLs and public addresses
 * each present or not by the seed.
 *
 * <p>A flow's live verdict is a SOCKS5 CONNECT as the source instance: success, or "connection refused" when the
 * path is open but nothing listens on the destination instance's port, means the network let it through. Every
 * instance has a real program published on ports 80 and 8080, so flows to those reach it. For a destination
 * that is a gateway or endpoint, the trace also says whether the flow went through that resource.
 */
@ExtendWith(LocalVpcExtension.class)
class ReachabilityDifferentialTest {
    private static final long SEED = Long.getLong("localvpc.differential.seed", 14L);
    private static final int NETWORKS = 4;
    private static final int FLOWS_PER_NETWORK = 10;
    private static final int[] PORTS = {22, 80, 443, 8080};
    private static final int[] PUBLISHED = {80, 8080};
    private static final byte SOCKS_SUCCEEDED = 0x00;
    private static final byte SOCKS_CONNECTION_REFUSED = 0x05;

    /** One randomized network: its instances, and the gateways and endpoint it has (null when the seed left them out). */
    private record Network(String vpcId, List<String> instances, String igw, String s3Endpoint, String s3Address) {
    }

    /** A flow to check: from an instance to a resource (or to an address only), on a port. */
    private record Case(String source, String destination, String destinationIp, String address, int port) {
    }

    @Test
    void theAnalysisAgreesWithTheLiveDataPlaneAndTheTraceOnEveryFlow(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Random random = new Random(SEED);
        Admin admin = new Admin(endpoint);
        int found = 0;
        int blocked = 0;
        Set<String> codes = new HashSet<>();
        int served = 0;
        try (LineServer program = LineServer.start("served")) {
            for (int n = 0; n < NETWORKS; n++) {
                Network net = build(ec2, admin, random, "10." + (80 + n), n == 0);
                for (String instance : net.instances()) {
                    for (int port : PUBLISHED) InstancesServeTest.publish(endpoint, instance, port, program.hostPort());
                }
                List<Case> cases = new ArrayList<>();
                for (int f = 0; f < FLOWS_PER_NETWORK; f++) cases.add(pick(ec2, random, net));
                // start every analysis first, then read them: each shows running for a moment
                List<String> analyses = new ArrayList<>();
                for (Case c : cases) analyses.add(start(ec2, c));
                for (int i = 0; i < cases.size(); i++) {
                    Case c = cases.get(i);
                    NetworkInsightsAnalysis a = finished(ec2, analyses.get(i));
                    String where = "seed " + SEED + ", network " + n + ", " + c;
                    assertEquals(AnalysisStatus.SUCCEEDED, a.status(), where + ": " + a);

                    Admin.Trace trace = admin.trace(c.source(), c.address(), c.port());
                    boolean live = liveVerdict(lv, endpoint, c);
                    boolean refusedByHost = "CONNECTION_REFUSED".equals(trace.json().path("reason").asText());
                    assertEquals(trace.delivered() || refusedByHost, live, where + ": the trace and the live data plane disagree\n" + trace.text());
                    boolean reached = live && throughDestination(trace, c);
                    assertEquals(reached, a.networkPathFound(), where + ": analysis " + a + "\n" + trace.text());
                    if (reached) {
                        found++;
                        assertFalse(a.forwardPathComponents().isEmpty(), where);
                        assertTrue(a.explanations().isEmpty(), where);
                    } else {
                        blocked++;
                        assertEquals(1, a.explanations().size(), where + ": " + a);
                        Explanation e = a.explanations().get(0);
                        codes.add(e.explanationCode());
                        assertNamesTheDecidingResource(e, trace, where);
                    }
                }
            }
            served = program.served();
        }
        // the seed must exercise both outcomes and several kinds of refusal, or the comparison proves little
        assertTrue(found >= 3 && blocked >= 3, "found " + found + ", blocked " + blocked + " (seed " + SEED + ")");
        assertTrue(codes.size() >= 3, "explanation codes seen: " + codes + " (seed " + SEED + ")");
        assertTrue(served > 0, "no flow reached a published program (seed " + SEED + ")");
        System.out.println("differential: " + found + " found, " + blocked + " blocked, " + served + " delivered to a published program, codes " + codes);
    }

    // ---------------------------------------------------------------- the network

    /** {@code withNat}: subnet B leaves through a NAT gateway (the first network has one, so every run crosses one). */
    private static Network build(Ec2Client ec2, Admin admin, Random random, String prefix, boolean withNat) throws Exception {
        Layouts net = new Layouts(ec2);
        String vpc = net.vpc(prefix + ".0.0/16");
        String a = net.subnet(vpc, prefix + ".1.0/24", Layouts.ZONE_A);
        String b = net.subnet(vpc, prefix + ".2.0/24", Layouts.ZONE_B);
        boolean shared = !withNat && random.nextBoolean();
        String tableA = net.routeTable(vpc, shared ? new String[]{a, b} : new String[]{a});
        String tableB = shared ? tableA : net.routeTable(vpc, b);

        String igw = null;
        if (withNat || random.nextInt(3) > 0) {
            igw = net.internetGateway(vpc);
            net.routeToGateway(tableA, "0.0.0.0/0", igw);
        }
        int wayOutOfB = withNat ? 2 : igw == null || shared ? 0 : random.nextInt(3);
        if (wayOutOfB == 1) net.routeToGateway(tableB, "0.0.0.0/0", igw);
        if (wayOutOfB == 2) {
            // subnet B leaves through a NAT gateway in subnet A, or (a deleted gateway) through a blackhole route
            String nat = net.natGateway(a);
            net.routeToNat(tableB, "0.0.0.0/0", nat);
            if (random.nextBoolean()) ec2.deleteNatGateway(r -> r.natGatewayId(nat));
        }
        String s3Endpoint = null;
        int endpointChoice = random.nextInt(3);
        if (endpointChoice == 1) {
            s3Endpoint = random.nextBoolean() || shared ? net.s3GatewayEndpoint(vpc, tableA) : net.s3GatewayEndpoint(vpc, tableB);
        } else if (endpointChoice == 2) {
            // private DNS sends S3's names to the endpoint's interface in subnet B (its group: the VPC's default)
            s3Endpoint = net.s3InterfaceEndpoint(vpc, List.of(b)).vpcEndpointId();
        }

        // groups: the VPC's default one, and one whose rules the seed picks
        String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("g-" + prefix).description("random rules")).groupId();
        if (random.nextBoolean()) {
            ec2.revokeSecurityGroupEgress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("-1").ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));
            net.allowEgressTcp(group, PORTS[random.nextInt(PORTS.length)], "0.0.0.0/0");
        }
        int ingressPort = PORTS[random.nextInt(PORTS.length)];
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(ingressPort).toPort(ingressPort)
                .ipRanges(ip -> ip.cidrIp(prefix + ".0.0/16"))));

        // an ACL of its own on subnet B, denying one port in or the return traffic out, or nothing
        int aclChoice = random.nextInt(3);
        if (aclChoice > 0) {
            String acl = net.openAclFor(vpc, b);
            int port = PORTS[random.nextInt(PORTS.length)];
            boolean egress = aclChoice == 2;
            ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(50).egress(egress).protocol("6")
                    .portRange(p -> p.from(egress ? 32768 : port).to(egress ? 60999 : port)).ruleAction(RuleAction.DENY).cidrBlock("0.0.0.0/0"));
        }

        List<String> instances = new ArrayList<>();
        for (String subnet : List.of(a, b, random.nextBoolean() ? a : b)) {
            instances.add(random.nextBoolean() ? net.instance(subnet, group) : net.instance(subnet));
        }
        if (igw != null && random.nextBoolean()) {
            String allocation = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
            ec2.associateAddress(r -> r.allocationId(allocation).instanceId(instances.get(0)));
        }
        String s3Address = DnsQueries.dnsjava(admin.resolver(vpc), DataPlaneTest.S3_HOST, false).get(0);
        return new Network(vpc, instances, igw, s3Endpoint, s3Address);
    }

    /** A flow from one of the network's instances to another instance (by id or interface), S3's address, an outside address, the gateway or the endpoint. */
    private static Case pick(Ec2Client ec2, Random random, Network net) {
        String source = net.instances().get(random.nextInt(net.instances().size()));
        int port = PORTS[random.nextInt(PORTS.length)];
        List<String> others = net.instances().stream().filter(i -> !i.equals(source)).toList();
        String other = others.get(random.nextInt(others.size()));
        String otherIp = new Layouts(ec2).privateIpOf(other);
        switch (random.nextInt(6)) {
            case 0:
                return new Case(source, other, null, otherIp, port);
            case 1:
                return new Case(source, new Layouts(ec2).describeInstance(other).networkInterfaces().get(0).networkInterfaceId(), null, otherIp, port);
            case 2:
                return new Case(source, null, net.s3Address(), net.s3Address(), port);
            case 3:
                return new Case(source, null, "10.255.0.9", "10.255.0.9", port); // outside the VPC and every service
            case 4:
                if (net.igw() != null) return new Case(source, net.igw(), net.s3Address(), net.s3Address(), 443);
                return new Case(source, null, net.s3Address(), net.s3Address(), 443);
            default:
                if (net.s3Endpoint() != null) return new Case(source, net.s3Endpoint(), net.s3Address(), net.s3Address(), port);
                return new Case(source, other, null, otherIp, 443);
        }
    }

    // ---------------------------------------------------------------- the three verdicts

    private static String start(Ec2Client ec2, Case c) {
        String path = ec2.createNetworkInsightsPath(r -> r.source(c.source()).destination(c.destination()).destinationIp(c.destinationIp())
                .protocol(Protocol.TCP).destinationPort(c.port())).networkInsightsPath().networkInsightsPathId();
        return ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(path)).networkInsightsAnalysis().networkInsightsAnalysisId();
    }

    private static NetworkInsightsAnalysis finished(Ec2Client ec2, String id) {
        Layouts.awaitValue("analysis " + id, "done", () -> ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsAnalysisIds(id))
                .networkInsightsAnalyses().get(0).status() == AnalysisStatus.RUNNING ? "running" : "done");
        return ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsAnalysisIds(id)).networkInsightsAnalyses().get(0);
    }

    /** A real connection as the source instance, through the workload proxy: did the network let it through? */
    private static boolean liveVerdict(LocalVpc lv, URI endpoint, Case c) throws Exception {
        Workload w = new Workload(c.source(), lv.proxyAddress(), new Admin(endpoint).caPem());
        Workload.SocksReply reply = w.socks5(c.address(), c.port());
        if (reply.socket() != null) reply.socket().close();
        assertNotEquals(0x01, reply.code(), "the proxy failed inside localvpc for " + c);
        return reply.code() == SOCKS_SUCCEEDED || reply.code() == SOCKS_CONNECTION_REFUSED;
    }

    /**
     * A delivered flow reached the path's destination: an interface or address it got to; an endpoint is the trace's
     * way out; an internet gateway is where a route the flow took sent it (directly, or from a NAT gateway's subnet).
     */
    private static boolean throughDestination(Admin.Trace trace, Case c) {
        if (c.destination() == null || c.destination().startsWith("i-") || c.destination().startsWith("eni-")) return true;
        if (c.destination().startsWith("igw-")) return trace.routesTo(c.destination());
        return c.destination().equals(trace.via());
    }

    /**
     * The explanation names the resource of the trace's deciding hop: the route table, the ACL, the gateway or endpoint,
     * or for security groups the interface and every group on it. A flow delivered elsewhere names the route table
     * that sent it there.
     */
    private static void assertNamesTheDecidingResource(Explanation e, Admin.Trace trace, String where) {
        Set<String> named = new HashSet<>();
        Stream.of(e.component(), e.acl(), e.routeTable(), e.networkInterface(), e.internetGateway(), e.natGateway(), e.vpcEndpoint(),
                e.subnet(), e.vpc()).filter(x -> x != null).map(AnalysisComponent::id).forEach(named::add);
        e.securityGroups().forEach(g -> named.add(g.id()));
        JsonNode deciding = trace.delivered() ? trace.hop("ROUTE") : trace.decidingHop();
        String kind = deciding.get("kind").asText();
        String resource = deciding.get("resource").asText();
        if (kind.startsWith("SECURITY_GROUP")) {
            String[] groupsOnEni = resource.split(" on ");
            assertEquals(groupsOnEni[1], e.networkInterface().id(), where);
            assertEquals(new HashSet<>(Arrays.asList(groupsOnEni[0].split(", "))),
                    new HashSet<>(e.securityGroups().stream().map(AnalysisComponent::id).toList()), where);
        } else {
            assertTrue(named.contains(resource), where + ": " + e.explanationCode() + " names " + named + ", the trace's deciding hop " + kind + " " + resource);
        }
    }
}
