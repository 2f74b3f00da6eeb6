package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.Instance.State;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Instance lifecycle: RunInstances (each instance gets its network interfaces and, where the subnet or the
 * request says so, a public IP), stop, start and terminate with AWS's state rules. Transitional states
 * settle after {@code delay}, computed from stored timestamps, so nothing runs in the background.
 */
public final class InstanceOps {
    public static final String DEFAULT_INSTANCE_TYPE = "t3.micro";
    /** localvpc's own bound on one call, so a huge MaxCount cannot stall the single writer. */
    public static final int MAX_PER_CALL = 100;
    private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");
    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private InstanceOps() {
    }

    /**
     * How long pending, stopping and shutting-down last: 1 s unless the system property
     * {@code localvpc.instanceTransitionDelayMs} or the environment variable
     * {@code LOCALVPC_INSTANCE_TRANSITION_DELAY_MS} says otherwise.
     */
    public static Duration defaultTransitionDelay() {
        String v = System.getProperty("localvpc.instanceTransitionDelayMs", System.getenv("LOCALVPC_INSTANCE_TRANSITION_DELAY_MS"));
        if (v == null || v.isBlank()) return Duration.ofSeconds(1);
        try {
            return Duration.ofMillis(Math.max(0, Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LOCALVPC_INSTANCE_TRANSITION_DELAY_MS must be a number of milliseconds, was '" + v + "'", e);
        }
    }

    /** One entry of RunInstances' NetworkInterfaces list; null means not given. */
    public record InterfaceSpec(Integer deviceIndex, String subnetId, List<String> groupIds, Boolean associatePublicIp,
                                String privateIpAddress, String networkInterfaceId, Boolean deleteOnTermination,
                                String description, int secondaryPrivateIpCount) {
    }

    /** A RunInstances request; null means not given. */
    public record LaunchSpec(String imageId, String instanceType, int minCount, int maxCount, String subnetId,
                             List<String> securityGroupIds, List<String> securityGroupNames, String privateIpAddress,
                             List<InterfaceSpec> interfaces, String keyName, String clientToken) {
    }

    /** What RunInstances made: one reservation, its instances, and the interfaces created for them. */
    public record Launch(String reservationId, List<Instance> instances, List<String> createdInterfaceIds) {
    }

    /** One instance's move in a Stop/Start/Terminate call. */
    public record StateChange(String instanceId, State previous, State current) {
    }

    public static Instance require(View view, String id) {
        Instance i = Lookup.require(view, Instance.class, IdKind.INSTANCE, id);
        if (!i.visibleAt(view.now())) throw IdKind.INSTANCE.notFound(id);
        return i;
    }

    // ---------------------------------------------------------------- RunInstances

    public static Launch run(Tx tx, LaunchSpec spec, Duration delay) {
        purgeLongTerminated(tx);
        if (spec.imageId() == null || spec.imageId().isEmpty()) throw AwsException.missingParameter("ImageId");
        if (!AMI_ID.matcher(spec.imageId()).matches()) {
            throw new AwsException("InvalidAMIID.Malformed", "Invalid id: \"" + spec.imageId() + "\" (expecting \"ami-...\")");
        }
        String type = spec.instanceType() == null ? DEFAULT_INSTANCE_TYPE : spec.instanceType();
        if (!INSTANCE_TYPE.matcher(type).matches()) {
            throw AwsException.invalidParameterValue("Invalid value '" + type + "' for InstanceType. Use an EC2 instance type such as t3.micro.");
        }
        if (spec.minCount() < 1) {
            throw AwsException.invalidParameterValue("Value (" + spec.minCount() + ") for parameter minCount is invalid. Expected a value greater than or equal to 1.");
        }
        if (spec.maxCount() < spec.minCount()) {
            throw AwsException.invalidParameterValue("Value (" + spec.maxCount() + ") for parameter maxCount is invalid. It must be at least minCount (" + spec.minCount() + ").");
        }
        if (spec.minCount() > MAX_PER_CALL) {
            throw new AwsException("InstanceLimitExceeded", "localvpc launches at most " + MAX_PER_CALL + " instances per RunInstances call; MinCount was " + spec.minCount() + ".");
        }
        List<InterfacePlan> plans = spec.interfaces().isEmpty() ? List.of(instanceLevelPlan(tx, spec)) : interfacePlans(tx, spec);

        int count = Math.min(spec.maxCount(), MAX_PER_CALL);
        if (plans.stream().anyMatch(p -> p.existing != null || p.privateIp != null)) count = 1;
        count = Math.min(count, capacity(tx, plans));
        if (count < spec.minCount()) {
            Subnet s = plans.get(0).subnet;
            throw new AwsException("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '" + s.id()
                    + "' (" + s.cidrBlock() + ") to launch " + spec.minCount() + " instance(s).");
        }

        String reservationId = tx.newId("r");
        Instant now = tx.now();
        List<Instance> instances = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String instanceId = tx.newId("i");
            List<String> eniIds = new ArrayList<>();
            String publicIp = null;
            for (InterfacePlan p : plans) {
                NetworkInterface eni = p.existing != null ? tx.find(NetworkInterface.class, p.existing).orElseThrow()
                        : NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(p.subnet.id(), p.privateIp, p.groupIds, p.description, p.secondaryCount));
                if (p.existing == null) created.add(eni.id());
                eni = eni.withAttachment(new NetworkInterface.Attachment(tx.newId("eni-attach"), instanceId, p.deviceIndex, p.deleteOnTermination));
                if (p.deviceIndex == 0 && p.publicIp && eni.publicIp() == null) {
                    publicIp = NetworkInterfaceOps.allocatePublicIp(tx);
                    eni = eni.withPublicIp(publicIp);
                }
                tx.put(eni);
                eniIds.add(eni.id());
            }
            InterfacePlan primary = plans.get(0);
            NetworkInterface primaryEni = tx.find(NetworkInterface.class, eniIds.get(0)).orElseThrow();
            instances.add(tx.put(new Instance(instanceId, tx.scope().account(), reservationId, spec.imageId(), type, spec.keyName(), index,
                    primary.subnet.id(), primary.subnet.vpcId(), primary.subnet.availabilityZone(), primaryEni.privateIpAddress(), eniIds,
                    State.PENDING, now.plus(delay), now, now, "", primary.publicIp, publicIp, spec.clientToken())));
        }
        return new Launch(reservationId, instances, created);
    }

