package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Address;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Elastic IP addresses: allocation from a fixed public pool, release, and association with interfaces. */
public final class AddressOps {
    /**
     * The pool public addresses come from. They are labels only (never contacted). Each account/region
     * starts counting at its own 4096-address block so that different accounts rarely show the same IP.
     */
    public static final Ipv4Cidr POOL = Ipv4Cidr.parse("3.208.0.0/12").orElseThrow();
    private static final int BLOCK = 4096;

    private AddressOps() {
    }

    public static Address require(View view, String allocationId) {
        return Lookup.require(view, Address.class, IdKind.ALLOCATION, allocationId);
    }

    public static Optional<Address> byPublicIp(View view, String publicIp) {
        return view.all(Address.class).stream().filter(a -> a.publicIp().equals(publicIp)).findFirst();
    }

    public static Address requireByPublicIp(View view, String publicIp) {
        return byPublicIp(view, publicIp).orElseThrow(() -> new AwsException("InvalidAddress.NotFound", "Address '" + publicIp + "' not found."));
    }

    public static Optional<Address> byAssociation(View view, String associationId) {
        return view.all(Address.class).stream().filter(a -> associationId.equals(a.associationId())).findFirst();
    }

    public static Address allocate(Tx tx, String domain) {
        if (domain != null && !domain.equals("vpc")) {
            throw AwsException.invalidParameterValue("Value (" + domain + ") for parameter domain is invalid. EC2-Classic is retired; use Domain=vpc or omit it.");
        }
        return tx.put(new Address(tx.newId("eipalloc"), tx.scope().account(), nextPublicIp(tx), "vpc", null, null, null, null, tx.now()));
    }

    /** The first free pool address from this scope's starting block on, skipping .0 and .255. */
    static String nextPublicIp(View view) {
        Set<Long> used = new HashSet<>();
        for (Address a : view.all(Address.class)) used.add(Ipv4.parse(a.publicIp()));
        long blocks = POOL.size() / BLOCK;
        long start = Math.floorMod(view.scope().key().hashCode(), blocks) * BLOCK;
        for (long i = 0; i < POOL.size(); i++) {
            long ip = POOL.first() + (start + i) % POOL.size();
            long last = ip & 0xFF;
            if (last == 0 || last == 255 || used.contains(ip)) continue;
            return Ipv4.format(ip);
        }
        throw new AwsException("AddressLimitExceeded", "The maximum number of addresses has been reached.");
    }

    public static void release(Tx tx, String allocationId) {
        Address a = require(tx, allocationId);
        if (a.isAssociated()) {
            throw new AwsException("InvalidIPAddress.InUse", "Address " + a.publicIp() + " (" + a.id() + ") is in use by "
                    + (a.natGatewayId() != null ? "NAT gateway " + a.natGatewayId() + "; delete the NAT gateway first."
                    : a.networkInterfaceId() + "; disassociate it first (DisassociateAddress " + a.associationId() + ")."));
        }
        tx.remove(Address.class, a.id());
    }

    /**
     * Associates an Elastic IP with an interface's private address (its primary one by default). The
     * VPC must have an internet gateway. An address already associated elsewhere, or an interface address
     * that already has one, is refused unless {@code allowReassociation}, which moves it.
     */
    public static String associate(Tx tx, Address eip, NetworkInterface eni, String privateIp, boolean allowReassociation) {
        String ip = privateIp == null ? eni.privateIpAddress() : privateIp;
        if (!eni.privateIps().contains(ip)) {
            throw AwsException.invalidParameterValue("The private IP address " + ip + " is not assigned to network interface " + eni.id()
                    + " (it has " + String.join(", ", eni.privateIps()) + ").");
        }
        if (eni.requesterManaged()) {
            throw AwsException.invalidParameterValue("Network interface " + eni.id() + " is managed by AWS (" + eni.interfaceType()
                    + ") and cannot take an Elastic IP address directly.");
        }
        if (eip.natGatewayId() != null) {
            throw new AwsException("Resource.AlreadyAssociated", "Elastic IP address " + eip.id() + " is held by NAT gateway " + eip.natGatewayId() + ".");
        }
        if (tx.all(InternetGateway.class).stream().noneMatch(g -> eni.vpcId().equals(g.attachedVpcId()))) {
            throw new AwsException("Gateway.NotAttached", "Network " + eni.vpcId() + " is not attached to any internet gateway. "
                    + "Attach one (AttachInternetGateway) before associating an Elastic IP address.");
        }
        Optional<Address> holder = tx.all(Address.class).stream()
                .filter(a -> eni.id().equals(a.networkInterfaceId()) && ip.equals(a.privateIpAddress()) && !a.id().equals(eip.id()))
                .findFirst();
        if (!allowReassociation) {
            if (eip.isAssociated()) {
                throw new AwsException("Resource.AlreadyAssociated", "resource " + eip.id() + " is already associated with associate-id "
                        + eip.associationId() + ". Set AllowReassociation to move it.");
            }
            if (holder.isPresent()) {
                throw new AwsException("Resource.AlreadyAssociated", "The address " + ip + " of " + eni.id() + " already has Elastic IP "
                        + holder.get().publicIp() + ". Set AllowReassociation to replace it.");
            }
        }
        if (eip.isAssociated()) detach(tx, eip);
        holder.ifPresent(h -> detach(tx, h));
        String associationId = tx.newId("eipassoc");
        tx.put(eip.associated(associationId, eni.id(), ip, null));
        NetworkInterface current = tx.find(NetworkInterface.class, eni.id()).orElseThrow();
        // The interface record has one public IP: the one mapped to its primary private address.
        if (ip.equals(current.privateIpAddress())) tx.put(current.withPublicIp(eip.publicIp()));
        return associationId;
    }

    public static void disassociate(Tx tx, Address eip) {
        if (eip.natGatewayId() != null) {
            throw new AwsException("InvalidIPAddress.InUse", "Elastic IP address " + eip.publicIp() + " is used by NAT gateway "
                    + eip.natGatewayId() + " and is released only when that gateway is deleted.");
        }
        detach(tx, eip);
    }

    /** Removes an association and the interface's public IP that came from it. */
    private static void detach(Tx tx, Address eip) {
        if (eip.networkInterfaceId() != null) {
            tx.find(NetworkInterface.class, eip.networkInterfaceId())
                    .filter(n -> eip.publicIp().equals(n.publicIp()))
                    .ifPresent(n -> tx.put(n.withPublicIp(null)));
        }
        tx.put(eip.disassociated());
    }

    /** For interface deletion: AWS disassociates any Elastic IP the interface held. */
    public static void forgetInterface(Tx tx, String networkInterfaceId) {
        for (Address a : java.util.List.copyOf(tx.all(Address.class))) {
            if (networkInterfaceId.equals(a.networkInterfaceId())) tx.put(a.disassociated());
        }
    }

    /** The instance an address reaches through its interface's attachment, or null. */
    public static String instanceIdOf(View view, Address a) {
        if (a.networkInterfaceId() == null) return null;
        return view.find(NetworkInterface.class, a.networkInterfaceId())
                .map(NetworkInterface::attachment).map(NetworkInterface.Attachment::instanceId).orElse(null);
    }

    /** The primary interface (device index 0) of an instance, as AWS resolves an InstanceId target. */
    public static Optional<NetworkInterface> primaryInterfaceOf(View view, String instanceId) {
        return view.all(NetworkInterface.class).stream()
                .filter(n -> n.attachment() != null && instanceId.equals(n.attachment().instanceId()) && n.attachment().deviceIndex() == 0)
                .findFirst();
    }
}
