package io.localvpc.core.path;

import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.ops.InterfaceEndpointEnis;
import io.localvpc.core.ops.NetworkInterfaceOps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Network Load Balancers, target groups, listeners, endpoint services and their consumers' interface endpoints as
 * records in a {@link PathWorld}, the shapes the ELBv2 and EC2 APIs store. Made directly rather than through the API
 * operations, which are built on other branches; the path engine reads only the records.
 */
public final class LoadBalancerWorld {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final PathWorld w;

    public LoadBalancerWorld(PathWorld w) {
        this.w = w;
    }

    private String arn(String kind) {
        return "arn:aws:elasticloadbalancing:" + w.scope.region() + ":" + w.scope.account() + ":" + kind + "/"
                + String.format("%016x", 0xabc0000L + SEQ.incrementAndGet());
    }

    /** An internal NLB with one node per subnet (a requester-managed interface), active at once. */
    public LoadBalancer nlb(String name, Vpc vpc, List<SecurityGroup> groups, Map<String, String> attributes, Subnet... subnets) {
        String id = arn("loadbalancer/net/" + name);
        List<String> groupIds = groups.stream().map(SecurityGroup::id).toList();
        return w.write(tx -> {
            List<LoadBalancer.Node> nodes = new ArrayList<>();
            for (Subnet s : subnets) {
                NetworkInterface made = NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(s.id(), null, List.of(), null, 0));
                NetworkInterface node = tx.put(new NetworkInterface(made.id(), made.ownerId(), made.vpcId(), made.subnetId(), made.availabilityZone(),
                        "ELB net/" + name, "network_load_balancer", made.privateIpAddress(), List.of(), groupIds, made.macAddress(), true, true,
                        "amazon-elb", null, null, made.createdAt()));
                nodes.add(new LoadBalancer.Node(s.availabilityZone(), s.availabilityZoneId(), s.id(), node.id(), node.privateIpAddress(), null));
            }
            return tx.put(new LoadBalancer(id, w.scope.account(), name, LoadBalancer.NETWORK, LoadBalancer.INTERNAL, vpc.id(), "ipv4", groupIds, nodes,
                    name + "-0123456789.elb." + w.scope.region() + ".amazonaws.com", "Z26RNL4JYFTOTI", attributes, tx.now(), tx.now()));
        });
    }

    public TargetGroup group(String name, Vpc vpc, String protocol, int port, String targetType, Map<String, String> attributes) {
        String id = arn("targetgroup/" + name);
        return w.write(tx -> tx.put(new TargetGroup(id, w.scope.account(), name, protocol, port, vpc.id(), targetType, "ipv4",
                new TargetGroup.HealthCheck(true, "TCP", "traffic-port", null, null, 30, 10, 5, 2), List.of(), attributes, tx.now())));
    }

    /** Registers targets (instance ids or addresses) on the group's port. */
    public TargetGroup register(TargetGroup g, String... targetIds) {
        return w.write(tx -> {
            TargetGroup now = tx.find(TargetGroup.class, g.id()).orElseThrow();
            List<TargetGroup.RegisteredTarget> targets = new ArrayList<>(now.targets());
            for (String t : targetIds) targets.add(new TargetGroup.RegisteredTarget(t, now.port(), null, tx.now(), null));
            return tx.put(now.withTargets(targets));
        });
    }

    TargetGroup deregister(TargetGroup g, String targetId) {
        return w.write(tx -> {
            TargetGroup now = tx.find(TargetGroup.class, g.id()).orElseThrow();
            List<TargetGroup.RegisteredTarget> targets = new ArrayList<>();
            for (TargetGroup.RegisteredTarget t : now.targets()) {
                targets.add(t.id().equals(targetId) ? new TargetGroup.RegisteredTarget(t.id(), t.port(), t.availabilityZone(), t.registeredAt(), tx.now()) : t);
            }
            return tx.put(now.withTargets(targets));
        });
    }

    public Listener listener(LoadBalancer lb, String protocol, int port, TargetGroup... groups) {
        String id = arn("listener/net/" + lb.name() + "/x");
        return w.write(tx -> tx.put(new Listener(id, w.scope.account(), lb.id(), protocol, port, List.of(), null, null,
                List.of(new Listener.Action("forward", Arrays.stream(groups).map(g -> new Listener.WeightedTargetGroup(g.id(), null)).toList())),
                tx.now())));
    }

    VpcEndpointServiceConfiguration service(LoadBalancer... lbs) {
        String id = "vpce-svc-" + String.format("%017x", 0xbeef000L + SEQ.incrementAndGet());
        return w.write(tx -> tx.put(new VpcEndpointServiceConfiguration(id, w.scope.account(), "com.amazonaws.vpce." + w.scope.region() + "." + id,
                Arrays.stream(lbs).map(LoadBalancer::id).toList(), false, List.of(), null, null, null, List.of("ipv4"), tx.now(), tx.now(), null)));
    }

    /** A consumer's interface endpoint to the service, available from {@code availableAt} (null: at once). */
    VpcEndpoint consumerEndpoint(Vpc vpc, VpcEndpointServiceConfiguration service, List<Subnet> subnets, List<SecurityGroup> groups,
                                 Instant availableAt) {
        return w.write(tx -> {
            String id = tx.newId("vpce");
            List<String> groupIds = groups.stream().map(SecurityGroup::id).toList();
            List<String> enis = new ArrayList<>();
            for (Subnet s : subnets) enis.add(InterfaceEndpointEnis.create(tx, id, s, null, groupIds).id());
            return tx.put(new VpcEndpoint(id, w.scope.account(), vpc.id(), service.serviceName(), w.scope.region(), null, "ipv4", "ipv4", tx.now(),
                    availableAt == null ? tx.now() : availableAt, null, null,
                    new VpcEndpoint.Interface(subnets.stream().map(Subnet::id).toList(), enis, groupIds, false, "abcd1234", null, List.of())));
        });
    }

    public NetworkInterface node(LoadBalancer lb, Subnet s) {
        String eni = lb.nodes().stream().filter(n -> n.subnetId().equals(s.id())).findFirst().orElseThrow().networkInterfaceId();
        return w.view().find(NetworkInterface.class, eni).orElseThrow();
    }
}
