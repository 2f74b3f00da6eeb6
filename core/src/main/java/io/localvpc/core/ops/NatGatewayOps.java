package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Address;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * NAT gateway lifecycle. AWS takes minutes to move a NAT gateway from {@code pending} to
 * {@code available} (and from {@code deleting} to {@code deleted}); localvpc takes a short, configurable
 * delay so that a fast poller still sees the intermediate state. States are computed from the stored
 * timestamps whenever asked, so nothing runs in the background.
 */
public final class NatGatewayOps {

    /** How long AWS keeps listing a deleted NAT gateway. */
    public static final Duration DELETED_VISIBLE_FOR = Duration.ofHours(1);
    /** The requester id AWS shows on the interfaces it manages for NAT gateways. */
    public static final String INTERFACE_REQUESTER = "amazon";

    /** System property overriding the default transition delay, in milliseconds. */
    public static final String DELAY_PROPERTY = "localvpc.natGateway.transitionMillis";
    private static volatile Duration transitionDelay = Duration.ofMillis(Long.getLong(DELAY_PROPERTY, 1500L));

    private NatGatewayOps() {
    }

    /** pending → available and deleting → deleted take this long (tests may shorten or lengthen it). */
    public static void setTransitionDelay(Duration delay) {
        transitionDelay = delay;
    }

    public static Duration transitionDelay() {
        return transitionDelay;
    }

    public static NatGateway.State stateOf(View view, NatGateway nat) {
        Instant now = view.now();
        if (nat.deleteRequestedAt() != null) {
            return now.isBefore(nat.deleteRequestedAt().plus(transitionDelay)) ? NatGateway.State.DELETING : NatGateway.State.DELETED;
        }
        if (now.isBefore(nat.createdAt().plus(transitionDelay))) return NatGateway.State.PENDING;
        return nat.failureCode() != null ? NatGateway.State.FAILED : NatGateway.State.AVAILABLE;
    }

    /** When the gateway reached (or will reach) {@code deleted}; null while it is not being deleted. */
    public static Instant deleteTime(NatGateway nat) {
        return nat.deleteRequestedAt() == null ? null : nat.deleteRequestedAt().plus(transitionDelay);
    }

    /** Whether routes to it are active: it is coming up or up, not failed or being deleted. */
    public static boolean canForward(View view, NatGateway nat) {
        NatGateway.State s = stateOf(view, nat);
        return s == NatGateway.State.PENDING ? nat.failureCode() == null : s == NatGateway.State.AVAILABLE;
    }

    /** Deleted gateways stay listed for about an hour, as on AWS, then vanish. */
    public static boolean isVisible(View view, NatGateway nat) {
        Instant gone = deleteTime(nat);
        return gone == null || view.now().isBefore(gone.plus(DELETED_VISIBLE_FOR));
    }

    public static NatGateway require(View view, String natGatewayId) {
        NatGateway nat = Lookup.require(view, NatGateway.class, IdKind.NAT_GATEWAY, natGatewayId);
        if (!isVisible(view, nat)) throw IdKind.NAT_GATEWAY.notFound(natGatewayId);
        return nat;
    }

    /**
     * Creates a NAT gateway in a subnet: a requester-managed interface holding its private address and,
     * for a public gateway, the Elastic IP. A public gateway in a VPC without an internet gateway is
     * created and then fails with {@code Gateway.NotAttached}, as on AWS.
     */
    public static NatGateway create(Tx tx, String subnetId, String connectivityType, String allocationId, String privateIp) {
        purgeExpired(tx);
        Subnet subnet = Lookup.require(tx, Subnet.class, IdKind.SUBNET, subnetId);
        String type = connectivityType == null ? NatGateway.PUBLIC : connectivityType;
        if (!type.equals(NatGateway.PUBLIC) && !type.equals(NatGateway.PRIVATE)) {
            throw AwsException.invalidParameterValue("Value (" + type + ") for parameter ConnectivityType is invalid. Valid values: public, private");
        }
        Address eip = null;
        if (type.equals(NatGateway.PUBLIC)) {
            if (allocationId == null) {
                throw AwsException.missingParameter("AllocationId (a public NAT gateway needs an Elastic IP; allocate one with AllocateAddress, or use ConnectivityType=private)");
            }
            eip = Lookup.require(tx, Address.class, IdKind.ALLOCATION, allocationId);
            if (eip.isAssociated()) {
                throw new AwsException("Resource.AlreadyAssociated", "Elastic IP address [" + allocationId + "] is already associated"
                        + (eip.natGatewayId() != null ? " with NAT gateway " + eip.natGatewayId() : " with " + eip.networkInterfaceId())
                        + ". Disassociate it first or allocate another one.");
            }
        } else if (allocationId != null) {
            throw AwsException.invalidParameterCombination("A private NAT gateway cannot have an Elastic IP address; omit AllocationId or use ConnectivityType=public.");
        }
        String natId = tx.newId("nat");
        String owner = tx.scope().account();
        if (eip != null && tx.all(InternetGateway.class).stream().noneMatch(g -> subnet.vpcId().equals(g.attachedVpcId()))) {
            return tx.put(new NatGateway(natId, owner, subnet.vpcId(), subnet.id(), type, eip.id(), null, eip.publicIp(), null, null,
                    "Gateway.NotAttached", "Network " + subnet.vpcId() + " has no Internet gateway attached", tx.now(), null));
        }
        String ip = SubnetAddresses.allocate(tx, subnet, privateIp);
        String eniId = tx.newId("eni");
        tx.put(new NetworkInterface(eniId, owner, subnet.vpcId(), subnet.id(), subnet.availabilityZone(), "Interface for NAT Gateway " + natId,
                "nat_gateway", ip, List.of(), List.of(), SubnetAddresses.newMacAddress(), false, true, INTERFACE_REQUESTER, null,
                eip == null ? null : eip.publicIp(), tx.now()));
        String associationId = null;
        if (eip != null) {
            associationId = tx.newId("eipassoc");
            tx.put(eip.associated(associationId, eniId, ip, natId));
        }
        return tx.put(new NatGateway(natId, owner, subnet.vpcId(), subnet.id(), type, eip == null ? null : eip.id(), associationId,
                eip == null ? null : eip.publicIp(), eniId, ip, null, null, tx.now(), null));
    }

    /**
     * Starts deleting: the interface and the Elastic IP association are released at once (the record
     * keeps their ids, as AWS keeps showing them on a deleted gateway).
     */
    public static NatGateway delete(Tx tx, String natGatewayId) {
        NatGateway nat = require(tx, natGatewayId);
        if (nat.deleteRequestedAt() != null) {
            if (stateOf(tx, nat) == NatGateway.State.DELETED) throw IdKind.NAT_GATEWAY.notFound(natGatewayId);
            return nat;
        }
        if (nat.networkInterfaceId() != null) tx.remove(NetworkInterface.class, nat.networkInterfaceId());
        if (nat.allocationId() != null) {
            tx.find(Address.class, nat.allocationId())
                    .filter(a -> nat.id().equals(a.natGatewayId()))
                    .ifPresent(a -> tx.put(a.disassociated()));
        }
        return tx.put(nat.deleteRequested(tx.now()));
    }

    /** Forgets gateways deleted more than an hour ago, so the store does not grow forever. */
    static void purgeExpired(Tx tx) {
        for (NatGateway nat : List.copyOf(tx.all(NatGateway.class))) {
            if (!isVisible(tx, nat)) tx.remove(NatGateway.class, nat.id());
        }
    }
}
