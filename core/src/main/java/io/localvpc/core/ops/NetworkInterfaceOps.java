package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network interfaces the user owns (interface type {@code interface}): creation with AWS's address and
 * security-group rules, deletion, attribute changes, and the DNS names AWS derives from addresses.
 */
public final class NetworkInterfaceOps {
    /** AWS's quota of security groups per network interface. */
    public static final int MAX_GROUPS = 5;
    /** Where auto-assigned public IPs come from: only a string here, so any plausible AWS range will do. */
    static final Ipv4Cidr PUBLIC_POOL = Ipv4Cidr.parse("3.80.0.0/12").orElseThrow();

    private NetworkInterfaceOps() {
    }

    public static NetworkInterface require(View view, String id) {
        return Lookup.require(view, NetworkInterface.class, IdKind.NETWORK_INTERFACE, id);
    }

    /** What a new interface should look like; null fields take AWS's defaults. */
    public record Spec(String subnetId, String privateIpAddress, List<String> groupIds, String description, int secondaryPrivateIpCount) {
    }

    /**
     * Creates an unattached interface in a subnet: the requested or first free address (plus any
     * secondary ones), the given security groups or the VPC's default group, and a fresh MAC address.
     */
    public static NetworkInterface create(Tx tx, Spec spec) {
        Subnet subnet = Lookup.require(tx, Subnet.class, IdKind.SUBNET, spec.subnetId());
        List<String> groups = resolveGroups(tx, subnet, spec.groupIds());
        if (spec.secondaryPrivateIpCount() < 0) {
            throw AwsException.invalidParameterValue("Value (" + spec.secondaryPrivateIpCount()
                    + ") for parameter secondaryPrivateIpAddressCount is invalid. It must be zero or more.");
        }
        String primary = SubnetAddresses.allocate(tx, subnet, spec.privateIpAddress());
        List<String> secondary = allocateSecondary(tx, subnet, primary, spec.secondaryPrivateIpCount());
        String owner = tx.scope().account();
        return tx.put(new NetworkInterface(tx.newId("eni"), owner, subnet.vpcId(), subnet.id(), subnet.availabilityZone(),
                spec.description() == null ? "" : spec.description(), "interface", primary, secondary, groups,
                SubnetAddresses.newMacAddress(), true, false, null, null, null, tx.now()));
    }

