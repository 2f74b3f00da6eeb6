package io.localvpc.core.insights;

import io.localvpc.core.model.AnalysisExplanation;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.NetworkInsightsAnalysis;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.path.LoadBalancerWorld;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.PathWorld;
import io.localvpc.core.path.ZoneFaults;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.localvpc.core.path.PathWorld.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyzer through a Network Load Balancer: it judges the same rules the live connection meets on both legs (to
 * the node, and from the node to a registered target), but not health or what is published, which are runtime state.
 */
class LoadBalancerAnalysisTest {
    private final PathWorld w = new PathWorld();
    private final LoadBalancerWorld elb = new LoadBalancerWorld(w);
    private final ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer(new PathEngine(ZoneFaults.none()));
    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final Subnet a = w.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final Subnet b = w.subnet(vpc, "10.0.2.0/24", "us-east-1a");
    private final SecurityGroup web = w.group(vpc, "web");
    private final Instance client;
    private final Instance server;
    private final LoadBalancer lb;

    LoadBalancerAnalysisTest() {
        w.table(vpc, a, b);
        client = w.instance(a);
        server = w.instance(b, web);
        lb = elb.nlb("web", vpc, List.of(), Map.of(), a);
        TargetGroup tg = elb.register(elb.group("web", vpc, "TCP", 8080, TargetGroup.INSTANCE, Map.of()), server.id());
        elb.listener(lb, "TCP", 80, tg);
        w.settle();
    }

    private Findings analyse() {
        String node = elb.node(lb, a).id();
        return analyzer.analyse(w.view(), new NetworkInsightsPath("nip-0123456789abcdef0", "000000000000", Instant.EPOCH, client.id(), null,
                node, null, null, null, "tcp", 80, null, null), List.of(), List.of());
    }

    @Test
    void aPathToTheNodeIsFoundWhenTheTargetsGroupAdmitsTheClient() {
        w.authorize(web, false, cidr("tcp", 8080, 8080, "10.0.1.0/24"));
        Findings f = analyse();
        assertTrue(f.pathFound(), f.toString());
    }

    @Test
    void aTargetGroupThatAdmitsNothingIsTheExplanationNamingTheTargetsInterface() {
        Findings f = analyse();
        assertFalse(f.pathFound(), f.toString());
        AnalysisExplanation e = f.explanations().get(0);
        assertEquals("ENI_SG_RULES_MISMATCH", e.explanationCode());
        assertEquals("ingress", e.direction());
        assertEquals(server.primaryNetworkInterfaceId(), e.networkInterface().id());
        assertEquals(List.of(web.id()), e.securityGroups().stream().map(NetworkInsightsAnalysis.Component::id).toList());
    }
}
