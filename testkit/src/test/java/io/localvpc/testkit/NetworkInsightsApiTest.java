package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AnalysisStatus;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsPathsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsPath;
import software.amazon.awssdk.services.ec2.model.PathComponent;
import software.amazon.awssdk.services.ec2.model.Protocol;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Reachability Analyzer's six operations through the AWS SDK for Java v2: shapes, states, filters, pagination and errors. */
@ExtendWith(LocalVpcExtension.class)
class NetworkInsightsApiTest {

    private static void assertCode(String code, Ec2Exception e) {
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static String path(Ec2Client ec2, String source, String destination, int port) {
        return ec2.createNetworkInsightsPath(r -> r.source(source).destination(destination).protocol(Protocol.TCP).destinationPort(port))
                .networkInsightsPath().networkInsightsPathId();
    }

    /** Starts an analysis and polls it until it is no longer running, as a client would. */
    static NetworkInsightsAnalysis analyse(Ec2Client ec2, String pathId, String... filterInArns) {
        NetworkInsightsAnalysis started = ec2.startNetworkInsightsAnalysis(r -> {
            r.networkInsightsPathId(pathId);
            if (filterInArns.length > 0) r.filterInArns(filterInArns);
        }).networkInsightsAnalysis();
        String id = started.networkInsightsAnalysisId();
        Layouts.awaitValue("analysis " + id, "done", () -> ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsAnalysisIds(id))
                .networkInsightsAnalyses().get(0).status() == AnalysisStatus.RUNNING ? "running" : "done");
        return ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsAnalysisIds(id)).networkInsightsAnalyses().get(0);
    }

    @Test
    void aPathIsCreatedDescribedFilteredAndDeletedWithItsAnalysesFirst(Ec2Client ec2) {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.60");
        NetworkInsightsPath created = ec2.createNetworkInsightsPath(r -> r.source(vpc.instanceA()).destination(vpc.instanceB())
                .protocol("tcp").destinationPort(22).tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INSIGHTS_PATH)
                        .tags(Tag.builder().key("Name").value("ssh").build()))).networkInsightsPath();
        assertTrue(created.networkInsightsPathId().startsWith("nip-"), created.toString());
        assertEquals("arn:aws:ec2:us-east-1:000000000000:network-insights-path/" + created.networkInsightsPathId(), created.networkInsightsPathArn());
        assertEquals(vpc.instanceA(), created.source());
        assertEquals("arn:aws:ec2:us-east-1:000000000000:instance/" + vpc.instanceB(), created.destinationArn());
        assertEquals(Protocol.TCP, created.protocol());
        assertEquals(22, created.destinationPort());
        assertNotNull(created.createdDate());
        assertEquals(List.of(Tag.builder().key("Name").value("ssh").build()), created.tags());

        String other = path(ec2, vpc.instanceB(), vpc.instanceA(), 443);
        assertEquals(List.of(created.networkInsightsPathId()), ec2.describeNetworkInsightsPaths(r -> r.filters(filter("source", vpc.instanceA())))
                .networkInsightsPaths().stream().map(NetworkInsightsPath::networkInsightsPathId).toList());
        assertEquals(List.of(created.networkInsightsPathId()), ec2.describeNetworkInsightsPaths(r -> r.filters(filter("tag:Name", "ssh")))
                .networkInsightsPaths().stream().map(NetworkInsightsPath::networkInsightsPathId).toList());
        assertEquals(List.of(other), ec2.describeNetworkInsightsPaths(r -> r.networkInsightsPathIds(other, created.networkInsightsPathId())
                .filters(filter("destination", vpc.instanceA()))).networkInsightsPaths().stream().map(NetworkInsightsPath::networkInsightsPathId).toList());

        // pages of one, through every path
        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeNetworkInsightsPathsResponse page = ec2.describeNetworkInsightsPaths(r -> r.maxResults(1).nextToken(t));
            assertTrue(page.networkInsightsPaths().size() <= 1);
            page.networkInsightsPaths().forEach(p -> paged.add(p.networkInsightsPathId()));
            token = page.nextToken();
        } while (token != null);
        assertTrue(paged.containsAll(List.of(created.networkInsightsPathId(), other)), paged.toString());
        assertCode("InvalidParameterValue", assertThrows(Ec2Exception.class, () -> ec2.describeNetworkInsightsPaths(r -> r.maxResults(101))));

        NetworkInsightsAnalysis a = analyse(ec2, other);
        assertCode("AnalysisExistsForNetworkInsightsPath", assertThrows(Ec2Exception.class,
                () -> ec2.deleteNetworkInsightsPath(r -> r.networkInsightsPathId(other))));
        assertEquals(a.networkInsightsAnalysisId(), ec2.deleteNetworkInsightsAnalysis(r -> r.networkInsightsAnalysisId(a.networkInsightsAnalysisId()))
                .networkInsightsAnalysisId());
        assertEquals(other, ec2.deleteNetworkInsightsPath(r -> r.networkInsightsPathId(other)).networkInsightsPathId());
        assertCode("InvalidNetworkInsightsPathId.NotFound", assertThrows(Ec2Exception.class,
                () -> ec2.describeNetworkInsightsPaths(r -> r.networkInsightsPathIds(other))));
        assertCode("InvalidNetworkInsightsAnalysisId.NotFound", assertThrows(Ec2Exception.class,
                () -> ec2.deleteNetworkInsightsAnalysis(r -> r.networkInsightsAnalysisId(a.networkInsightsAnalysisId()))));
        assertCode("InvalidNetworkInsightsPathId.Malformed", assertThrows(Ec2Exception.class,
                () -> ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId("path-1"))));
    }

    @Test
    void badPathsAreRefusedWithAwsErrors(Ec2Client ec2) {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.61");
        assertCode("InvalidInstanceID.NotFound", assertThrows(Ec2Exception.class,
                () -> path(ec2, "i-0123456789abcdef0", vpc.instanceA(), 443)));
        assertCode("InvalidParameterValue", assertThrows(Ec2Exception.class,
                () -> ec2.createNetworkInsightsPath(r -> r.source(vpc.instanceA()).destination(vpc.instanceB()).protocol("icmp"))));
        assertCode("MissingParameter", assertThrows(Ec2Exception.class,
                () -> ec2.createNetworkInsightsPath(r -> r.source(vpc.instanceA()).protocol(Protocol.TCP))));
        assertCode("UnsupportedOperation", assertThrows(Ec2Exception.class,
                () -> path(ec2, vpc.instanceA(), "tgw-0123456789abcdef0", 443)));
        assertCode("InvalidParameterCombination", assertThrows(Ec2Exception.class,
                () -> ec2.createNetworkInsightsPath(r -> r.source(vpc.instanceA()).destination(vpc.instanceB()).protocol(Protocol.TCP)
                        .destinationPort(443).filterAtSource(f -> f.destinationPortRange(p -> p.fromPort(443).toPort(443))))));
        String p = path(ec2, vpc.instanceA(), vpc.instanceB(), 443);
        assertCode("UnsupportedOperation", assertThrows(Ec2Exception.class,
                () -> ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(p).additionalAccounts("111122223333"))));
        assertCode("InvalidParameterValue", assertThrows(Ec2Exception.class,
                () -> ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(p).filterInArns("igw-1"))));
        // The source given by ARN is kept as its id, as AWS shows it.
        String byArn = ec2.createNetworkInsightsPath(r -> r.source("arn:aws:ec2:us-east-1:000000000000:instance/" + vpc.instanceA())
                .destinationIp("10.61.2.200").protocol(Protocol.UDP).destinationPort(53)).networkInsightsPath().source();
        assertEquals(vpc.instanceA(), byArn);
    }

    @Test
    void anOpenPathIsRunningFirstThenSucceedsWithItsComponents(Ec2Client ec2) {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.62");
        String p = path(ec2, vpc.instanceA(), vpc.instanceB(), 443);
        NetworkInsightsAnalysis started = ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(p)
                .tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INSIGHTS_ANALYSIS).tags(Tag.builder().key("k").value("v").build())))
                .networkInsightsAnalysis();
        assertEquals(AnalysisStatus.RUNNING, started.status(), "a fast poller sees the analysis running, as on AWS");
        assertTrue(started.networkInsightsAnalysisId().startsWith("nia-"));
        assertEquals(null, started.networkPathFound(), "no result while running");

        NetworkInsightsAnalysis done = analyse(ec2, p);
        assertEquals(AnalysisStatus.SUCCEEDED, done.status());
        assertTrue(done.networkPathFound(), done.toString());
        assertTrue(done.explanations().isEmpty(), done.toString());
        List<PathComponent> forward = done.forwardPathComponents();
        for (int i = 0; i < forward.size(); i++) assertEquals(i + 1, forward.get(i).sequenceNumber());
        assertEquals(vpc.instanceA(), forward.get(0).component().id());
        assertEquals(vpc.instanceB(), forward.get(forward.size() - 1).component().id());
        PathComponent route = forward.stream().filter(c -> c.routeTableRoute() != null).findFirst().orElseThrow();
        assertEquals(vpc.routeTableId(), route.component().id());
        assertEquals("local", route.routeTableRoute().gatewayId());
        assertEquals("10.62.0.0/16", route.routeTableRoute().destinationCidr());
        List<PathComponent> rules = forward.stream().filter(c -> c.securityGroupRule() != null).toList();
        assertEquals(List.of("egress", "ingress"), rules.stream().map(c -> c.securityGroupRule().direction()).toList());
        assertTrue(rules.get(0).component().arn().contains(":security-group/sg-"), rules.get(0).toString());
        List<PathComponent> acls = forward.stream().filter(c -> c.aclRule() != null).toList();
        assertEquals(List.of(true, false), acls.stream().map(c -> c.aclRule().egress()).toList(), "out of subnet A, into subnet B");
        assertEquals(List.of(100, 100), acls.stream().map(c -> c.aclRule().ruleNumber()).toList());
        List<PathComponent> back = done.returnPathComponents();
        assertEquals(vpc.instanceB(), back.get(0).component().id());
        assertEquals(2, back.stream().filter(c -> c.aclRule() != null).count(), back.toString());

        assertEquals(1, ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsPathId(p).filters(filter("path-found", "true"), filter("tag:k", "v")))
                .networkInsightsAnalyses().size());
        assertTrue(ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsPathId(p).filters(filter("status", "failed")))
                .networkInsightsAnalyses().isEmpty());
        assertEquals(2, ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsPathId(p)).networkInsightsAnalyses().size());

        // FilterInArns: the one path the network takes does not cross the internet gateway named, so no path.
        String igw = new Layouts(ec2).internetGateway(vpc.vpcId());
        NetworkInsightsAnalysis filtered = analyse(ec2, p, "arn:aws:ec2:us-east-1:000000000000:internet-gateway/" + igw);
        assertFalse(filtered.networkPathFound(), filtered.toString());
        assertTrue(filtered.warningMessage().contains(igw), filtered.warningMessage());
        NetworkInsightsAnalysis through = analyse(ec2, p, "arn:aws:ec2:us-east-1:000000000000:route-table/" + vpc.routeTableId());
        assertTrue(through.networkPathFound(), through.toString());
    }

    @Test
    void blockedPathsAreExplainedWithAwsCodesNamingTheResource(Ec2Client ec2) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.63");
        // no ingress at all: the destination's group refuses
        String closed = ec2.createSecurityGroup(r -> r.vpcId(vpc.vpcId()).groupName("closed").description("closed")).groupId();
        String guarded = net.instance(vpc.subnetB(), closed);
        Explanation sg = onlyExplanation(analyse(ec2, path(ec2, vpc.instanceA(), guarded, 443)));
        assertEquals("ENI_SG_RULES_MISMATCH", sg.explanationCode());
        assertEquals("ingress", sg.direction());
        assertEquals(List.of(closed), sg.securityGroups().stream().map(c -> c.id()).toList());
        assertEquals(net.describeInstance(guarded).networkInterfaces().get(0).networkInterfaceId(), sg.networkInterface().id());

        // an ACL entry denies the port out of subnet A
        String acl = net.openAclFor(vpc.vpcId(), vpc.subnetA());
        net.denyTcpOut(acl, 90, 8443, "0.0.0.0/0");
        Explanation nacl = onlyExplanation(analyse(ec2, path(ec2, vpc.instanceA(), vpc.instanceB(), 8443)));
        assertEquals("SUBNET_ACL_RESTRICTION", nacl.explanationCode());
        assertEquals(acl, nacl.acl().id());
        assertEquals(90, nacl.aclRule().ruleNumber());
        assertEquals(RuleAction.DENY.toString(), nacl.aclRule().ruleAction());
        assertEquals("egress", nacl.direction());
        assertEquals(vpc.subnetA(), nacl.subnet().id());

        // nothing routes an outside address: no route in the subnet's table
        Explanation noRoute = onlyExplanation(analyse(ec2, ec2.createNetworkInsightsPath(r -> r.source(vpc.instanceA())
                .destinationIp("52.216.8.1").protocol(Protocol.TCP).destinationPort(443)).networkInsightsPath().networkInsightsPathId()));
        assertEquals("NO_ROUTE_TO_DESTINATION", noRoute.explanationCode());
        assertEquals(vpc.routeTableId(), noRoute.routeTable().id());
        assertEquals("52.216.8.1", noRoute.address());

        // an internet gateway as the destination, and the instance has no public address
        String igw = net.internetGateway(vpc.vpcId());
        net.routeToGateway(vpc.routeTableId(), "0.0.0.0/0", igw);
        Explanation noPublicIp = onlyExplanation(analyse(ec2, path(ec2, vpc.instanceA(), igw, 443)));
        assertEquals("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", noPublicIp.explanationCode());
        assertEquals(igw, noPublicIp.internetGateway().id());

        // an internet gateway as the source: traffic entering the VPC is not modelled, and the analysis says so
        NetworkInsightsAnalysis inbound = analyse(ec2, path(ec2, igw, vpc.instanceA(), 22));
        assertEquals(AnalysisStatus.FAILED, inbound.status());
        assertTrue(inbound.statusMessage().contains("not modelled"), inbound.statusMessage());
    }

    /**
     * Issue 12: instance to instance, the destination's side decides as on the live path (one implementation): its
     * subnet's ACL inbound, and its run state. Whether a program is published there is not configuration, so an open
     * path is found either way, as AWS's analyzer knows nothing of what listens on an instance.
     */
    @Test
    void theDestinationsAclInboundAndRunStateAreJudged(Ec2Client ec2) {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.64");
        assertTrue(analyse(ec2, path(ec2, vpc.instanceA(), vpc.instanceB(), 8080)).networkPathFound(), "open, though nothing is published");

        String acl = net.openAclFor(vpc.vpcId(), vpc.subnetB());
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(90).egress(false).protocol("6").portRange(p -> p.from(8080).to(8080))
                .ruleAction(RuleAction.DENY).cidrBlock("10.64.1.0/24"));
        Explanation inbound = onlyExplanation(analyse(ec2, path(ec2, vpc.instanceA(), vpc.instanceB(), 8080)));
        assertEquals("SUBNET_ACL_RESTRICTION", inbound.explanationCode());
        assertEquals(acl, inbound.acl().id());
        assertEquals(90, inbound.aclRule().ruleNumber());
        assertEquals("ingress", inbound.direction());
        assertEquals(vpc.subnetB(), inbound.subnet().id());

        ec2.stopInstances(r -> r.instanceIds(vpc.instanceB()));
        Layouts.awaitValue("instance " + vpc.instanceB() + " state", "stopped", () -> net.describeInstance(vpc.instanceB()).state().nameAsString());
        Explanation stopped = onlyExplanation(analyse(ec2, path(ec2, vpc.instanceA(), vpc.instanceB(), 443)));
        assertEquals("BAD_STATE", stopped.explanationCode());
        assertEquals(vpc.instanceB(), stopped.component().id());
        assertEquals("stopped", stopped.state());
    }

    private static Explanation onlyExplanation(NetworkInsightsAnalysis a) {
        assertEquals(AnalysisStatus.SUCCEEDED, a.status(), a.toString());
        assertFalse(a.networkPathFound(), a.toString());
        assertTrue(a.forwardPathComponents().isEmpty(), a.toString());
        assertEquals(1, a.explanations().size(), a.toString());
        return a.explanations().get(0);
    }
}
