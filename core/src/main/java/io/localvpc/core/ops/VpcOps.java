package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.RouteTableAssociation;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcCidrAssociation;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** VPC lifecycle: creation with the companions AWS gives every VPC, CIDR associations, attributes, deletion. */
public final class VpcOps {
    private VpcOps() {
    }

    public static Vpc require(View view, String vpcId) {
        return Lookup.require(view, Vpc.class, IdKind.VPC, vpcId);
    }

    /** Parses a VPC CIDR as AWS does: any valid IPv4 CIDR text, canonicalised, with a /16–/28 size. */
    public static Ipv4Cidr parseVpcCidr(String text) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(text).orElseThrow(() -> AwsException.invalidParameterValue(
                "Value (" + text + ") for parameter cidrBlock is invalid. This is not a valid CIDR block."));
        if (cidr.prefixLength() < 16 || cidr.prefixLength() > 28) {
            throw new AwsException("InvalidVpc.Range", "The CIDR '" + text + "' is invalid. A VPC CIDR block must be between /16 and /28.");
        }
        return cidr;
    }

    /**
     * Creates a VPC and, as AWS does, its main route table (with the local route), its default security
     * group and its default network ACL.
     */
    public static Vpc create(Tx tx, String cidrBlock, String instanceTenancy, boolean isDefault) {
        Ipv4Cidr cidr = parseVpcCidr(cidrBlock);
        String tenancy = instanceTenancy == null ? "default" : instanceTenancy;
        if (!tenancy.equals("default") && !tenancy.equals("dedicated")) {
            throw AwsException.invalidParameterValue("Value (" + tenancy + ") for parameter instanceTenancy is invalid. Valid values: default, dedicated");
        }
        String owner = tx.scope().account();
        Vpc vpc = tx.put(new Vpc(tx.newId("vpc"), owner,
                List.of(new VpcCidrAssociation(tx.newId("vpc-cidr-assoc"), cidr.toString(), VpcCidrAssociation.ASSOCIATED)),
                tenancy, isDefault, true, isDefault, "default", tx.now()));

        tx.put(new RouteTable(tx.newId("rtb"), owner, vpc.id(), List.of(Route.local(cidr.toString())),
                List.of(new RouteTableAssociation(tx.newId("rtbassoc"), null, true))));

        String sgId = tx.newId("sg");
        tx.put(new SecurityGroup(sgId, owner, vpc.id(), "default", "default VPC security group", List.of(
                new SecurityGroupRule(tx.newId("sgr"), false, "-1", -1, -1, null, null, null, sgId, null),
                new SecurityGroupRule(tx.newId("sgr"), true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null))));

        tx.put(new NetworkAcl(tx.newId("acl"), owner, vpc.id(), true, defaultAclEntries(), List.of()));
        return vpc;
    }

    /** Rule 100 allows everything and the {@code *} rule denies the rest, in both directions. */
    public static List<NetworkAclEntry> defaultAclEntries() {
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (boolean egress : new boolean[]{false, true}) {
            entries.add(new NetworkAclEntry(100, egress, "-1", "allow", "0.0.0.0/0", null, null, null, null, null));
            entries.add(new NetworkAclEntry(NetworkAclEntry.CATCH_ALL_RULE, egress, "-1", "deny", "0.0.0.0/0", null, null, null, null, null));
        }
        return entries;
    }

    public static Optional<RouteTable> mainRouteTable(View view, String vpcId) {
        return view.all(RouteTable.class).stream().filter(t -> t.vpcId().equals(vpcId) && t.isMain()).findFirst();
    }

    public static Optional<SecurityGroup> defaultSecurityGroup(View view, String vpcId) {
        return view.all(SecurityGroup.class).stream().filter(g -> g.vpcId().equals(vpcId) && g.isDefault()).findFirst();
    }

    public static Optional<NetworkAcl> defaultNetworkAcl(View view, String vpcId) {
        return view.all(NetworkAcl.class).stream().filter(a -> a.vpcId().equals(vpcId) && a.isDefault()).findFirst();
    }

    public static Optional<Vpc> defaultVpc(View view) {
        return view.all(Vpc.class).stream().filter(Vpc::isDefault).findFirst();
    }

    /**
     * Deletes a VPC once nothing but its own default companions is left in it, as AWS requires;
     * anything else in it is a DependencyViolation naming what to delete first.
     */
    public static void delete(Tx tx, String vpcId) {
        Vpc vpc = require(tx, vpcId);
        List<String> blockers = new ArrayList<>();
        tx.all(Subnet.class).stream().filter(s -> s.vpcId().equals(vpcId)).forEach(s -> blockers.add(s.id()));
        tx.all(InternetGateway.class).stream().filter(g -> vpcId.equals(g.attachedVpcId())).forEach(g -> blockers.add(g.id()));
        tx.all(RouteTable.class).stream().filter(t -> t.vpcId().equals(vpcId) && !t.isMain()).forEach(t -> blockers.add(t.id()));
        tx.all(SecurityGroup.class).stream().filter(g -> g.vpcId().equals(vpcId) && !g.isDefault()).forEach(g -> blockers.add(g.id()));
        tx.all(NetworkAcl.class).stream().filter(a -> a.vpcId().equals(vpcId) && !a.isDefault()).forEach(a -> blockers.add(a.id()));
        blockers.addAll(VpcEndpointOps.endpointsUsing(tx, vpcId));
        // a target group names its VPC for life (ELBv2 has no way to move one)
        tx.all(io.localvpc.core.model.TargetGroup.class).stream().filter(g -> g.vpcId().equals(vpcId)).forEach(g -> blockers.add(g.id()));
        if (!blockers.isEmpty()) {
            throw AwsException.dependencyViolation("The vpc '" + vpcId + "' has dependencies and cannot be deleted. Delete these first: "
                    + String.join(", ", blockers.subList(0, Math.min(10, blockers.size())))
                    + (blockers.size() > 10 ? " and " + (blockers.size() - 10) + " more" : ""));
        }
        mainRouteTable(tx, vpcId).ifPresent(t -> tx.remove(RouteTable.class, t.id()));
        defaultSecurityGroup(tx, vpcId).ifPresent(g -> tx.remove(SecurityGroup.class, g.id()));
        defaultNetworkAcl(tx, vpcId).ifPresent(a -> tx.remove(NetworkAcl.class, a.id()));
        tx.remove(Vpc.class, vpc.id());
    }

    /** Associates an extra IPv4 CIDR: same size rules, no overlap with the VPC's other blocks, at most 5 in all. */
    public static VpcCidrAssociation associateCidr(Tx tx, String vpcId, String cidrBlock) {
        Vpc vpc = require(tx, vpcId);
        Ipv4Cidr cidr = parseVpcCidr(cidrBlock);
        List<VpcCidrAssociation> current = vpc.associatedCidrs();
        for (VpcCidrAssociation a : current) {
            if (Ipv4Cidr.parse(a.cidrBlock()).orElseThrow().overlaps(cidr)) {
                throw new AwsException("InvalidVpc.Range", "The CIDR '" + cidr + "' overlaps with the VPC's CIDR '" + a.cidrBlock() + "'.");
            }
        }
        if (current.size() >= 5) {
            throw new AwsException("CidrLimitExceeded", "This network '" + vpcId + "' has met its maximum number of allowed CIDRs: 5");
        }
        VpcCidrAssociation assoc = new VpcCidrAssociation(tx.newId("vpc-cidr-assoc"), cidr.toString(), VpcCidrAssociation.ASSOCIATED);
        List<VpcCidrAssociation> next = new ArrayList<>(vpc.cidrs());
        next.add(assoc);
        tx.put(vpc.withCidrs(next));
        // Every route table of the VPC gets the local route for the new block.
        for (RouteTable t : tx.all(RouteTable.class)) {
            if (t.vpcId().equals(vpcId)) {
                List<Route> routes = new ArrayList<>(t.routes());
                routes.add(Route.local(cidr.toString()));
                tx.put(t.withRoutes(routes));
            }
        }
        return assoc;
    }

    /** Removes a secondary CIDR; the primary one cannot go, nor one that subnets still use. */
    public static Vpc disassociateCidr(Tx tx, String associationId) {
        Vpc vpc = tx.all(Vpc.class).stream()
                .filter(v -> v.associatedCidrs().stream().anyMatch(a -> a.associationId().equals(associationId)))
                .findFirst()
                .orElseThrow(() -> new AwsException("InvalidVpcCidrBlockAssociationID.NotFound",
                        "The vpc CIDR block association ID '" + associationId + "' does not exist"));
        VpcCidrAssociation target = vpc.cidrs().stream().filter(a -> a.associationId().equals(associationId)).findFirst().orElseThrow();
        if (vpc.cidrs().get(0).associationId().equals(associationId)) {
            throw new AwsException("OperationNotPermitted", "The vpc CIDR block with association ID " + associationId
                    + " may not be disassociated. It is the primary IPv4 CIDR block of the VPC");
        }
        Ipv4Cidr cidr = Ipv4Cidr.parse(target.cidrBlock()).orElseThrow();
        List<String> inUse = tx.all(Subnet.class).stream()
                .filter(s -> s.vpcId().equals(vpc.id()) && cidr.contains(Ipv4Cidr.parse(s.cidrBlock()).orElseThrow()))
                .map(Subnet::id).toList();
        if (!inUse.isEmpty()) {
            throw AwsException.dependencyViolation("The vpc CIDR block " + target.cidrBlock() + " is in use by subnets " + String.join(", ", inUse));
        }
        List<VpcCidrAssociation> next = vpc.cidrs().stream().filter(a -> !a.associationId().equals(associationId)).toList();
        Vpc updated = tx.put(vpc.withCidrs(next));
        for (RouteTable t : tx.all(RouteTable.class)) {
            if (t.vpcId().equals(vpc.id())) {
                tx.put(t.withRoutes(t.routes().stream().filter(r -> !(r.isLocal() && target.cidrBlock().equals(r.destinationCidrBlock()))).toList()));
            }
        }
        return updated;
    }
}
