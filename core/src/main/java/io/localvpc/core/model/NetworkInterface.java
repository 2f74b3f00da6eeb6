package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;

/**
 * An elastic network interface: the network identity of an instance, a NAT gateway or an interface VPC
 * endpoint in one subnet. {@code interfaceType} is AWS's: {@code interface}, {@code vpc_endpoint},
 * {@code nat_gateway}. Requester-managed interfaces (endpoints, NAT) cannot be deleted directly.
 */
public record NetworkInterface(
        String id,
        String ownerId,
        String vpcId,
        String subnetId,
        String availabilityZone,
        String description,
        String interfaceType,
        String privateIpAddress,
        List<String> secondaryPrivateIpAddresses,
        List<String> groupIds,
        String macAddress,
        boolean sourceDestCheck,
        boolean requesterManaged,
        String requesterId,
        Attachment attachment,
        String publicIp,
        Instant createdAt) implements Resource {

    public NetworkInterface {
        secondaryPrivateIpAddresses = List.copyOf(secondaryPrivateIpAddresses);
        groupIds = List.copyOf(groupIds);
    }

    /** The attachment to an instance ({@code eni-attach-…}). */
    public record Attachment(String attachmentId, String instanceId, int deviceIndex, boolean deleteOnTermination) {
    }

    /** AWS's status: in-use when attached or managed by a service, otherwise available. */
    public String status() {
        return attachment != null || requesterManaged ? "in-use" : "available";
    }

    /** Every private address this interface holds. */
    public List<String> privateIps() {
        if (secondaryPrivateIpAddresses.isEmpty()) return List.of(privateIpAddress);
        List<String> all = new java.util.ArrayList<>(secondaryPrivateIpAddresses.size() + 1);
        all.add(privateIpAddress);
        all.addAll(secondaryPrivateIpAddresses);
        return all;
    }

    public NetworkInterface withGroupIds(List<String> groups) {
        return new NetworkInterface(id, ownerId, vpcId, subnetId, availabilityZone, description, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, groups, macAddress, sourceDestCheck, requesterManaged, requesterId, attachment, publicIp, createdAt);
    }

    public NetworkInterface withAttachment(Attachment a) {
        return new NetworkInterface(id, ownerId, vpcId, subnetId, availabilityZone, description, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, groupIds, macAddress, sourceDestCheck, requesterManaged, requesterId, a, publicIp, createdAt);
    }

    public NetworkInterface withPublicIp(String ip) {
        return new NetworkInterface(id, ownerId, vpcId, subnetId, availabilityZone, description, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, groupIds, macAddress, sourceDestCheck, requesterManaged, requesterId, attachment, ip, createdAt);
    }

    public NetworkInterface withDescription(String d) {
        return new NetworkInterface(id, ownerId, vpcId, subnetId, availabilityZone, d, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, groupIds, macAddress, sourceDestCheck, requesterManaged, requesterId, attachment, publicIp, createdAt);
    }

    public NetworkInterface withSourceDestCheck(boolean v) {
        return new NetworkInterface(id, ownerId, vpcId, subnetId, availabilityZone, description, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, groupIds, macAddress, v, requesterManaged, requesterId, attachment, publicIp, createdAt);
    }
}
