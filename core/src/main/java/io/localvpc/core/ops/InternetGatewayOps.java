package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Address;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;

/** Internet gateways: at most one per VPC, attached to at most one VPC. */
public final class InternetGatewayOps {
    private InternetGatewayOps() {
    }

    public static InternetGateway require(View view, String id) {
        return Lookup.require(view, InternetGateway.class, IdKind.INTERNET_GATEWAY, id);
    }

    public static InternetGateway create(Tx tx) {
        return tx.put(new InternetGateway(tx.newId("igw"), tx.scope().account(), null));
    }

    public static void delete(Tx tx, String id) {
        InternetGateway igw = require(tx, id);
        if (igw.attachedVpcId() != null) {
            throw AwsException.dependencyViolation("The internetGateway '" + id + "' has dependencies and cannot be deleted. "
                    + "Detach it from " + igw.attachedVpcId() + " first (DetachInternetGateway).");
        }
        tx.remove(InternetGateway.class, id);
    }

    public static void attach(Tx tx, String id, String vpcId) {
        InternetGateway igw = require(tx, id);
        Vpc vpc = VpcOps.require(tx, vpcId);
        if (igw.attachedVpcId() != null) {
            throw new AwsException("Resource.AlreadyAssociated", "resource " + id + " is already attached to network " + igw.attachedVpcId());
        }
        tx.all(InternetGateway.class).stream().filter(g -> vpc.id().equals(g.attachedVpcId())).findFirst().ifPresent(other -> {
            throw new AwsException("Resource.AlreadyAssociated", "Network " + vpc.id() + " already has an internet gateway attached: "
                    + other.id() + ". A VPC can have only one.");
        });
        tx.put(igw.withAttachedVpcId(vpc.id()));
    }

    /**
     * Detaches, unless addresses in the VPC are still mapped to public IPs through it (AWS refuses then:
     * Elastic IPs on interfaces, including those of public NAT gateways).
     */
    public static void detach(Tx tx, String id, String vpcId) {
        InternetGateway igw = require(tx, id);
        VpcOps.require(tx, vpcId);
        if (!vpcId.equals(igw.attachedVpcId())) {
            throw new AwsException("Gateway.NotAttached", "resource " + id + " is not attached to network " + vpcId);
        }
        List<String> mapped = new ArrayList<>();
        for (Address a : tx.all(Address.class)) {
            if (a.networkInterfaceId() == null) continue;
            tx.find(NetworkInterface.class, a.networkInterfaceId()).filter(n -> n.vpcId().equals(vpcId)).ifPresent(n -> mapped.add(a.publicIp()));
        }
        if (!mapped.isEmpty()) {
            throw AwsException.dependencyViolation("Network " + vpcId + " has some mapped public address(es): " + String.join(", ", mapped)
                    + ". Please unmap those public address(es) before detaching the gateway.");
        }
        tx.put(igw.withAttachedVpcId(null));
    }
}
