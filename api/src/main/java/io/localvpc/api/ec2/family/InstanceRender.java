package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.core.model.Instance;
import io.localvpc.core.ops.InstanceMetadataOptionsOps;
import io.localvpc.core.ops.InstanceProfileAssociations;
import io.localvpc.core.model.Instance.State;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.ops.NetworkInterfaceOps;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Instance shape as DescribeInstances and RunInstances show it. The network members come from the
 * instance's attached interfaces; a terminated instance has none, as on AWS.
 */
final class InstanceRender {
    /** Graviton families carry a 'g' after the generation digit (t4g, m7g, c6gn): those are arm64. */
    private static final Pattern ARM_TYPE = Pattern.compile("[a-z]+\\d+g[a-z]*\\..*");

    private InstanceRender() {
    }

    /** The instance's attached interfaces that still exist, primary first. */
    static List<NetworkInterface> interfaces(View view, Instance i) {
        List<NetworkInterface> out = new ArrayList<>();
        for (String id : i.networkInterfaceIds()) {
            view.find(NetworkInterface.class, id)
                    .filter(e -> e.attachment() != null && i.id().equals(e.attachment().instanceId()))
                    .ifPresent(out::add);
        }
        return out;
    }

    static NetworkInterface primary(View view, Instance i) {
        List<NetworkInterface> enis = interfaces(view, i);
        return enis.isEmpty() || enis.get(0).attachment().deviceIndex() != 0 ? null : enis.get(0);
    }

    static String architecture(String instanceType) {
        return ARM_TYPE.matcher(instanceType).matches() ? "arm64" : "x86_64";
    }

    static ObjectNode state(State s) {
        return Json.object().put("Code", s.code()).put("Name", s.awsName());
    }

    static ObjectNode render(View view, Instance i) {
        String region = view.scope().region();
        State state = i.stateAt(view.now());
        boolean gone = state == State.TERMINATED;
        NetworkInterface primary = primary(view, i);
        String publicIp = primary == null ? null : primary.publicIp();

        ObjectNode o = Json.object()
                .put("InstanceId", i.id())
                .put("ImageId", i.imageId());
        o.set("State", state(state));
        o.put("PrivateDnsName", gone ? "" : NetworkInterfaceOps.privateDnsName(region, i.privateIpAddress()))
                .put("PublicDnsName", NetworkInterfaceHandlers.publicDnsName(view, i.vpcId(), publicIp))
                .put("StateTransitionReason", i.stateTransitionReason());
        if (i.keyName() != null) o.put("KeyName", i.keyName());
        o.put("AmiLaunchIndex", i.amiLaunchIndex());
        o.putArray("ProductCodes");
        o.put("InstanceType", i.instanceType())
                .put("LaunchTime", Json.timestamp(i.launchTime()));
        ObjectNode placement = o.putObject("Placement").put("AvailabilityZone", i.availabilityZone());
        view.find(Subnet.class, i.subnetId()).ifPresent(s -> placement.put("AvailabilityZoneId", s.availabilityZoneId()));
        placement.put("GroupName", "").put("Tenancy", "default");
        if (!gone) {
            o.put("SubnetId", i.subnetId())
                    .put("VpcId", i.vpcId())
                    .put("PrivateIpAddress", i.privateIpAddress());
        }
        if (publicIp != null) o.put("PublicIpAddress", publicIp);
        o.putObject("Monitoring").put("State", "disabled");
        InstanceProfileAssociations.of(view, i.id()).ifPresent(a -> o.putObject("IamInstanceProfile").put("Arn", a.profileArn()).put("Id", a.profileId()));
        o.put("Architecture", architecture(i.instanceType()));
        o.putArray("BlockDeviceMappings");
        if (i.clientToken() != null) o.put("ClientToken", i.clientToken());
        o.put("EbsOptimized", false)
                .put("EnaSupport", true)
                .put("Hypervisor", "xen");
        ArrayNode nics = o.putArray("NetworkInterfaces");
        for (NetworkInterface eni : interfaces(view, i)) nics.add(networkInterface(view, eni));
        o.put("RootDeviceName", "/dev/xvda")
                .put("RootDeviceType", "ebs");
        o.set("SecurityGroups", NetworkInterfaceHandlers.groups(view, primary == null ? List.of() : primary.groupIds()));
        if (primary != null) o.put("SourceDestCheck", primary.sourceDestCheck());
        if (state == State.STOPPING || state == State.STOPPED || state == State.SHUTTING_DOWN || state == State.TERMINATED) {
            o.putObject("StateReason").put("Code", "Client.UserInitiatedShutdown").put("Message", "Client.UserInitiatedShutdown: User initiated shutdown");
        }
        o.set("Tags", Tagging.tagSet(view, i.id()));
        o.put("VirtualizationType", "hvm");
        o.putObject("CapacityReservationSpecification").put("CapacityReservationPreference", "open");
        o.putObject("HibernationOptions").put("Configured", false);
        o.putObject("EnclaveOptions").put("Enabled", false);
        o.set("MetadataOptions", InstanceMetadataOptionsHandlers.render(InstanceMetadataOptionsOps.of(view, i.id()), "applied"));
        o.put("PlatformDetails", "Linux/UNIX")
                .put("UsageOperation", "RunInstances")
                .put("UsageOperationUpdateTime", Json.timestamp(i.firstLaunchedAt()));
        o.putObject("PrivateDnsNameOptions").put("HostnameType", "ip-name")
                .put("EnableResourceNameDnsARecord", view.find(Subnet.class, i.subnetId()).map(Subnet::resourceNameDnsARecordOnLaunch).orElse(false))
                .put("EnableResourceNameDnsAAAARecord", false);
        return o;
    }

    /** The InstanceNetworkInterface shape (an interface as seen from its instance). */
    private static ObjectNode networkInterface(View view, NetworkInterface eni) {
        ObjectNode o = Json.object();
        if (eni.publicIp() != null) o.set("Association", NetworkInterfaceHandlers.association(view, eni));
        NetworkInterface.Attachment a = eni.attachment();
        o.putObject("Attachment")
                .put("AttachTime", Json.timestamp(NetworkInterfaceHandlers.attachTime(view, eni)))
                .put("AttachmentId", a.attachmentId())
                .put("DeleteOnTermination", a.deleteOnTermination())
                .put("DeviceIndex", a.deviceIndex())
                .put("Status", "attached")
                .put("NetworkCardIndex", 0);
        o.put("Description", eni.description() == null ? "" : eni.description());
        o.set("Groups", NetworkInterfaceHandlers.groups(view, eni.groupIds()));
        o.putArray("Ipv6Addresses");
        NetworkInterfaceHandlers.putAddresses(o, view, eni);
        o.put("SourceDestCheck", eni.sourceDestCheck())
                .put("Status", eni.status())
                .put("SubnetId", eni.subnetId())
                .put("VpcId", eni.vpcId())
                .put("InterfaceType", eni.interfaceType());
        return o;
    }
}
