package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.state.Scope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.localvpc.core.path.PathWorld.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Across PrivateLink: a consumer account's flow to its interface endpoint of an endpoint service continues in the
 * provider's account, at the provider's load balancer node in the endpoint interface's zone, to a healthy target that
 * sees the node's address, under the provider's security groups and network ACLs.
 */
class PrivateLinkPathTest {
    private static final Scope PROVIDER = new Scope("111111111111", "us-east-1");
    private static final Scope CONSUMER = new Scope("222222222222", "us-east-1");

    private final PathWorld base = new PathWorld();
    private final PathWorld p = new PathWorld(base, PROVIDER);
    private final PathWorld c = new PathWorld(base, CONSUMER);
    private final LoadBalancerWorld provider = new LoadBalancerWorld(p);
    private final LoadBalancerWorld consumer = new LoadBalancerWorld(c);
    private final Publications publications = new Publications();
    private final TargetHealthBook health = new TargetHealthBook();
    private final ZoneFaults faults = new ZoneFaults();
    private final PathEngine live = new PathEngine(faults, publications, health, new StoreEndpointServices(base.store));

    private final Vpc pVpc = p.vpc("10.1.0.0/16");
    private final Subnet p1 = p.subnet(pVpc, "10.1.0.0/24", "us-east-1a");
    private final Subnet p2 = p.subnet(pVpc, "10.1.1.0/24", "us-east-1b");
    private final SecurityGroup web = p.group(pVpc, "web");
    private final Instance server;
    private final LoadBalancer lb;
    private final TargetGroup tg;
    private final VpcEndpointServiceConfiguration service;

    private final Vpc cVpc = c.vpc("10.2.0.0/16");
    private final Subnet c1 = c.subnet(cVpc, "10.2.0.0/24", "us-east-1a");
    private final SecurityGroup endpointGroup = c.group(cVpc, "endpoint");
    private final Instance client;

    PrivateLinkPathTest() {
        p.table(pVpc, p1, p2);
        server = p.instance(p2, web);
        lb = provider.nlb("svc", pVpc, List.of(), Map.of("load_balancing.cross_zone.enabled", "true"), p1, p2);
        tg = provider.register(provider.group("svc", pVpc, "TCP", 8080, TargetGroup.INSTANCE, Map.of()), server.id());
        provider.listener(lb, "TCP", 80, tg);
        service = provider.service(lb);
        client = c.instance(c1, c.group(cVpc, "client"));
        c.authorize(endpointGroup, false, cidr("tcp", 80, 80, "10.2.0.0/16"));
        base.settle();
        publications.publish(new Publications.Publication(PROVIDER, server.id(), server.primaryNetworkInterfaceId(), 8080, "127.0.0.1:18080"));
        health.record(new TargetHealthBook.TargetKey(PROVIDER, tg.id(), server.id(), 8080), new TargetHealthBook.Health("healthy", null, null));
    }

    private VpcEndpoint endpoint() {
        return consumer.consumerEndpoint(cVpc, service, List.of(c1), List.of(endpointGroup), null);
    }

    private Verdict decide(VpcEndpoint e) {
        return live.decide(c.view(), Flow.tcp(client.id(), c.interfaceIn(e, c1).privateIpAddress(), 80));
    }

