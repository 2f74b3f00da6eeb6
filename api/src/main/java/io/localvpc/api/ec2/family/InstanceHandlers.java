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
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.identity.IamInstanceProfile;
import io.localvpc.core.ops.InstanceProfileAssociations;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.Instance.State;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.InstanceOps;
import io.localvpc.core.ops.InstanceSettingsOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RunInstances, DescribeInstances, StopInstances, StartInstances and TerminateInstances. */
public final class InstanceHandlers implements Ec2Family {
    private final Duration transitionDelay;

    public InstanceHandlers() {
        this(InstanceOps.defaultTransitionDelay());
    }

    /** @param transitionDelay how long pending, stopping and shutting-down last before settling */
    public InstanceHandlers(Duration transitionDelay) {
        this.transitionDelay = transitionDelay;
    }

    @Override
    public void register(OperationRegistry r) {
        r.family("Instances")
                .write("RunInstances", this::run)
                .read("DescribeInstances", this::describe)
                .write("StopInstances", this::stop)
                .write("StartInstances", this::start)
                .write("TerminateInstances", this::terminate);
    }

    private ObjectNode run(Ec2Request in, Tx tx) {
        checkCredits(in);
        String shutdown = InstanceSettingsOps.shutdownBehavior(in.string("InstanceInitiatedShutdownBehavior"));
        List<InstanceOps.InterfaceSpec> interfaces = new ArrayList<>();
        for (JsonNode n : in.objects("NetworkInterfaces")) interfaces.add(interfaceSpec(n));
        InstanceOps.LaunchSpec spec = new InstanceOps.LaunchSpec(
                in.string("ImageId"), in.string("InstanceType"),
                in.integer("MinCount").orElseThrow(() -> AwsException.missingParameter("MinCount")),
                in.integer("MaxCount").orElseThrow(() -> AwsException.missingParameter("MaxCount")),
                in.string("SubnetId"), in.strings("SecurityGroupIds"), in.strings("SecurityGroups"), in.string("PrivateIpAddress"),
                interfaces, in.string("KeyName"), in.string("ClientToken"));
        JsonNode profileSpec = in.node("IamInstanceProfile");
        IamInstanceProfile profile = profileSpec.isMissingNode() ? null : InstanceProfileAssociations.resolve(in::viewOf, tx.scope().account(),
                text(profileSpec, "Arn"), text(profileSpec, "Name"));
        // EC2 launches with a profile only once it holds a role (Terraform retries this answer while IAM propagates).
        if (profile != null && profile.roleName() == null) {
            throw AwsException.invalidParameterValue("IAM Instance Profile \"" + profile.arn() + "\" has no associated IAM Roles");
        }
        InstanceOps.Launch launch = InstanceOps.run(tx, spec, transitionDelay);
        for (Instance i : launch.instances()) {
            if (profile != null) InstanceProfileAssociations.associate(tx, i.id(), profile);
            InstanceSettingsOps.change(tx, i.id(), s -> s.withUserData(in.string("UserData"))
                    .withDisableApiTermination(in.bool("DisableApiTermination", false)).withDisableApiStop(in.bool("DisableApiStop", false))
                    .withShutdownBehavior(shutdown));
        }
        applyTags(in, tx, launch);
        return reservation(tx, launch.reservationId(), launch.instances());
    }

    /**
     * A CPU credit option other than the instance type's default is refused: localvpc's instances burn no CPU
     * (Terraform sends the default, e.g. unlimited for t3, on every instance).
     */
    private static void checkCredits(Ec2Request in) {
        String credits = in.node("CreditSpecification").path("CpuCredits").asText(null);
        if (credits == null) return;
        if (!credits.equals("standard") && !credits.equals("unlimited")) {
            throw AwsException.invalidParameterValue("Value (" + credits + ") for parameter creditSpecification.cpuCredits is invalid. Use standard or unlimited.");
        }
        String type = in.string("InstanceType") == null ? InstanceOps.DEFAULT_INSTANCE_TYPE : in.string("InstanceType");
        String dflt = InstanceTypeCatalog.find(type).map(InstanceTypeCatalog::defaultCredits).orElse(credits);
        if (!credits.equals(dflt)) {
            throw new AwsException("UnsupportedOperation", "localvpc does not build the " + credits + " CPU credit option on " + type
                    + " (its default is " + dflt + "): CreditSpecification.CpuCredits can only take its default on RunInstances.");
        }
    }

