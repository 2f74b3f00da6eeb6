package io.localvpc.testkit;

import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.ops.InterfaceEndpointEnis;
import io.localvpc.core.ops.NetworkInterfaceOps;
import io.localvpc.core.path.TargetHealthBook;
import io.localvpc.core.state.Scope;
import io.localvpc.server.LocalVpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TO BE REPLACED by the ELBv2 API (branch elbv2) and the endpoint-service API (branch vpcesvc) once both are on main:
 * commits the records those APIs store (load balancers with their node interfaces, target groups, listeners, endpoint
 * services, consumers' interface endpoints) and the health the health checker records, straight into the running
 * server's store, so the data plane's path through load balancers is tested over real sockets before they land. The
 * only test code here that does not go through an AWS API.
 */
final class NlbRecordsFixture {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final LocalVpc lv;
    private final Scope scope;

    NlbRecordsFixture(LocalVpc lv, String account) {
        this.lv = lv;
        this.scope = new Scope(account, "us-east-1");
    }

    private String arn(String kind) {
        return "arn:aws:elasticloadbalancing:us-east-1:" + scope.account() + ":" + kind + "/" + String.format("%016x", 0xf1c0000L + SEQ.incrementAndGet());
    }

    /** An active internal NLB with one node per subnet; {@code attributes} as ModifyLoadBalancerAttributes leaves them. */
    LoadBalancer nlb(String name, String vpcId, List<String> groupIds, Map<String, String> attributes, String... subnetIds) {
        String id = arn("loadbalancer/net/" + name);
        return lv.store().write(scope, tx -> {
            List<LoadBalancer.Node> nodes = new ArrayList<>();
            for (String subnetId : subnetIds) {
                Subnet s = tx.find(Subnet.class, subnetId).orElseThrow();
                NetworkInterface made = NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(s.id(), null, List.of(), null, 0));
                tx.put(new NetworkInterface(made.id(), made.ownerId(), made.vpcId(), made.subnetId(), made.availabilityZone(), "ELB net/" + name,
                        "network_load_balancer", made.privateIpAddress(), List.of(), groupIds, made.macAddress(), true, true, "amazon-elb", null, null,
                        made.createdAt()));
                nodes.add(new LoadBalancer.Node(s.availabilityZone(), s.availabilityZoneId(), s.id(), made.id(), made.privateIpAddress(), null));
            }
            return tx.put(new LoadBalancer(id, scope.account(), name, LoadBalancer.NETWORK, LoadBalancer.INTERNAL, vpcId, "ipv4", groupIds, nodes,
                    name + "-0123456789.elb.us-east-1.amazonaws.com", "Z26RNL4JYFTOTI", attributes, tx.now(), tx.now()));
        });
    }

    /** A TCP instance target group on {@code port} with the given instances registered, and a TCP listener forwarding to it. */
    TargetGroup forward(LoadBalancer lb, int listenerPort, int port, Map<String, String> attributes, String... instanceIds) {
        return forward(lb, "TCP", listenerPort, "TCP", port, attributes, instanceIds);
    }

    /** An instance target group of {@code targetProtocol} on {@code port}, and a listener of {@code listenerProtocol} forwarding to it. */
    TargetGroup forward(LoadBalancer lb, String listenerProtocol, int listenerPort, String targetProtocol, int port, Map<String, String> attributes,
                        String... instanceIds) {
        String id = arn("targetgroup/" + lb.name());
        return lv.store().write(scope, tx -> {
            List<TargetGroup.RegisteredTarget> targets = new ArrayList<>();
            for (String i : instanceIds) targets.add(new TargetGroup.RegisteredTarget(i, port, null, tx.now(), null));
            TargetGroup g = tx.put(new TargetGroup(id, scope.account(), lb.name() + "-" + targetProtocol.toLowerCase(java.util.Locale.ROOT), targetProtocol, port, lb.vpcId(), TargetGroup.INSTANCE, "ipv4",
                    new TargetGroup.HealthCheck(true, "TCP", "traffic-port", null, null, 30, 10, 5, 2), targets, attributes, tx.now()));
            tx.put(new Listener(arn("listener/net/" + lb.name() + "/x"), scope.account(), lb.id(), listenerProtocol, listenerPort,
                    "TLS".equals(listenerProtocol) ? List.of("arn:aws:acm:us-east-1:" + scope.account() + ":certificate/localvpc") : List.of(),
                    "TLS".equals(listenerProtocol) ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : null, null,
                    List.of(new Listener.Action("forward", List.of(new Listener.WeightedTargetGroup(g.id(), null)))), tx.now()));
            return g;
        });
    }

    /** Records a health check result, as the health checker does. */
    void health(TargetGroup g, String instanceId, String state, String reason) {
        lv.dataPlane().targetHealth().record(new TargetHealthBook.TargetKey(scope, g.id(), instanceId, g.port()),
                new TargetHealthBook.Health(state, reason, null));
    }

    VpcEndpointServiceConfiguration service(LoadBalancer lb) {
        String id = "vpce-svc-" + String.format("%017x", 0x5e0000L + SEQ.incrementAndGet());
        return lv.store().write(scope, tx -> tx.put(new VpcEndpointServiceConfiguration(id, scope.account(), "com.amazonaws.vpce.us-east-1." + id,
                List.of(lb.id()), false, List.of(), null, null, null, List.of("ipv4"), tx.now(), tx.now(), null)));
    }

    /** This account's interface endpoint to {@code service}, available at once (acceptance not required). */
    VpcEndpoint consumerEndpoint(String vpcId, VpcEndpointServiceConfiguration service, String subnetId, String groupId) {
        return lv.store().write(scope, tx -> {
            String id = tx.newId("vpce");
            Subnet s = tx.find(Subnet.class, subnetId).orElseThrow();
            String eni = InterfaceEndpointEnis.create(tx, id, s, null, List.of(groupId)).id();
            return tx.put(new VpcEndpoint(id, scope.account(), vpcId, service.serviceName(), "us-east-1", null, "ipv4", "ipv4", tx.now(), tx.now(),
                    null, null, new VpcEndpoint.Interface(List.of(subnetId), List.of(eni), List.of(groupId), false, "abcd1234", null, List.of())));
        });
    }

    /** The address of the endpoint's interface. */
    String addressOf(VpcEndpoint e) {
        String eni = ((VpcEndpoint.Interface) e.variant()).networkInterfaceIds().get(0);
        return lv.store().view(scope).find(NetworkInterface.class, eni).orElseThrow().privateIpAddress();
    }

    /** Deletes the endpoint as DeleteVpcEndpoints does: deleting now, deleted soon after. */
    void delete(VpcEndpoint e) {
        lv.store().write(scope, tx -> tx.put(tx.find(VpcEndpoint.class, e.id()).orElseThrow().withDeletion(tx.now(), tx.now().plusSeconds(1))));
    }

    static String nodeAddress(LoadBalancer lb, String subnetId) {
        return lb.nodes().stream().filter(n -> n.subnetId().equals(subnetId)).findFirst().orElseThrow().privateIpAddress();
    }

}
