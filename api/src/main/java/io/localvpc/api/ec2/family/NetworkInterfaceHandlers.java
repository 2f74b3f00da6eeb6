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
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.NetworkInterfaceOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Instant;
import java.util.List;

/** CreateNetworkInterface, DeleteNetworkInterface, DescribeNetworkInterfaces and ModifyNetworkInterfaceAttribute. */
public final class NetworkInterfaceHandlers implements Ec2Family {
    /** Public IPs localvpc hands out are Amazon's, not the account's (Elastic IPs would be the account's). */
    static final String AMAZON_IP_OWNER = "amazon";

    @Override
    public void register(OperationRegistry r) {
        r.family("Network interfaces")
                .write("CreateNetworkInterface", this::create)
                .write("DeleteNetworkInterface", this::delete)
                .read("DescribeNetworkInterfaces", this::describe)
                .write("ModifyNetworkInterfaceAttribute", this::modifyAttribute);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        NetworkInterface eni = NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(in.requireString("SubnetId"), in.string("PrivateIpAddress"),
                in.strings("Groups"), in.string("Description"), in.integer("SecondaryPrivateIpAddressCount").orElse(0)));
        Tagging.applySpecifications(in, tx, "network-interface", eni.id());
        ObjectNode out = Json.object();
        out.set("NetworkInterface", render(tx, eni));
        if (in.has("ClientToken")) out.put("ClientToken", in.string("ClientToken"));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        NetworkInterfaceOps.delete(tx, in.requireString("NetworkInterfaceId"));
        return null;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<NetworkInterface> filters = FilterSpec.<NetworkInterface>builder()
                .field("network-interface-id", NetworkInterface::id)
                .field("subnet-id", NetworkInterface::subnetId)
                .field("vpc-id", NetworkInterface::vpcId)
                .field("availability-zone", NetworkInterface::availabilityZone)
                .field("private-ip-address", NetworkInterface::privateIpAddress)
                .fields("addresses.private-ip-address", NetworkInterface::privateIps)
                .field("private-dns-name", e -> NetworkInterfaceOps.privateDnsName(view.scope().region(), e.privateIpAddress()))
                .field("status", NetworkInterface::status)
                .field("interface-type", NetworkInterface::interfaceType)
                .field("requester-managed", NetworkInterface::requesterManaged)
                .field("requester-id", NetworkInterface::requesterId)
                .field("attachment.instance-id", e -> e.attachment() == null ? null : e.attachment().instanceId())
                .field("attachment.attachment-id", e -> e.attachment() == null ? null : e.attachment().attachmentId())
                .field("attachment.device-index", e -> e.attachment() == null ? null : e.attachment().deviceIndex())
                .field("attachment.delete-on-termination", e -> e.attachment() == null ? null : e.attachment().deleteOnTermination())
                .field("attachment.status", e -> e.attachment() == null ? null : "attached")
                .field("attachment.instance-owner-id", e -> e.attachment() == null ? null : e.ownerId())
                .fields("group-id", NetworkInterface::groupIds)
                .fields("group-name", e -> e.groupIds().stream().map(g -> view.find(SecurityGroup.class, g).map(SecurityGroup::groupName).orElse(null)).toList())
                .field("description", NetworkInterface::description)
                .field("owner-id", NetworkInterface::ownerId)
                .field("mac-address", NetworkInterface::macAddress)
                .field("source-dest-check", NetworkInterface::sourceDestCheck)
                .field("association.public-ip", NetworkInterface::publicIp)
                .field("association.ip-owner-id", e -> e.publicIp() == null ? null : AMAZON_IP_OWNER)
                .fields("addresses.association.public-ip", e -> e.publicIp() == null ? List.of() : List.of(e.publicIp()))
                .fields("addresses.association.owner-id", e -> e.publicIp() == null ? List.of() : List.of(AMAZON_IP_OWNER))
                .field("association.public-dns-name", e -> e.publicIp() == null ? null : publicDnsName(view, e.vpcId(), e.publicIp()))
                .field("attachment.attach-time", e -> e.attachment() == null ? null : Json.timestamp(attachTime(view, e)))
                .fields("addresses.primary", NetworkInterfaceHandlers::primaryFlags)
                .unmodelled("association.allocation-id", "association.association-id", "ipv6-addresses.ipv6-address")
                .build();
        return new Describe<>(NetworkInterface.class, IdKind.NETWORK_INTERFACE, "NetworkInterfaceIds", filters, "NetworkInterfaces",
                e -> render(view, e)).run(in, view);
    }

    /** One "true" for the primary address, one "false" per secondary address (the addresses.primary filter). */
    private static List<String> primaryFlags(NetworkInterface e) {
        List<String> flags = new java.util.ArrayList<>(e.secondaryPrivateIpAddresses().size() + 1);
        flags.add("true");
        for (int i = 0; i < e.secondaryPrivateIpAddresses().size(); i++) flags.add("false");
        return flags;
    }

    /** Like AWS, one attribute per call: Groups, Description, SourceDestCheck or Attachment (DeleteOnTermination). */
    private ObjectNode modifyAttribute(Ec2Request in, Tx tx) {
        NetworkInterface eni = NetworkInterfaceOps.require(tx, in.requireString("NetworkInterfaceId"));
        List<String> given = List.of("Groups", "Description", "SourceDestCheck", "Attachment").stream().filter(in::has).toList();
        if (given.size() != 1) {
            throw AwsException.invalidParameterCombination("Specify exactly one of SecurityGroupId.N, Description.Value, SourceDestCheck.Value or "
                    + "Attachment per ModifyNetworkInterfaceAttribute call" + (given.isEmpty() ? "; none was given." : "; got " + String.join(", ", given) + "."));
        }
        switch (given.get(0)) {
            case "Groups" -> NetworkInterfaceOps.modifyGroups(tx, eni.id(), in.strings("Groups"));
            case "Description" -> tx.put(eni.withDescription(requireValue(in, "Description").asText()));
            case "SourceDestCheck" -> tx.put(eni.withSourceDestCheck(requireValue(in, "SourceDestCheck").asBoolean()));
            default -> {
                JsonNode a = in.node("Attachment");
                String attachmentId = a.path("AttachmentId").asText(null);
                if (attachmentId == null) throw AwsException.missingParameter("Attachment.AttachmentId");
                if (eni.attachment() == null || !eni.attachment().attachmentId().equals(attachmentId)) {
                    throw new AwsException("InvalidAttachmentID.NotFound", "The attachment ID '" + attachmentId + "' does not exist on " + eni.id() + ".");
                }
                if (!a.has("DeleteOnTermination")) throw AwsException.missingParameter("Attachment.DeleteOnTermination");
                NetworkInterface.Attachment at = eni.attachment();
                tx.put(eni.withAttachment(new NetworkInterface.Attachment(at.attachmentId(), at.instanceId(), at.deviceIndex(),
                        a.path("DeleteOnTermination").asBoolean())));
            }
        }
        return null;
    }

    private static JsonNode requireValue(Ec2Request in, String member) {
        JsonNode v = in.node(member).path("Value");
        if (v.isMissingNode()) throw AwsException.missingParameter(in.wireName(member) + ".Value");
        return v;
    }

    /** The NetworkInterface shape: every member that applies to an IPv4 interface. */
    static ObjectNode render(View view, NetworkInterface eni) {
        ObjectNode o = Json.object();
        if (eni.publicIp() != null) o.set("Association", association(view, eni));
        if (eni.attachment() != null) {
            NetworkInterface.Attachment a = eni.attachment();
            o.putObject("Attachment")
                    .put("AttachTime", Json.timestamp(attachTime(view, eni)))
                    .put("AttachmentId", a.attachmentId())
                    .put("DeleteOnTermination", a.deleteOnTermination())
                    .put("DeviceIndex", a.deviceIndex())
                    .put("NetworkCardIndex", 0)
                    .put("InstanceId", a.instanceId())
                    .put("InstanceOwnerId", eni.ownerId())
                    .put("Status", "attached");
        }
        o.put("AvailabilityZone", eni.availabilityZone())
                .put("Description", eni.description() == null ? "" : eni.description());
        o.set("Groups", groups(view, eni.groupIds()));
        o.put("InterfaceType", eni.interfaceType());
        o.putArray("Ipv6Addresses");
        putAddresses(o, view, eni);
        o.putArray("Ipv4Prefixes");
        o.putArray("Ipv6Prefixes");
        if (eni.requesterId() != null) o.put("RequesterId", eni.requesterId());
        o.put("RequesterManaged", eni.requesterManaged())
                .put("SourceDestCheck", eni.sourceDestCheck())
                .put("Status", eni.status())
                .put("SubnetId", eni.subnetId());
        o.set("TagSet", Tagging.tagSet(view, eni.id()));
        o.put("VpcId", eni.vpcId())
                .put("DenyAllIgwTraffic", false)
                .put("Ipv6Native", false);
        return o;
    }

    /**
     * The members both interface shapes share (NetworkInterface, and InstanceNetworkInterface inside an
     * instance): MAC, ids, the primary private address and the list of private addresses with the public
     * association on the primary one.
     */
    static void putAddresses(ObjectNode o, View view, NetworkInterface eni) {
        String region = view.scope().region();
        o.put("MacAddress", eni.macAddress())
                .put("NetworkInterfaceId", eni.id())
                .put("OwnerId", eni.ownerId())
                .put("PrivateDnsName", NetworkInterfaceOps.privateDnsName(region, eni.privateIpAddress()))
                .put("PrivateIpAddress", eni.privateIpAddress());
        ArrayNode ips = o.putArray("PrivateIpAddresses");
        for (String ip : eni.privateIps()) {
            boolean primary = ip.equals(eni.privateIpAddress());
            ObjectNode item = ips.addObject();
            if (primary && eni.publicIp() != null) item.set("Association", association(view, eni));
            item.put("Primary", primary)
                    .put("PrivateDnsName", NetworkInterfaceOps.privateDnsName(region, ip))
                    .put("PrivateIpAddress", ip);
        }
    }

    static ObjectNode association(View view, NetworkInterface eni) {
        return Json.object()
                .put("IpOwnerId", AMAZON_IP_OWNER)
                .put("PublicDnsName", publicDnsName(view, eni.vpcId(), eni.publicIp()))
                .put("PublicIp", eni.publicIp());
    }

    /** The public DNS name AWS gives a public IP, or "" when the VPC has DNS hostnames off. */
    static String publicDnsName(View view, String vpcId, String publicIp) {
        if (publicIp == null) return "";
        boolean hostnames = view.find(Vpc.class, vpcId).map(Vpc::enableDnsHostnames).orElse(false);
        return hostnames ? NetworkInterfaceOps.publicDnsName(view.scope().region(), publicIp) : "";
    }

    /** Interfaces attached at launch show the instance's first launch time, as AWS does. */
    static Instant attachTime(View view, NetworkInterface eni) {
        return view.find(Instance.class, eni.attachment().instanceId()).map(Instance::firstLaunchedAt).orElse(eni.createdAt());
    }

    /** [{GroupId, GroupName}…] for security group ids (a group that no longer exists shows its id only). */
    static ArrayNode groups(View view, List<String> groupIds) {
        ArrayNode arr = Json.array();
        for (String id : groupIds) {
            ObjectNode g = arr.addObject().put("GroupId", id);
            view.find(SecurityGroup.class, id).ifPresent(sg -> g.put("GroupName", sg.groupName()));
        }
        return arr;
    }
}
