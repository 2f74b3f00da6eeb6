package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Describe;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcCidrAssociation;
import io.localvpc.core.ops.DefaultVpc;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.VpcOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

/** CreateVpc, DeleteVpc, DescribeVpcs, the VPC attributes, CIDR associations and CreateDefaultVpc. */
public final class VpcHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("VPCs")
                .write("CreateVpc", this::create)
                .write("DeleteVpc", this::delete)
                .read("DescribeVpcs", this::describe)
                .read("DescribeVpcAttribute", this::describeAttribute)
                .write("ModifyVpcAttribute", this::modifyAttribute)
                .write("AssociateVpcCidrBlock", this::associateCidr)
                .write("DisassociateVpcCidrBlock", this::disassociateCidr)
                .write("CreateDefaultVpc", this::createDefault);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        Vpc vpc = VpcOps.create(tx, in.requireString("CidrBlock"), in.string("InstanceTenancy"), false);
        Tagging.applySpecifications(in, tx, "vpc", vpc.id());
        ObjectNode out = Json.object();
        out.set("Vpc", render(tx, vpc));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        VpcOps.delete(tx, in.requireString("VpcId"));
        return null;
    }

    private ObjectNode createDefault(Ec2Request in, Tx tx) {
        VpcOps.defaultVpc(tx).ifPresent(v -> {
            throw new AwsException("DefaultVpcAlreadyExists", "A Default VPC already exists for this account in this region: " + v.id());
        });
        Vpc vpc = DefaultVpc.create(tx);
        ObjectNode out = Json.object();
        out.set("Vpc", render(tx, vpc));
        return out;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<Vpc> filters = FilterSpec.<Vpc>builder()
                .field("vpc-id", Vpc::id)
                .field("cidr", Vpc::primaryCidr)
                .fields("cidr-block-association.cidr-block", v -> v.associatedCidrs().stream().map(VpcCidrAssociation::cidrBlock).toList())
                .fields("cidr-block-association.association-id", v -> v.associatedCidrs().stream().map(VpcCidrAssociation::associationId).toList())
                .fields("cidr-block-association.state", v -> v.associatedCidrs().stream().map(VpcCidrAssociation::state).toList())
                .field("dhcp-options-id", Vpc::dhcpOptionsId)
                .field("is-default", Vpc::isDefault)
                .field("owner-id", Vpc::ownerId)
                .field("state", v -> "available")
                .field("instance-tenancy", Vpc::instanceTenancy)
                // Names EC2 accepts besides the documented "cidr" (Ansible's ec2_vpc_net uses cidr-block).
                .alias("cidr-block", "cidr")
                .alias("cidrBlock", "cidr")
                .unmodelled("ipv6-cidr-block-association.ipv6-cidr-block", "ipv6-cidr-block-association.ipv6-pool",
                        "ipv6-cidr-block-association.association-id", "ipv6-cidr-block-association.state")
                .build();
        return new Describe<>(Vpc.class, IdKind.VPC, "VpcIds", filters, "Vpcs", v -> render(view, v)).run(in, view);
    }

    private ObjectNode describeAttribute(Ec2Request in, View view) {
        Vpc vpc = VpcOps.require(view, in.requireString("VpcId"));
        String attribute = in.requireString("Attribute");
        ObjectNode out = Json.object().put("VpcId", vpc.id());
        switch (attribute) {
            case "enableDnsSupport" -> out.putObject("EnableDnsSupport").put("Value", vpc.enableDnsSupport());
            case "enableDnsHostnames" -> out.putObject("EnableDnsHostnames").put("Value", vpc.enableDnsHostnames());
            case "enableNetworkAddressUsageMetrics" -> out.putObject("EnableNetworkAddressUsageMetrics").put("Value", false);
            default -> throw AwsException.invalidParameterValue("Value (" + attribute
                    + ") for parameter attribute is invalid. Valid values: enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics");
        }
        return out;
    }

    /** Like AWS, exactly one attribute per call; hostnames cannot be on while DNS support is off. */
    private ObjectNode modifyAttribute(Ec2Request in, Tx tx) {
        Vpc vpc = VpcOps.require(tx, in.requireString("VpcId"));
        boolean support = in.has("EnableDnsSupport");
        boolean hostnames = in.has("EnableDnsHostnames");
        boolean metrics = in.has("EnableNetworkAddressUsageMetrics");
        int given = (support ? 1 : 0) + (hostnames ? 1 : 0) + (metrics ? 1 : 0);
        if (given != 1) {
            throw AwsException.invalidParameterCombination("Specify exactly one of EnableDnsSupport, EnableDnsHostnames, EnableNetworkAddressUsageMetrics per ModifyVpcAttribute call.");
        }
        if (support) {
            boolean value = requireValue(in, "EnableDnsSupport");
            if (!value && vpc.enableDnsHostnames()) {
                throw AwsException.invalidParameterValue("DNS support cannot be disabled while DNS hostnames are enabled on " + vpc.id() + ". Disable EnableDnsHostnames first.");
            }
            tx.put(vpc.withDnsSupport(value));
        } else if (hostnames) {
            boolean value = requireValue(in, "EnableDnsHostnames");
            if (value && !vpc.enableDnsSupport()) {
                throw AwsException.invalidParameterValue("DNS hostnames cannot be enabled on " + vpc.id() + " while DNS support is disabled. Enable EnableDnsSupport first.");
            }
            tx.put(vpc.withDnsHostnames(value));
        }
        // EnableNetworkAddressUsageMetrics: only false gets here (true is refused as unbuilt), and it is always off.
        return null;
    }

    private static boolean requireValue(Ec2Request in, String member) {
        var node = in.node(member).path("Value");
        if (node.isMissingNode()) throw AwsException.missingParameter(member + ".Value");
        return node.asBoolean();
    }

    private ObjectNode associateCidr(Ec2Request in, Tx tx) {
        String vpcId = in.requireString("VpcId");
        if (!in.has("CidrBlock")) throw AwsException.missingParameter(in.wireName("CidrBlock"));
        VpcCidrAssociation assoc = VpcOps.associateCidr(tx, vpcId, in.requireString("CidrBlock"));
        ObjectNode out = Json.object().put("VpcId", vpcId);
        out.set("CidrBlockAssociation", renderCidr(assoc));
        return out;
    }

    private ObjectNode disassociateCidr(Ec2Request in, Tx tx) {
        String associationId = in.requireString("AssociationId");
        String cidr = tx.all(Vpc.class).stream().flatMap(v -> v.cidrs().stream())
                .filter(a -> a.associationId().equals(associationId)).map(VpcCidrAssociation::cidrBlock).findFirst().orElse("");
        Vpc vpc = VpcOps.disassociateCidr(tx, associationId);
        ObjectNode out = Json.object().put("VpcId", vpc.id());
        out.putObject("CidrBlockAssociation").put("AssociationId", associationId).put("CidrBlock", cidr)
                .putObject("CidrBlockState").put("State", "disassociating");
        return out;
    }

    static ObjectNode render(View view, Vpc vpc) {
        ObjectNode o = Json.object()
                .put("VpcId", vpc.id())
                .put("OwnerId", vpc.ownerId())
                .put("State", "available")
                .put("CidrBlock", vpc.primaryCidr())
                .put("DhcpOptionsId", vpc.dhcpOptionsId())
                .put("InstanceTenancy", vpc.instanceTenancy())
                .put("IsDefault", vpc.isDefault());
        ArrayNode cidrs = o.putArray("CidrBlockAssociationSet");
        for (VpcCidrAssociation a : vpc.associatedCidrs()) cidrs.add(renderCidr(a));
        o.putArray("Ipv6CidrBlockAssociationSet");
        o.set("Tags", Tagging.tagSet(view, vpc.id()));
        return o;
    }

    private static ObjectNode renderCidr(VpcCidrAssociation a) {
        ObjectNode c = Json.object().put("AssociationId", a.associationId()).put("CidrBlock", a.cidrBlock());
        c.putObject("CidrBlockState").put("State", a.state());
        return c;
    }
}
