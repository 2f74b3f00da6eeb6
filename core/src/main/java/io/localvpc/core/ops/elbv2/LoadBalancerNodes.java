package io.localvpc.core.ops.elbv2;

import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.ops.SubnetAddresses;
import io.localvpc.core.state.Tx;

import java.util.List;

/**
 * The nodes of a Network Load Balancer: one requester-managed network interface in each of its subnets, created
 * with it and deleted with it, described by DescribeNetworkInterfaces as AWS shows them (interface type
 * {@code network_load_balancer}, requester {@value #REQUESTER_ID}, description {@code ELB net/<name>/<id>}).
 */
public final class LoadBalancerNodes {
    public static final String INTERFACE_TYPE = "network_load_balancer";
    public static final String REQUESTER_ID = "amazon-elb";

    private LoadBalancerNodes() {
    }

    public static String description(String name, String hex) {
        return "ELB net/" + name + "/" + hex;
    }

    /** Creates the node's interface in {@code subnet}, at {@code requestedIp} or the first free address. */
    public static LoadBalancer.Node create(Tx tx, String name, String hex, Subnet subnet, String requestedIp, List<String> groupIds,
                                           String allocationId, String publicIp) {
        String ip = SubnetAddresses.allocate(tx, subnet, requestedIp);
        NetworkInterface eni = tx.put(new NetworkInterface(tx.newId("eni"), tx.scope().account(), subnet.vpcId(), subnet.id(),
                subnet.availabilityZone(), description(name, hex), INTERFACE_TYPE, ip, List.of(), groupIds, SubnetAddresses.newMacAddress(),
                true, true, REQUESTER_ID, null, publicIp, tx.now()));
        return new LoadBalancer.Node(subnet.availabilityZone(), subnet.availabilityZoneId(), subnet.id(), eni.id(), ip, allocationId);
    }

    public static void remove(Tx tx, LoadBalancer lb) {
        for (LoadBalancer.Node n : lb.nodes()) tx.remove(NetworkInterface.class, n.networkInterfaceId());
    }
}