    /** How one of each launched instance's interfaces will be made (or which existing one it takes). */
    private record InterfacePlan(int deviceIndex, Subnet subnet, List<String> groupIds, String privateIp, String existing,
                                 boolean deleteOnTermination, boolean publicIp, String description, int secondaryCount) {
    }

    /** No NetworkInterfaces list: one primary interface from SubnetId, the security groups and PrivateIpAddress. */
    private static InterfacePlan instanceLevelPlan(View view, LaunchSpec spec) {
        Subnet subnet = spec.subnetId() == null ? defaultSubnet(view) : Lookup.require(view, Subnet.class, IdKind.SUBNET, spec.subnetId());
        if (spec.privateIpAddress() != null && spec.maxCount() > 1) {
            throw AwsException.invalidParameterCombination("PrivateIpAddress can only be given when launching a single instance (MaxCount 1); MaxCount was "
                    + spec.maxCount() + ".");
        }
        List<String> groups = new ArrayList<>(spec.securityGroupIds());
        if (!spec.securityGroupNames().isEmpty()) {
            Vpc vpc = VpcOps.require(view, subnet.vpcId());
            if (!vpc.isDefault()) {
                throw AwsException.invalidParameterCombination("The parameter groupName cannot be used with the parameter subnet");
            }
            for (String name : spec.securityGroupNames()) groups.add(groupByName(view, vpc, name).id());
        }
        List<String> resolved = NetworkInterfaceOps.resolveGroups(view, subnet, groups);
        return new InterfacePlan(0, subnet, resolved, spec.privateIpAddress(), null, true, subnet.mapPublicIpOnLaunch(), "", 0);
    }

