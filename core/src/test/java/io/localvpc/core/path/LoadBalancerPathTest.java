package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.Vpc;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.localvpc.core.path.PathWorld.cidr;
import static io.localvpc.core.path.PathWorld.tcpFromGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through a Network Load Balancer in one account: the leg to a node under the VPC's rules, the listener, the target
 * group's choice of a healthy target in the node's zone, the leg from the node to the target under the same rules,
 * and the program published on the target's port.
 */
class LoadBalancerPathTest {
    private final PathWorld w = new PathWorld();
    private final LoadBalancerWorld elb = new LoadBalancerWorld(w);
    private final Publications publications = new Publications();
    private final TargetHealthBook health = new TargetHealthBook();
    private final ZoneFaults faults = new ZoneFaults();
    private final PathEngine live = new PathEngine(faults, publications, health, EndpointServiceDirectory.none());
    private final PathEngine configurationOnly = new PathEngine(faults, null, null, EndpointServiceDirectory.none());

    private final Vpc vpc = w.vpc("10.1.0.0/16");
    private final Subnet a = w.subnet(vpc, "10.1.0.0/24", "us-east-1a");
    private final Subnet b = w.subnet(vpc, "10.1.1.0/24", "us-east-1b");
    private final Subnet targetsA = w.subnet(vpc, "10.1.3.0/24", "us-east-1a");
    private final SecurityGroup clients = w.group(vpc, "clients");
    private final SecurityGroup web = w.group(vpc, "web");
    private final Instance client;
    private final Instance web1;
    private final Instance web2;
    private LoadBalancer lb;
    private TargetGroup tg;

    LoadBalancerPathTest() {
        w.table(vpc, a, b, targetsA);
        client = w.instance(a, clients);
        web1 = w.instance(a, web);
        web2 = w.instance(b, web);
        w.authorize(web, false, cidr("tcp", 8080, 8080, "10.1.0.0/16"));
        lb = elb.nlb("web", vpc, List.of(), Map.of(), a, b);
        tg = elb.group("web", vpc, "TCP", 8080, TargetGroup.INSTANCE, Map.of());
        tg = elb.register(tg, web1.id(), web2.id());
        elb.listener(lb, "TCP", 80, tg);
        w.settle();
        publish(web1, "127.0.0.1:18081");
        publish(web2, "127.0.0.1:18082");
        healthy(web1, web2);
    }

    private void publish(Instance i, String hostPort) {
        publications.publish(new Publications.Publication(PathWorld.SCOPE, i.id(), i.primaryNetworkInterfaceId(), 8080, hostPort));
    }

    private void state(String state, String reason, Instance... targets) {
        for (Instance i : targets) health.record(new TargetHealthBook.TargetKey(PathWorld.SCOPE, tg.id(), i.id(), 8080),
                new TargetHealthBook.Health(state, reason, null));
    }

    private void healthy(Instance... targets) {
        state("healthy", null, targets);
    }

    private String nodeIp(Subnet s) {
        return elb.node(lb, s).privateIpAddress();
    }

    private Verdict decide(PathEngine engine, Instance from, String to, int port) {
        return engine.decide(w.view(), Flow.tcp(from.id(), to, port));
    }

    private static Target.LoadBalanced delivered(Verdict v) {
        Verdict.Delivered d = assertInstanceOf(Verdict.Delivered.class, v, () -> v.trace().render());
        return assertInstanceOf(Target.LoadBalanced.class, d.target());
    }

