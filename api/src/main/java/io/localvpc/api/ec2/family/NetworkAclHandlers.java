package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclAssociation;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.NetworkAclEntries;
import io.localvpc.core.ops.NetworkAclOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * CreateNetworkAcl, DeleteNetworkAcl, DescribeNetworkAcls, Create/Replace/DeleteNetworkAclEntry and
 * ReplaceNetworkAclAssociation.
 */
public final class NetworkAclHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("Network ACLs")
                .write("CreateNetworkAcl", this::create)
                .write("DeleteNetworkAcl", this::delete)
                .read("DescribeNetworkAcls", this::describe)
                .write("CreateNetworkAclEntry", this::createEntry)
                .write("ReplaceNetworkAclEntry", this::replaceEntry)
                .write("DeleteNetworkAclEntry", this::deleteEntry)
                .write("ReplaceNetworkAclAssociation", this::replaceAssociation);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        NetworkAcl acl = NetworkAclOps.create(tx, in.requireString("VpcId"));
        Tagging.applySpecifications(in, tx, "network-acl", acl.id());
        ObjectNode out = Json.object();
        out.set("NetworkAcl", render(tx, acl));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        NetworkAclOps.delete(tx, in.requireString("NetworkAclId"));
        return null;
    }

    private ObjectNode createEntry(Ec2Request in, Tx tx) {
        String aclId = in.requireString("NetworkAclId");
        NetworkAclOps.require(tx, aclId);
        NetworkAclOps.createEntry(tx, aclId, entry(in));
        return null;
    }

    private ObjectNode replaceEntry(Ec2Request in, Tx tx) {
        String aclId = in.requireString("NetworkAclId");
        NetworkAclOps.require(tx, aclId);
        NetworkAclOps.replaceEntry(tx, aclId, entry(in));
        return null;
    }

    private ObjectNode deleteEntry(Ec2Request in, Tx tx) {
        String aclId = in.requireString("NetworkAclId");
        NetworkAclOps.deleteEntry(tx, aclId, requireInt(in, "RuleNumber"), requireBool(in, "Egress"));
        return null;
    }

    private ObjectNode replaceAssociation(Ec2Request in, Tx tx) {
        String newId = NetworkAclOps.replaceAssociation(tx, in.requireString("AssociationId"), in.requireString("NetworkAclId"));
        return Json.object().put("NewAssociationId", newId);
    }

    /** The entry a Create/ReplaceNetworkAclEntry request describes, validated as AWS validates it. */
    private static NetworkAclEntry entry(Ec2Request in) {
        JsonNode ports = in.node("PortRange");
        JsonNode icmp = in.node("IcmpTypeCode");
        return NetworkAclEntries.build(
                requireInt(in, "RuleNumber"),
                requireBool(in, "Egress"),
                in.requireString("Protocol"),
                in.requireString("RuleAction"),
                in.string("CidrBlock"),
                in.string("Ipv6CidrBlock"),
                ports.isMissingNode() ? null : new NetworkAclEntries.Ports(optInt(ports, "From"), optInt(ports, "To")),
                icmp.isMissingNode() ? null : new NetworkAclEntries.Icmp(optInt(icmp, "Type"), optInt(icmp, "Code")));
    }

    private static int requireInt(Ec2Request in, String member) {
        return in.integer(member).orElseThrow(() -> AwsException.missingParameter(in.wireName(member)));
    }

    private static boolean requireBool(Ec2Request in, String member) {
        return in.bool(member).orElseThrow(() -> AwsException.missingParameter(in.wireName(member)));
    }

    private static Integer optInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<NetworkAcl> filters = FilterSpec.<NetworkAcl>builder()
                .field("network-acl-id", NetworkAcl::id)
                .field("vpc-id", NetworkAcl::vpcId)
                .field("default", NetworkAcl::isDefault)
                .field("owner-id", NetworkAcl::ownerId)
                .fields("association.association-id", a -> a.associations().stream().map(NetworkAclAssociation::associationId).toList())
                .fields("association.network-acl-id", a -> a.associations().isEmpty() ? List.of() : List.of(a.id()))
                .fields("association.subnet-id", a -> a.associations().stream().map(NetworkAclAssociation::subnetId).toList())
                .fields("entry.cidr", entries(NetworkAclEntry::cidrBlock))
                .fields("entry.ipv6-cidr", entries(NetworkAclEntry::ipv6CidrBlock))
                .fields("entry.egress", entries(NetworkAclEntry::egress))
                .fields("entry.protocol", entries(NetworkAclEntry::protocol))
                .fields("entry.rule-action", entries(NetworkAclEntry::ruleAction))
                .fields("entry.rule-number", entries(NetworkAclEntry::ruleNumber))
                .fields("entry.port-range.from", entries(NetworkAclEntry::portFrom))
                .fields("entry.port-range.to", entries(NetworkAclEntry::portTo))
                .fields("entry.icmp.type", entries(NetworkAclEntry::icmpType))
                .fields("entry.icmp.code", entries(NetworkAclEntry::icmpCode))
                .build();
        return new Describe<>(NetworkAcl.class, IdKind.NETWORK_ACL, "NetworkAclIds", filters, "NetworkAcls", a -> render(view, a)).run(in, view);
    }

    /** A filter over one field of every entry: the ACL matches when any entry's value does. */
    private static Function<NetworkAcl, Collection<String>> entries(Function<NetworkAclEntry, ?> field) {
        return acl -> acl.entries().stream().map(field).filter(Objects::nonNull).map(String::valueOf).toList();
    }

    static ObjectNode render(View view, NetworkAcl acl) {
        ObjectNode o = Json.object()
                .put("NetworkAclId", acl.id())
                .put("VpcId", acl.vpcId())
                .put("OwnerId", acl.ownerId())
                .put("IsDefault", acl.isDefault());
        ArrayNode entries = o.putArray("Entries");
        for (NetworkAclEntry e : acl.entries()) entries.add(renderEntry(e));
        ArrayNode associations = o.putArray("Associations");
        for (NetworkAclAssociation a : acl.associations()) {
            associations.addObject().put("NetworkAclAssociationId", a.associationId()).put("NetworkAclId", acl.id()).put("SubnetId", a.subnetId());
        }
        o.set("Tags", Tagging.tagSet(view, acl.id()));
        return o;
    }

    private static ObjectNode renderEntry(NetworkAclEntry e) {
        ObjectNode o = Json.object()
                .put("RuleNumber", e.ruleNumber())
                .put("Protocol", e.protocol())
                .put("RuleAction", e.ruleAction())
                .put("Egress", e.egress());
        if (e.cidrBlock() != null) o.put("CidrBlock", e.cidrBlock());
        if (e.ipv6CidrBlock() != null) o.put("Ipv6CidrBlock", e.ipv6CidrBlock());
        if (e.portFrom() != null) o.putObject("PortRange").put("From", e.portFrom()).put("To", e.portTo());
        if (e.icmpType() != null) o.putObject("IcmpTypeCode").put("Type", e.icmpType()).put("Code", e.icmpCode());
        return o;
    }
}
