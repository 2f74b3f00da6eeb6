package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.View;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Private address allocation in a subnet, with AWS's reservations: the network address, the next three
 * (router, DNS, future use) and the broadcast address are never handed out.
 */
public final class SubnetAddresses {
    public static final int RESERVED = 5;

    private SubnetAddresses() {
    }

    public static Ipv4Cidr cidrOf(Subnet subnet) {
        return java.util.Objects.requireNonNull(Ipv4Cidr.parseOrNull(subnet.cidrBlock()), subnet.cidrBlock());
    }

    /** Addresses held by network interfaces in the subnet. */
    public static Set<Long> used(View view, String subnetId) {
        Set<Long> used = new HashSet<>();
        for (NetworkInterface eni : view.all(NetworkInterface.class)) {
            if (eni.subnetId().equals(subnetId)) {
                for (String ip : eni.privateIps()) used.add(Ipv4.parse(ip));
            }
        }
        return used;
    }

    /** For every subnet, how many addresses interfaces hold (one pass, for Describe over many subnets). */
    public static Map<String, Integer> usedCounts(View view) {
        Map<String, Integer> counts = new HashMap<>();
        for (NetworkInterface eni : view.all(NetworkInterface.class)) {
            counts.merge(eni.subnetId(), eni.privateIps().size(), Integer::sum);
        }
        return counts;
    }

    public static int availableCount(Subnet subnet, int used) {
        return (int) (cidrOf(subnet).size() - RESERVED - used);
    }

    public static boolean isReserved(Ipv4Cidr cidr, long address) {
        return address < cidr.first() + 4 || address == cidr.last();
    }

    /**
     * An address for a new interface: the one asked for (checked), or the first free one.
     * Errors are AWS's: outside the subnet, reserved, in use, or the subnet is full.
     */
    public static String allocate(View view, Subnet subnet, String requested) {
        Ipv4Cidr cidr = cidrOf(subnet);
        Set<Long> used = used(view, subnet.id());
        if (requested != null) {
            long ip = Ipv4.parse(requested);
            if (ip < 0) throw AwsException.invalidParameterValue("Invalid private IP address: " + requested);
            if (!cidr.contains(ip)) {
                throw AwsException.invalidParameterValue("Address " + requested + " does not fall within the subnet's address range (" + subnet.cidrBlock() + ")");
            }
            if (isReserved(cidr, ip)) {
                throw AwsException.invalidParameterValue("Address " + requested + " is reserved by AWS in subnet " + subnet.id()
                        + " (the first four addresses and the last one of every subnet are)");
            }
            if (used.contains(ip)) throw new AwsException("InvalidIPAddress.InUse", "Address " + requested + " is in use.");
            return requested;
        }
        for (long ip = cidr.first() + 4; ip < cidr.last(); ip++) {
            if (!used.contains(ip)) return Ipv4.format(ip);
        }
        throw new AwsException("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '" + subnet.id()
                + "' (" + subnet.cidrBlock() + ") to satisfy the request.");
    }

    /** A locally administered unicast MAC address, as AWS gives interfaces. */
    public static String newMacAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder("02");
        for (int i = 0; i < 5; i++) sb.append(':').append(String.format("%02x", r.nextInt(256)));
        return sb.toString();
    }
}
