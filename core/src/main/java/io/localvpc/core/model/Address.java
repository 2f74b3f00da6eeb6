package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;

/**
 * An Elastic IP address; the id is its allocation id ({@code eipalloc-…}). When associated,
 * {@code associationId} ({@code eipassoc-…}), {@code networkInterfaceId} and {@code privateIpAddress}
 * are set; {@code natGatewayId} additionally names the NAT gateway that holds it (a service-managed
 * association that only DeleteNatGateway undoes). The public IP is only a label: nothing ever
 * contacts it.
 */
public record Address(
        String id,
        String ownerId,
        String publicIp,
        String domain,
        String associationId,
        String networkInterfaceId,
        String privateIpAddress,
        String natGatewayId,
        Instant allocatedAt) implements Resource {

    public boolean isAssociated() {
        return associationId != null;
    }

    public Address associated(String association, String eniId, String privateIp, String natGateway) {
        return new Address(id, ownerId, publicIp, domain, association, eniId, privateIp, natGateway, allocatedAt);
    }

    public Address disassociated() {
        return new Address(id, ownerId, publicIp, domain, null, null, null, null, allocatedAt);
    }
}