    private static InstanceOps.InterfaceSpec interfaceSpec(JsonNode n) {
        List<String> groups = new ArrayList<>();
        n.path("Groups").forEach(g -> groups.add(g.asText()));
        return new InstanceOps.InterfaceSpec(
                n.has("DeviceIndex") ? n.path("DeviceIndex").asInt() : null,
                text(n, "SubnetId"), groups,
                n.has("AssociatePublicIpAddress") ? n.path("AssociatePublicIpAddress").asBoolean() : null,
                text(n, "PrivateIpAddress"), text(n, "NetworkInterfaceId"),
                n.has("DeleteOnTermination") ? n.path("DeleteOnTermination").asBoolean() : null,
                text(n, "Description"), n.path("SecondaryPrivateIpAddressCount").asInt(0));
    }

    private static String text(JsonNode n, String member) {
        return n.has(member) ? n.path(member).asText() : null;
    }

    /** RunInstances tags instances and the interfaces it created; volume tags are accepted, there being no volumes to tag. */
    private static void applyTags(Ec2Request in, Tx tx, InstanceOps.Launch launch) {
        Map<String, String> instanceTags = new LinkedHashMap<>();
        Map<String, String> interfaceTags = new LinkedHashMap<>();
        for (JsonNode spec : in.objects("TagSpecifications")) {
            String type = spec.path("ResourceType").asText(null);
            Map<String, String> target = switch (type == null ? "" : type) {
                case "instance" -> instanceTags;
                case "network-interface" -> interfaceTags;
                case "volume" -> new LinkedHashMap<>();
                case "" -> throw AwsException.missingParameter("TagSpecification.N.ResourceType");
                default -> throw AwsException.invalidParameterValue("'" + type
                        + "' is not a valid taggable resource type for this operation. Use 'instance' or 'network-interface'.");
            };
            for (JsonNode t : spec.path("Tags")) target.put(t.path("Key").asText(""), t.path("Value").asText(""));
        }
        if (!instanceTags.isEmpty()) for (Instance i : launch.instances()) Tagging.merge(tx, i.id(), instanceTags);
        if (!interfaceTags.isEmpty()) for (String eni : launch.createdInterfaceIds()) Tagging.merge(tx, eni, interfaceTags);
    }