    private static List<InterfacePlan> interfacePlans(View view, LaunchSpec spec) {
        if (spec.subnetId() != null) {
            throw AwsException.invalidParameterCombination("Network interfaces and an instance-level subnet ID may not be specified on the same request");
        }
        if (!spec.securityGroupIds().isEmpty() || !spec.securityGroupNames().isEmpty()) {
            throw AwsException.invalidParameterCombination("Network interfaces and an instance-level security groups may not be specified on the same request");
        }
        if (spec.privateIpAddress() != null) {
            throw AwsException.invalidParameterCombination("Network interfaces and an instance-level private IP address should not be specified on the same request");
        }
        List<InterfaceSpec> specs = new ArrayList<>(spec.interfaces());
        Set<Integer> indexes = new HashSet<>();
        for (InterfaceSpec s : specs) {
            if (s.deviceIndex() == null) throw AwsException.missingParameter("NetworkInterface.N.DeviceIndex");
            if (s.deviceIndex() < 0) throw AwsException.invalidParameterValue("Device index " + s.deviceIndex() + " is invalid; it must be 0 or more.");
            if (!indexes.add(s.deviceIndex())) throw AwsException.invalidParameterValue("Each network interface requires a unique device index; " + s.deviceIndex() + " is repeated.");
        }
        if (!indexes.contains(0)) {
            throw AwsException.invalidParameterValue("The primary network interface (DeviceIndex 0) must be specified when network interfaces are given.");
        }
        specs.sort(Comparator.comparingInt(InterfaceSpec::deviceIndex));
        List<InterfacePlan> plans = new ArrayList<>();
        String zone = null;
        for (InterfaceSpec s : specs) {
            if (s.associatePublicIp() != null && s.deviceIndex() != 0) {
                throw AwsException.invalidParameterCombination("The associatePublicIPAddress parameter can only be specified for the network interface with DeviceIndex 0.");
            }
            if (Boolean.TRUE.equals(s.associatePublicIp()) && specs.size() > 1) {
                throw AwsException.invalidParameterCombination("The associatePublicIPAddress parameter cannot be specified when launching with multiple network interfaces.");
            }
            InterfacePlan plan;
            if (s.networkInterfaceId() != null) {
                if (s.subnetId() != null || !s.groupIds().isEmpty() || s.privateIpAddress() != null) {
                    throw AwsException.invalidParameterCombination("A network interface ID cannot be combined with a subnet, security groups or a private IP address for the same device index "
                            + s.deviceIndex() + "; those come from " + s.networkInterfaceId() + ".");
                }
                if (Boolean.TRUE.equals(s.associatePublicIp())) {
                    throw AwsException.invalidParameterCombination("The associatePublicIPAddress parameter cannot be specified when launching with an existing network interface ("
                            + s.networkInterfaceId() + ").");
                }
                if (spec.maxCount() > 1) {
                    throw AwsException.invalidParameterCombination("An existing network interface (" + s.networkInterfaceId()
                            + ") can be attached to only one instance; launch with MaxCount 1.");
                }
                NetworkInterface eni = NetworkInterfaceOps.require(view, s.networkInterfaceId());
                if (eni.attachment() != null || eni.requesterManaged()) {
                    throw new AwsException("InvalidNetworkInterface.InUse", "Interface: [" + eni.id() + "] in use.");
                }
                Subnet subnet = Lookup.require(view, Subnet.class, IdKind.SUBNET, eni.subnetId());
                plan = new InterfacePlan(s.deviceIndex(), subnet, eni.groupIds(), null, eni.id(),
                        s.deleteOnTermination() != null && s.deleteOnTermination(), false, null, 0);
            } else {
                Subnet subnet = s.subnetId() == null ? defaultSubnet(view) : Lookup.require(view, Subnet.class, IdKind.SUBNET, s.subnetId());
                if (s.privateIpAddress() != null && spec.maxCount() > 1) {
                    throw AwsException.invalidParameterCombination("A private IP address for network interface " + s.deviceIndex()
                            + " can only be given when launching a single instance (MaxCount 1).");
                }
                boolean publicIp = s.deviceIndex() == 0 && (s.associatePublicIp() != null ? s.associatePublicIp() : specs.size() == 1 && subnet.mapPublicIpOnLaunch());
                plan = new InterfacePlan(s.deviceIndex(), subnet, NetworkInterfaceOps.resolveGroups(view, subnet, s.groupIds()), s.privateIpAddress(), null,
                        s.deleteOnTermination() == null || s.deleteOnTermination(), publicIp, s.description() == null ? "" : s.description(), s.secondaryPrivateIpCount());
            }
            if (zone == null) zone = plan.subnet.availabilityZone();
            else if (!zone.equals(plan.subnet.availabilityZone())) {
                throw AwsException.invalidParameterValue("All network interfaces of an instance must be in the same Availability Zone; device index "
                        + s.deviceIndex() + " is in " + plan.subnet.availabilityZone() + ", the primary one in " + zone + ".");
            }
            if (!plans.isEmpty() && !plan.subnet.vpcId().equals(plans.get(0).subnet.vpcId())) {
                throw AwsException.invalidParameterValue("All network interfaces of an instance must be in the same VPC; device index "
                        + s.deviceIndex() + " is in " + plan.subnet.vpcId() + ".");
            }
            plans.add(plan);
        }
        return plans;
    }