    private static Verdict.Refused refused(Verdict v, Verdict.Reason reason) {
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class, v, () -> v.trace().render());
        assertEquals(reason, r.reason(), () -> v.trace().render());
        return r;
    }

    @Test
    void aConnectionToANodeGoesToAHealthyTargetInItsZoneWithTheClientsAddress() {
        Verdict v = decide(live, client, nodeIp(a), 80);
        Target.LoadBalanced t = delivered(v);
        assertEquals(web1.id(), t.targetId(), "cross-zone load balancing is off: the node in us-east-1a picks the target there");
        assertEquals("127.0.0.1:18081", t.target().servedBy());
        assertEquals(web1.privateIpAddress(), t.target().address());
        assertEquals(8080, t.target().port());
        assertEquals(client.privateIpAddress(), t.sourceAddress(), "instance targets see the client's address (client IP preservation)");
        assertEquals(lb.id(), t.loadBalancerArn());
        assertEquals(tg.id(), t.targetGroupArn());
        assertNull(t.endpointId());
        List<Hop.Kind> kinds = v.trace().hops().stream().map(Hop::kind).toList();
        assertTrue(kinds.containsAll(List.of(Hop.Kind.LOAD_BALANCER, Hop.Kind.TARGET_GROUP, Hop.Kind.SECURITY_GROUP_INGRESS, Hop.Kind.DELIVERED)), kinds::toString);
        assertTrue(v.summary().startsWith("delivered to " + web1.id() + " tcp 8080"), v.summary());
        assertTrue(v.summary().endsWith("played by 127.0.0.1:18081"), v.summary());
        // the other node's zone has the other target
        assertEquals(web2.id(), delivered(decide(live, client, nodeIp(b), 80)).targetId());
    }

    @Test
    void aPortWithoutAListenerIsRefusedNamingTheLoadBalancer() {
        Verdict.Refused r = refused(decide(live, client, nodeIp(a), 81), Verdict.Reason.HOST_UNREACHABLE);
        assertEquals("no listener on tcp 81 of net/web/" + lb.id().substring(lb.id().lastIndexOf('/') + 1), r.summary());
    }

    @Test
    void anUnhealthyTargetIsPassedOverAndItsZoneRefusesWithoutCrossZone() {
        state("unhealthy", "Target.FailedHealthChecks", web1);
        Verdict.Refused r = refused(decide(live, client, nodeIp(a), 80), Verdict.Reason.HOST_UNREACHABLE);
        String zone = a.availabilityZoneId();
        assertEquals("no healthy target in targetgroup/web/" + tg.id().substring(tg.id().lastIndexOf('/') + 1) + " in " + zone + ": "
                + web1.id() + ":8080 unhealthy (Target.FailedHealthChecks)", r.summary());
        // cross-zone load balancing, set on the target group, sends the node's flows to the healthy target elsewhere
        w.write(tx -> tx.put(new TargetGroup(tg.id(), tg.ownerId(), tg.name(), tg.protocol(), tg.port(), tg.vpcId(), tg.targetType(), tg.ipAddressType(),
                tg.healthCheck(), tx.find(TargetGroup.class, tg.id()).orElseThrow().targets(), Map.of("load_balancing.cross_zone.enabled", "true"),
                tg.createdAt())));
        assertEquals(web2.id(), delivered(decide(live, client, nodeIp(a), 80)).targetId());
    }

    @Test
    void crossZoneOnTheLoadBalancerSpreadsOverBothZonesByFlow() {
        lb = w.write(tx -> tx.put(new LoadBalancer(lb.id(), lb.ownerId(), lb.name(), lb.type(), lb.scheme(), lb.vpcId(), lb.ipAddressType(),
                lb.securityGroupIds(), lb.nodes(), lb.dnsName(), lb.canonicalHostedZoneId(), Map.of("load_balancing.cross_zone.enabled", "true"),
                lb.createdAt(), lb.activeAt())));
        Set<String> chosen = new HashSet<>();
        for (int port = 40000; port < 40064; port++) {
            Verdict v = live.decide(w.view(), new Flow(client.id(), nodeIp(a), 80, Flow.TCP, port));
            chosen.add(delivered(v).targetId());
        }
        assertEquals(Set.of(web1.id(), web2.id()), chosen, "different flows spread over the healthy targets of both zones");
    }

    @Test
    void withNoTargetHealthyAnywhereAndAllFailedTheLoadBalancerFailsOpen() {
        state("unhealthy", "Target.FailedHealthChecks", web1, web2);
        Verdict v = decide(live, client, nodeIp(a), 80);
        delivered(v);
        Hop choice = v.trace().hops().stream().filter(h -> h.kind() == Hop.Kind.TARGET_GROUP).findFirst().orElseThrow();
        assertTrue(choice.describe().contains("failing open"), choice.describe());
    }

    @Test
    void targetsStillInInitialKeepItFromFailingOpen() {
        health.forgetWhere(k -> true); // both registered, neither checked yet
        Verdict.Refused r = refused(decide(live, client, nodeIp(a), 80), Verdict.Reason.HOST_UNREACHABLE);
        assertTrue(r.summary().endsWith(web1.id() + ":8080 initial (Elb.InitialHealthChecking)"), r.summary());
    }

    @Test
    void aDrainingTargetTakesNoNewConnections() {
        tg = elb.deregister(tg, web1.id());
        Verdict.Refused r = refused(decide(live, client, nodeIp(a), 80), Verdict.Reason.HOST_UNREACHABLE);
        assertTrue(r.summary().contains(web1.id() + ":8080 draining"), r.summary());
    }

    @Test
    void theTargetsSecurityGroupMustAdmitTheClientWhenItsAddressIsPreserved() {
        w.write(tx -> {
            io.localvpc.core.ops.SecurityGroupOps.revoke(tx, tx.find(SecurityGroup.class, web.id()).orElseThrow(), false,
                    List.of(cidr("tcp", 8080, 8080, "10.1.0.0/16")));
            return null;
        });
        w.authorize(web, false, cidr("tcp", 8080, 8080, "10.1.1.0/24"));
        Verdict.Refused r = refused(decide(live, client, nodeIp(a), 80), Verdict.Reason.NOT_ALLOWED);
        assertEquals(Hop.Kind.SECURITY_GROUP_INGRESS, r.trace().decisive().kind());
        assertEquals("security groups " + web.id() + " on " + web1.primaryNetworkInterfaceId() + " allow no ingress from " + client.privateIpAddress()
                + " to tcp " + web1.privateIpAddress() + ":8080", r.summary());
    }

    @Test
    void ipTargetsSeeTheNodesAddressAndTheirGroupMustAdmitIt() {
        TargetGroup ips = elb.group("ips", vpc, "TCP", 8080, TargetGroup.IP, Map.of());
        ips = elb.register(ips, web1.privateIpAddress());
        LoadBalancer other = elb.nlb("ips", vpc, List.of(), Map.of(), a);
        elb.listener(other, "TCP", 80, ips);
        w.write(tx -> {
            io.localvpc.core.ops.SecurityGroupOps.revoke(tx, tx.find(SecurityGroup.class, web.id()).orElseThrow(), false,
                    List.of(cidr("tcp", 8080, 8080, "10.1.0.0/16")));
            return null;
        });
        w.authorize(web, false, cidr("tcp", 8080, 8080, client.privateIpAddress() + "/32"));
        health.record(new TargetHealthBook.TargetKey(PathWorld.SCOPE, ips.id(), web1.privateIpAddress(), 8080), new TargetHealthBook.Health("healthy", null, null));
        String node = elb.node(other, a).privateIpAddress();
        Verdict.Refused r = refused(decide(live, client, node, 80), Verdict.Reason.NOT_ALLOWED);
        assertTrue(r.summary().contains("allow no ingress from " + node + " to tcp " + web1.privateIpAddress() + ":8080"), r.summary());
        w.authorize(web, false, cidr("tcp", 8080, 8080, node + "/32"));
        Target.LoadBalanced t = delivered(decide(live, client, node, 80));
        assertEquals(node, t.sourceAddress());
    }

    @Test
    void theLoadBalancersSecurityGroupsJudgeClientsAndTargetsMayReferenceThem() {
        SecurityGroup lbGroup = w.group(vpc, "lb");
        LoadBalancer guarded = elb.nlb("guarded", vpc, List.of(lbGroup), Map.of(), a);
        elb.listener(guarded, "TCP", 80, tg);
        String node = elb.node(guarded, a).privateIpAddress();
        Verdict.Refused r = refused(decide(live, client, node, 80), Verdict.Reason.NOT_ALLOWED);
        assertEquals("security groups " + lbGroup.id() + " on " + elb.node(guarded, a).id() + " allow no ingress from " + client.privateIpAddress()
                + " to tcp " + node + ":80", r.summary());
        w.authorize(lbGroup, false, tcpFromGroup(80, clients.id()));
        // the target's group admits only the load balancer's group, which works with the client's address preserved
        w.write(tx -> {
            io.localvpc.core.ops.SecurityGroupOps.revoke(tx, tx.find(SecurityGroup.class, web.id()).orElseThrow(), false,
                    List.of(cidr("tcp", 8080, 8080, "10.1.0.0/16")));
            return null;
        });
        w.authorize(web, false, tcpFromGroup(8080, lbGroup.id()));
        Target.LoadBalanced t = delivered(decide(live, client, node, 80));
        assertEquals(client.privateIpAddress(), t.sourceAddress());
    }

    @Test
    void theNodeToTargetLegCrossesSubnetsUnderBothNetworkAcls() {
        Instance web3 = w.instance(targetsA, web);
        tg = elb.register(tg, web3.id());
        publish(web3, "127.0.0.1:18083");
        state("unhealthy", "Target.FailedHealthChecks", web1);
        healthy(web3);
        NetworkAcl acl = w.networkAcl(vpc);
        w.aclEntry(acl, 100, false, "tcp", "deny", client.privateIpAddress() + "/32", 8080, 8080);
        w.aclEntry(acl, 200, false, "-1", "allow", "0.0.0.0/0", null, null);
        w.aclEntry(acl, 100, true, "-1", "allow", "0.0.0.0/0", null, null);
        w.associate(acl, targetsA);
        Verdict.Refused r = refused(decide(live, client, nodeIp(a), 80), Verdict.Reason.NOT_ALLOWED);
        assertEquals(Hop.Kind.NETWORK_ACL_IN, r.trace().decisive().kind());
        assertEquals(acl.id() + " inbound rule 100 denies tcp port 8080 from " + client.privateIpAddress(), r.summary());
        w.aclEntry(acl, 100, false, "tcp", "allow", "10.1.0.0/16", 8080, 8080);
        assertEquals(web3.id(), delivered(decide(live, client, nodeIp(a), 80)).targetId());
    }

    @Test
    void aZoneDownTakesItsNodeAndItsTargetsOut() {
        faults.takeDown(a.availabilityZoneId());
        Verdict.Refused r = refused(decide(live, client, nodeIp(a), 80), Verdict.Reason.HOST_UNREACHABLE);
        assertTrue(r.summary().contains("is down with its zone"), r.summary());
        faults.bringUp(a.availabilityZoneId());
        faults.takeDown(b.availabilityZoneId());
        assertEquals(web1.id(), delivered(decide(live, client, nodeIp(a), 80)).targetId());
    }

    @Test
    void aTargetPortNothingIsPublishedOnIsRefusedByTheHost() {
        publications.removeWhere(p -> p.owner().equals(web1.id()));
        Verdict.Refused r = refused(decide(live, client, nodeIp(a), 80), Verdict.Reason.CONNECTION_REFUSED);
        assertTrue(r.summary().contains("nothing listens on " + web1.id() + " tcp 8080"), r.summary());
    }

    @Test
    void theAnalysisCountsEveryRegisteredTargetAndStopsAtItsInterface() {
        state("unhealthy", "Target.FailedHealthChecks", web1);
        publications.removeWhere(p -> true);
        Target.LoadBalanced t = delivered(decide(configurationOnly, client, nodeIp(a), 80));
        assertEquals(web1.id(), t.targetId());
        assertNull(t.target().servedBy());
        NetworkInterface eni = w.primaryInterface(web1);
        assertEquals(eni.id(), t.target().networkInterfaceId());
    }
}