    /**
     * The security groups for an interface in {@code subnet}: each must exist and belong to the subnet's
     * VPC; none given means the VPC's default group, as AWS does.
     */
    public static List<String> resolveGroups(View view, Subnet subnet, List<String> groupIds) {
        if (groupIds == null || groupIds.isEmpty()) {
            SecurityGroup dflt = VpcOps.defaultSecurityGroup(view, subnet.vpcId()).orElseThrow(() -> new AwsException("InvalidGroup.NotFound",
                    "The VPC " + subnet.vpcId() + " has no default security group; name the security groups to use."));
            return List.of(dflt.id());
        }
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(groupIds));
        if (unique.size() > MAX_GROUPS) {
            throw new AwsException("SecurityGroupsPerInterfaceLimitExceeded", "The maximum number of security groups per interface has been reached ("
                    + MAX_GROUPS + "); " + unique.size() + " were given.");
        }
        for (String id : unique) {
            SecurityGroup g = Lookup.require(view, SecurityGroup.class, IdKind.SECURITY_GROUP, id);
            if (!g.vpcId().equals(subnet.vpcId())) {
                throw AwsException.invalidParameter("Security group " + g.id() + " and subnet " + subnet.id() + " belong to different networks.");
            }
        }
        return unique;
    }

    private static List<String> allocateSecondary(View view, Subnet subnet, String primary, int count) {
        if (count == 0) return List.of();
        Ipv4Cidr cidr = SubnetAddresses.cidrOf(subnet);
        Set<Long> taken = new HashSet<>(SubnetAddresses.used(view, subnet.id()));
        taken.add(Ipv4.parse(primary));
        List<String> out = new ArrayList<>();
        for (long ip = cidr.first() + 4; ip < cidr.last() && out.size() < count; ip++) {
            if (!taken.contains(ip)) out.add(Ipv4.format(ip));
        }
        if (out.size() < count) {
            throw new AwsException("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '" + subnet.id()
                    + "' (" + subnet.cidrBlock() + ") to satisfy the request for " + count + " secondary addresses.");
        }
        return out;
    }

    /**
     * Deletes an interface the user owns. One attached to an instance is in use; one a service manages
     * (a VPC endpoint's or a NAT gateway's) can only go with that service's resource.
     */
    public static void delete(Tx tx, String id) {
        NetworkInterface eni = require(tx, id);
        if (eni.requesterManaged()) {
            throw new AwsException("OperationNotPermitted", "The network interface " + eni.id() + " is managed by " + managerOf(eni)
                    + " and cannot be deleted directly; delete that resource and its interface goes with it.");
        }
        if (eni.attachment() != null) {
            throw new AwsException("InvalidNetworkInterface.InUse", "The network interface '" + eni.id() + "' is currently in use (attached to "
                    + eni.attachment().instanceId() + " as " + eni.attachment().attachmentId() + ").");
        }
        removeReleasingAddresses(tx, eni.id());
    }

    /** Removes an interface and frees any Elastic IP associated with it, as AWS does when an interface goes. */
    public static void removeReleasingAddresses(Tx tx, String eniId) {
        AddressOps.forgetInterface(tx, eniId);
        tx.remove(NetworkInterface.class, eniId);
    }

    /** Names the service that manages a requester-managed interface, with its resource id when the description carries it. */
    static String managerOf(NetworkInterface eni) {
        String service = switch (eni.interfaceType()) {
            case "vpc_endpoint" -> "VPC endpoint";
            case "nat_gateway" -> "NAT gateway";
            case "network_load_balancer" -> "Network Load Balancer";
            case "gateway_load_balancer_endpoint" -> "Gateway Load Balancer endpoint";
            default -> null;
        };
        if (service == null) return "an AWS service" + (eni.requesterId() == null ? "" : " (" + eni.requesterId() + ")");
        for (String word : (eni.description() == null ? "" : eni.description()).split("\\s+")) {
            if (word.startsWith("vpce-") || word.startsWith("nat-") || word.startsWith("net/")) return "the " + service + " " + word;
        }
        return "a " + service;
    }

    public static NetworkInterface modifyGroups(Tx tx, String id, List<String> groupIds) {
        NetworkInterface eni = require(tx, id);
        if (eni.requesterManaged()) {
            throw new AwsException("OperationNotPermitted", "The security groups of " + eni.id() + " are managed by " + managerOf(eni)
                    + "; change them on that resource instead.");
        }
        Subnet subnet = Lookup.require(tx, Subnet.class, IdKind.SUBNET, eni.subnetId());
        return tx.put(eni.withGroupIds(resolveGroups(tx, subnet, groupIds)));
    }

    /** Interfaces attached to an instance (device order). */
    public static List<NetworkInterface> attachedTo(View view, String instanceId) {
        List<NetworkInterface> out = new ArrayList<>();
        for (NetworkInterface eni : view.all(NetworkInterface.class)) {
            if (eni.attachment() != null && instanceId.equals(eni.attachment().instanceId())) out.add(eni);
        }
        out.sort((a, b) -> Integer.compare(a.attachment().deviceIndex(), b.attachment().deviceIndex()));
        return out;
    }

    /** A public IP from the pool, not held by any interface in this account and region. */
    public static String allocatePublicIp(View view) {
        Set<String> held = new HashSet<>();
        for (NetworkInterface eni : view.all(NetworkInterface.class)) if (eni.publicIp() != null) held.add(eni.publicIp());
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            long ip = PUBLIC_POOL.first() + 1 + r.nextLong(PUBLIC_POOL.size() - 2);
            String text = Ipv4.format(ip);
            if (!held.contains(text)) return text;
        }
        throw new AwsException("InsufficientAddressCapacity", "localvpc's pool of public IPv4 addresses is exhausted in this account and region.");
    }

    /** AWS's private DNS name: {@code ip-10-0-1-5.ec2.internal} in us-east-1, {@code ip-….<region>.compute.internal} elsewhere. */
    public static String privateDnsName(String region, String ip) {
        String host = "ip-" + ip.replace('.', '-');
        return region.equals("us-east-1") ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    /** AWS's public DNS name: {@code ec2-3-80-1-2.compute-1.amazonaws.com} in us-east-1, {@code ec2-….<region>.compute.amazonaws.com} elsewhere. */
    public static String publicDnsName(String region, String ip) {
        String host = "ec2-" + ip.replace('.', '-');
        return region.equals("us-east-1") ? host + ".compute-1.amazonaws.com" : host + "." + region + ".compute.amazonaws.com";
    }
}