    private static Verdict.Refused refused(Verdict v, Verdict.Reason reason) {
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class, v, () -> v.trace().render());
        assertEquals(reason, r.reason(), () -> v.trace().render());
        return r;
    }

    @Test
    void theConsumersFlowReachesTheProvidersProgramFromTheNodesAddress() {
        p.authorize(web, false, cidr("tcp", 8080, 8080, "10.1.0.0/16"));
        VpcEndpoint e = endpoint();
        Verdict v = decide(e);
        Verdict.Delivered d = assertInstanceOf(Verdict.Delivered.class, v, () -> v.trace().render());
        Target.LoadBalanced t = assertInstanceOf(Target.LoadBalanced.class, d.target());
        String node = provider.node(lb, p1).privateIpAddress();
        assertEquals(e.id(), t.endpointId());
        assertEquals(PROVIDER.account(), t.providerAccount());
        assertEquals(node, t.sourceAddress(), "PrivateLink traffic reaches targets from the node's address, client IP preservation or not");
        assertEquals(p1.availabilityZoneId(), t.zoneId(), "the node in the endpoint interface's zone");
        assertEquals("127.0.0.1:18080", t.target().servedBy());
        assertEquals(client.privateIpAddress(), d.source().privateIp());
        String rendered = v.trace().render();
        assertTrue(rendered.contains("→ endpoint service " + service.id() + " of account " + PROVIDER.account()), rendered);
        assertTrue(rendered.contains("from " + node + " (the node's address, as PrivateLink always does)"), rendered);
    }

    @Test
    void theTargetsGroupMustAdmitTheNodeNotTheConsumer() {
        p.authorize(web, false, cidr("tcp", 8080, 8080, "10.2.0.0/16"));
        Verdict.Refused r = refused(decide(endpoint()), Verdict.Reason.NOT_ALLOWED);
        assertEquals("security groups " + web.id() + " on " + server.primaryNetworkInterfaceId() + " allow no ingress from "
                + provider.node(lb, p1).privateIpAddress() + " to tcp " + server.privateIpAddress() + ":8080", r.summary());
    }

    @Test
    void anEndpointThatIsNotAvailableRefusesNamingItself() {
        p.authorize(web, false, cidr("tcp", 8080, 8080, "10.1.0.0/16"));
        VpcEndpoint e = consumer.consumerEndpoint(cVpc, service, List.of(c1), List.of(endpointGroup), base.clock.instant().plus(Duration.ofHours(1)));
        Verdict.Refused r = refused(decide(e), Verdict.Reason.HOST_UNREACHABLE);
        assertEquals(e.id() + " is pending, not available", r.summary());
    }

    @Test
    void theEndpointsSecurityGroupsStillJudgeTheConsumersLeg() {
        p.authorize(web, false, cidr("tcp", 8080, 8080, "10.1.0.0/16"));
        VpcEndpoint e = consumer.consumerEndpoint(cVpc, service, List.of(c1), List.of(c.group(cVpc, "closed")), null);
        Verdict.Refused r = refused(decide(e), Verdict.Reason.NOT_ALLOWED);
        assertEquals(Hop.Kind.SECURITY_GROUP_INGRESS, r.trace().decisive().kind());
    }

    @Test
    void aZoneDownTakesTheEndpointInterfaceAndTheNodeOutTogether() {
        p.authorize(web, false, cidr("tcp", 8080, 8080, "10.1.0.0/16"));
        VpcEndpoint e = endpoint();
        faults.takeDown(c1.availabilityZoneId());
        Verdict.Refused r = refused(decide(e), Verdict.Reason.HOST_UNREACHABLE);
        assertTrue(r.summary().contains("which is down"), r.summary());
    }

    @Test
    void aServiceWhoseLoadBalancerHasNoNodeInTheEndpointsZoneRefuses() {
        LoadBalancer onlyB = provider.nlb("b-only", pVpc, List.of(), Map.of(), p2);
        VpcEndpointServiceConfiguration elsewhere = provider.service(onlyB);
        VpcEndpoint e = consumer.consumerEndpoint(cVpc, elsewhere, List.of(c1), List.of(endpointGroup), null);
        Verdict.Refused r = refused(decide(e), Verdict.Reason.HOST_UNREACHABLE);
        assertEquals("no load balancer of " + elsewhere.id() + " has a node in " + c1.availabilityZoneId() + ", the zone of "
                + c.interfaceIn(e, c1).id(), r.summary());
    }

    @Test
    void aLoadBalancersSecurityGroupsJudgePrivateLinkTrafficFromTheEndpointUnlessTurnedOff() {
        p.authorize(web, false, cidr("tcp", 8080, 8080, "10.1.0.0/16"));
        SecurityGroup lbGroup = p.group(pVpc, "lb");
        LoadBalancer guarded = provider.nlb("guarded", pVpc, List.of(lbGroup), Map.of("load_balancing.cross_zone.enabled", "true"), p1, p2);
        provider.listener(guarded, "TCP", 80, tg);
        VpcEndpointServiceConfiguration svc = provider.service(guarded);
        VpcEndpoint e = consumer.consumerEndpoint(cVpc, svc, List.of(c1), List.of(endpointGroup), null);
        health.record(new TargetHealthBook.TargetKey(PROVIDER, tg.id(), server.id(), 8080), new TargetHealthBook.Health("healthy", null, null));
        Verdict.Refused r = refused(decide(e), Verdict.Reason.NOT_ALLOWED);
        assertTrue(r.summary().startsWith("security groups " + lbGroup.id()), r.summary());
        p.authorize(lbGroup, false, cidr("tcp", 80, 80, "10.2.0.0/16"));
        Verdict v = decide(e);
        assertInstanceOf(Verdict.Delivered.class, v, () -> v.trace().render());
    }
}
