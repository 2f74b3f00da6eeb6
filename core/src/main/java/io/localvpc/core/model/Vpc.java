package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;

/**
 * A VPC. Its main route table, default security group and default network ACL are separate resources
 * that point back at it ({@link RouteTable#isMain()}, {@link SecurityGroup#isDefault()}, {@link NetworkAcl#isDefault()}).
 */
public record Vpc(
        String id,
        String ownerId,
        List<VpcCidrAssociation> cidrs,
        String instanceTenancy,
        boolean isDefault,
        boolean enableDnsSupport,
        boolean enableDnsHostnames,
        String dhcpOptionsId,
        Instant createdAt) implements Resource {

    public Vpc {
        cidrs = List.copyOf(cidrs);
    }

    /** The first CIDR: the one given at creation, shown as the VPC's {@code cidrBlock}. */
    public String primaryCidr() {
        return cidrs.get(0).cidrBlock();
    }

    public List<VpcCidrAssociation> associatedCidrs() {
        return cidrs.stream().filter(c -> c.state().equals(VpcCidrAssociation.ASSOCIATED)).toList();
    }

    public Vpc withCidrs(List<VpcCidrAssociation> next) {
        return new Vpc(id, ownerId, next, instanceTenancy, isDefault, enableDnsSupport, enableDnsHostnames, dhcpOptionsId, createdAt);
    }

    public Vpc withDnsSupport(boolean value) {
        return new Vpc(id, ownerId, cidrs, instanceTenancy, isDefault, value, enableDnsHostnames, dhcpOptionsId, createdAt);
    }

    public Vpc withDnsHostnames(boolean value) {
        return new Vpc(id, ownerId, cidrs, instanceTenancy, isDefault, enableDnsSupport, value, dhcpOptionsId, createdAt);
    }
}
