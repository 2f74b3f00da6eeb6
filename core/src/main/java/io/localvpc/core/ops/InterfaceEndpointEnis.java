package io.localvpc.core.ops;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.state.Tx;

import java.util.Collection;
import java.util.List;

/**
 * The network-interface side of an interface endpoint: one requester-managed interface per subnet, owned
 * by the account but managed by AWS (requester {@value #REQUESTER_ID}, as DescribeNetworkInterfaces shows
 * for PrivateLink interfaces), with the endpoint's security groups.
 */
public final class InterfaceEndpointEnis {
    /** The AWS account that AWS names as the requester of every PrivateLink endpoint interface. */
    public static final String REQUESTER_ID = "727180483921";

    private InterfaceEndpointEnis() {
    }

    public static String descriptionFor(String endpointId) {
        return "VPC Endpoint Interface " + endpointId;
    }

    /** Creates the interface in the subnet with the requested address, or the first free one. */
    public static NetworkInterface create(Tx tx, String endpointId, Subnet subnet, String requestedIp, List<String> groupIds) {
        String ip = SubnetAddresses.allocate(tx, subnet, requestedIp);
        return tx.put(new NetworkInterface(tx.newId("eni"), tx.scope().account(), subnet.vpcId(), subnet.id(), subnet.availabilityZone(),
                descriptionFor(endpointId), "vpc_endpoint", ip, List.of(), groupIds, SubnetAddresses.newMacAddress(),
                true, true, REQUESTER_ID, null, null, tx.now()));
    }

    public static void remove(Tx tx, Collection<String> eniIds) {
        for (String id : eniIds) tx.remove(NetworkInterface.class, id);
    }

    public static void setGroups(Tx tx, Collection<String> eniIds, List<String> groupIds) {
        for (String id : eniIds) tx.find(NetworkInterface.class, id).ifPresent(e -> tx.put(e.withGroupIds(groupIds)));
    }
}