    private ObjectNode describe(Ec2Request in, View view) {
        if (in.has("MaxResults") && !in.strings("InstanceIds").isEmpty()) {
            throw AwsException.invalidParameterCombination("The parameter instancesSet cannot be used with the parameter maxResults");
        }
        FilterSpec<Instance> filters = FilterSpec.<Instance>builder()
                .field("instance-id", Instance::id)
                .field("instance-state-name", i -> i.stateAt(view.now()).awsName())
                .field("instance-state-code", i -> i.stateAt(view.now()).code())
                .field("subnet-id", i -> live(view, i) ? i.subnetId() : null)
                .field("vpc-id", i -> live(view, i) ? i.vpcId() : null)
                .field("private-ip-address", i -> live(view, i) ? i.privateIpAddress() : null)
                .field("ip-address", i -> publicIp(view, i))
                .fields("network-interface.network-interface-id", i -> InstanceRender.interfaces(view, i).stream().map(NetworkInterface::id).toList())
                .fields("network-interface.addresses.private-ip-address", i -> InstanceRender.interfaces(view, i).stream()
                        .flatMap(e -> e.privateIps().stream()).toList())
                .fields("instance.group-id", i -> groupIds(view, i))
                .fields("instance.group-name", i -> groupNames(view, i))
                .fields("group-id", i -> groupIds(view, i))
                .fields("group-name", i -> groupNames(view, i))
                .field("availability-zone", Instance::availabilityZone)
                .field("image-id", Instance::imageId)
                .field("instance-type", Instance::instanceType)
                .field("reservation-id", Instance::reservationId)
                .field("key-name", Instance::keyName)
                .field("owner-id", Instance::ownerId)
                .field("launch-index", Instance::amiLaunchIndex)
                .field("client-token", Instance::clientToken)
                .field("architecture", i -> InstanceRender.architecture(i.instanceType()))
                .build();
        Describe<Instance> d = new Describe<>(Instance.class, IdKind.INSTANCE, "InstanceIds", filters, "Reservations", i -> null)
                .visibleWhen(i -> i.visibleAt(view.now()));
        Page<Instance> page = Page.of(d.select(in, view), in);
        // Instances launched together share a reservation; the page keeps each reservation's instances together in launch order.
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        for (Instance i : page.items()) byReservation.computeIfAbsent(i.reservationId(), k -> new ArrayList<>()).add(i);
        ObjectNode out = Json.object();
        ArrayNode reservations = out.putArray("Reservations");
        for (Map.Entry<String, List<Instance>> e : byReservation.entrySet()) {
            List<Instance> members = new ArrayList<>(e.getValue());
            members.sort((a, b) -> Integer.compare(a.amiLaunchIndex(), b.amiLaunchIndex()));
            reservations.add(reservation(view, e.getKey(), members));
        }
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private static boolean live(View view, Instance i) {
        return i.stateAt(view.now()) != State.TERMINATED;
    }

    private static String publicIp(View view, Instance i) {
        NetworkInterface p = InstanceRender.primary(view, i);
        return p == null ? null : p.publicIp();
    }

    private static List<String> groupIds(View view, Instance i) {
        NetworkInterface p = InstanceRender.primary(view, i);
        return p == null ? List.of() : p.groupIds();
    }

    private static List<String> groupNames(View view, Instance i) {
        return groupIds(view, i).stream().map(g -> view.find(SecurityGroup.class, g).map(SecurityGroup::groupName).orElse(null)).toList();
    }

    /** The Reservation shape. VPC instances show an empty reservation-level group list, as on AWS. */
    private static ObjectNode reservation(View view, String reservationId, List<Instance> instances) {
        ObjectNode r = Json.object()
                .put("ReservationId", reservationId)
                .put("OwnerId", instances.get(0).ownerId());
        r.putArray("Groups");
        ArrayNode items = r.putArray("Instances");
        for (Instance i : instances) items.add(InstanceRender.render(view, i));
        return r;
    }

    private ObjectNode stop(Ec2Request in, Tx tx) {
        return changes("StoppingInstances", InstanceOps.stop(tx, in.strings("InstanceIds"), transitionDelay));
    }

    private ObjectNode start(Ec2Request in, Tx tx) {
        return changes("StartingInstances", InstanceOps.start(tx, in.strings("InstanceIds"), transitionDelay));
    }

    private ObjectNode terminate(Ec2Request in, Tx tx) {
        return changes("TerminatingInstances", InstanceOps.terminate(tx, in.strings("InstanceIds"), transitionDelay));
    }

    private static ObjectNode changes(String member, List<InstanceOps.StateChange> changes) {
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray(member);
        for (InstanceOps.StateChange c : changes) {
            ObjectNode item = items.addObject().put("InstanceId", c.instanceId());
            item.set("CurrentState", InstanceRender.state(c.current()));
            item.set("PreviousState", InstanceRender.state(c.previous()));
        }
        return out;
    }
}