    /** How many instances the subnets' free addresses allow, given what each instance's interfaces take. */
    private static int capacity(View view, List<InterfacePlan> plans) {
        Map<String, Integer> perInstance = new HashMap<>();
        Map<String, Subnet> subnets = new HashMap<>();
        for (InterfacePlan p : plans) {
            if (p.existing != null) continue;
            perInstance.merge(p.subnet.id(), 1 + p.secondaryCount, Integer::sum);
            subnets.put(p.subnet.id(), p.subnet);
        }
        int max = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : perInstance.entrySet()) {
            Subnet s = subnets.get(e.getKey());
            int free = SubnetAddresses.availableCount(s, SubnetAddresses.used(view, s.id()).size());
            max = Math.min(max, Math.max(0, free) / e.getValue());
        }
        return max;
    }

    /** Where an instance goes when no subnet is named: the default subnet of the default VPC's first Availability Zone. */
    public static Subnet defaultSubnet(View view) {
        Vpc vpc = VpcOps.defaultVpc(view).orElseThrow(() -> new AwsException("VPCIdNotSpecified",
                "No default VPC for this user. Specify a SubnetId (or create a default VPC with CreateDefaultVpc)."));
        return view.all(Subnet.class).stream()
                .filter(s -> s.vpcId().equals(vpc.id()) && s.defaultForAz())
                .min(Comparator.comparing(Subnet::availabilityZone))
                .orElseThrow(() -> new AwsException("MissingInput", "No subnets found for the default VPC '" + vpc.id() + "'. Please specify a subnet."));
    }

    private static SecurityGroup groupByName(View view, Vpc vpc, String name) {
        return view.all(SecurityGroup.class).stream()
                .filter(g -> g.vpcId().equals(vpc.id()) && g.groupName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AwsException("InvalidGroup.NotFound", "The security group '" + name + "' does not exist in default VPC '" + vpc.id() + "'"));
    }

    /** Terminated instances past their hour of visibility are dropped for good. */
    private static void purgeLongTerminated(Tx tx) {
        for (Instance i : List.copyOf(tx.all(Instance.class))) {
            if (!i.visibleAt(tx.now())) tx.remove(Instance.class, i.id());
        }
    }

    // ---------------------------------------------------------------- Stop / Start / Terminate

    /** Running instances begin stopping; their auto-assigned public IP is released. Stopping or stopped ones stay as they are. */
    public static List<StateChange> stop(Tx tx, List<String> ids, Duration delay) {
        InstanceSettingsOps.requireStoppable(tx, ids);
        return change(tx, ids, (i, state, now) -> switch (state) {
            case RUNNING -> {
                Instance next = releasePublicIp(tx, i).withState(State.STOPPING, now.plus(delay), userInitiated(now));
                yield tx.put(next);
            }
            case STOPPING, STOPPED -> i;
            default -> throw incorrectState(i, state, "stopped");
        });
    }

    /** Stopped instances begin starting, with a new public IP if they get one. Pending or running ones stay as they are. */
    public static List<StateChange> start(Tx tx, List<String> ids, Duration delay) {
        return change(tx, ids, (i, state, now) -> switch (state) {
            case STOPPED -> {
                Instance next = i.withState(State.PENDING, now.plus(delay), "").withLaunchTime(now);
                if (i.assignsPublicIp() && i.primaryNetworkInterfaceId() != null) {
                    NetworkInterface eni = tx.find(NetworkInterface.class, i.primaryNetworkInterfaceId()).orElse(null);
                    if (eni != null && eni.publicIp() == null) {
                        String ip = NetworkInterfaceOps.allocatePublicIp(tx);
                        tx.put(eni.withPublicIp(ip));
                        next = next.withAutoAssignedPublicIp(ip);
                    }
                }
                yield tx.put(next);
            }
            case PENDING, RUNNING -> i;
            default -> throw incorrectState(i, state, "started");
        });
    }

    /**
     * Instances begin shutting down: interfaces marked delete-on-termination are deleted, the others are
     * detached (and lose an auto-assigned public IP). Terminating a terminated instance changes nothing.
     */
    public static List<StateChange> terminate(Tx tx, List<String> ids, Duration delay) {
        InstanceSettingsOps.requireTerminable(tx, ids);
        return change(tx, ids, (i, state, now) -> switch (state) {
            case SHUTTING_DOWN, TERMINATED -> i;
            default -> {
                Instance released = releasePublicIp(tx, i);
                InstanceProfileAssociations.forgetTerminated(tx, i.id());
                InstanceSettingsOps.forget(tx, i.id());
                for (String eniId : released.networkInterfaceIds()) {
                    NetworkInterface eni = tx.find(NetworkInterface.class, eniId).orElse(null);
                    if (eni == null || eni.attachment() == null || !i.id().equals(eni.attachment().instanceId())) continue;
                    if (eni.attachment().deleteOnTermination()) NetworkInterfaceOps.removeReleasingAddresses(tx, eni.id());
                    else tx.put(eni.withAttachment(null));
                }
                yield tx.put(released.withNetworkInterfaceIds(List.of()).withState(State.SHUTTING_DOWN, now.plus(delay), userInitiated(now)));
            }
        });
    }

    private interface Transition {
        Instance apply(Instance instance, State current, Instant now);
    }

    /** Checks every id first (as AWS does, one bad id fails the whole call), then moves each instance. */
    private static List<StateChange> change(Tx tx, List<String> ids, Transition transition) {
        if (ids.isEmpty()) throw AwsException.missingParameter("InstanceId");
        List<Instance> targets = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) targets.add(require(tx, id));
        Instant now = tx.now();
        List<StateChange> changes = new ArrayList<>();
        for (Instance i : targets) {
            State before = i.stateAt(now);
            Instance after = transition.apply(i, before, now);
            changes.add(new StateChange(i.id(), before, after.stateAt(now)));
        }
        return changes;
    }

    /** Takes the auto-assigned public IP off the primary interface (an Elastic IP, if any, stays). */
    private static Instance releasePublicIp(Tx tx, Instance i) {
        if (i.autoAssignedPublicIp() == null) return i;
        if (i.primaryNetworkInterfaceId() != null) {
            tx.find(NetworkInterface.class, i.primaryNetworkInterfaceId())
                    .filter(eni -> i.autoAssignedPublicIp().equals(eni.publicIp()))
                    .ifPresent(eni -> tx.put(eni.withPublicIp(null)));
        }
        return i.withAutoAssignedPublicIp(null);
    }

    private static String userInitiated(Instant now) {
        return "User initiated (" + REASON_TIME.format(now) + " GMT)";
    }

    private static AwsException incorrectState(Instance i, State state, String verb) {
        return new AwsException("IncorrectInstanceState", "The instance '" + i.id() + "' is not in a state from which it can be " + verb
                + " (it is " + state.awsName() + ").");
    }
}
