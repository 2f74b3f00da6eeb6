package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InstanceSettings;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.ops.InstanceOps;
import io.localvpc.core.ops.InstanceSettingsOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DescribeInstanceAttribute and ModifyInstanceAttribute, one attribute per call as on AWS. User data, termination
 * and stop protection and the shutdown behaviour are kept (and the protections enforced by TerminateInstances and
 * StopInstances); source/dest check is the primary network interface's, as on AWS. The type, groups and devices
 * an instance was launched with cannot be changed here (UnsupportedOperation).
 */
public final class InstanceAttributeHandlers implements Ec2Family {
    /** The attribute names DescribeInstanceAttribute takes, and the response member each fills. */
    private static final Map<String, String> ATTRIBUTES = new LinkedHashMap<>();

    static {
        for (String a : List.of("instanceType", "kernel", "ramdisk", "userData", "disableApiTermination", "instanceInitiatedShutdownBehavior",
                "rootDeviceName", "blockDeviceMapping", "productCodes", "sourceDestCheck", "groupSet", "ebsOptimized", "sriovNetSupport",
                "enaSupport", "enclaveOptions", "disableApiStop")) {
            ATTRIBUTES.put(a, switch (a) {
                case "kernel" -> "KernelId";
                case "ramdisk" -> "RamdiskId";
                case "blockDeviceMapping" -> "BlockDeviceMappings";
                case "groupSet" -> "Groups";
                default -> Character.toUpperCase(a.charAt(0)) + a.substring(1);
            });
        }
    }

    @Override
    public void register(OperationRegistry r) {
        r.family("Instances")
                .read("DescribeInstanceAttribute", this::describe)
                .write("ModifyInstanceAttribute", this::modify);
    }

    private ObjectNode describe(Ec2Request in, View view) {
        String attribute = in.requireString("Attribute");
        String member = ATTRIBUTES.get(attribute);
        if (member == null) {
            throw AwsException.invalidParameterValue("Value (" + attribute + ") for parameter attribute is invalid. Use one of: "
                    + String.join(", ", ATTRIBUTES.keySet()) + ".");
        }
        Instance i = InstanceOps.require(view, in.requireString("InstanceId"));
        NetworkInterface primary = InstanceRender.primary(view, i);
        InstanceSettings settings = InstanceSettingsOps.of(view, i.id());
        ObjectNode out = Json.object().put("InstanceId", i.id());
        switch (attribute) {
            case "instanceType" -> out.putObject(member).put("Value", i.instanceType());
            case "instanceInitiatedShutdownBehavior" -> out.putObject(member).put("Value", settings.shutdownBehavior());
            case "rootDeviceName" -> out.putObject(member).put("Value", "/dev/xvda");
            case "disableApiTermination" -> out.putObject(member).put("Value", settings.disableApiTermination());
            case "disableApiStop" -> out.putObject(member).put("Value", settings.disableApiStop());
            case "userData" -> {
                ObjectNode data = out.putObject(member);
                if (settings.userData() != null) data.put("Value", settings.userData());
            }
            case "ebsOptimized" -> out.putObject(member).put("Value", false);
            case "enaSupport" -> out.putObject(member).put("Value", true);
            case "sourceDestCheck" -> out.putObject(member).put("Value", primary == null || primary.sourceDestCheck());
            case "enclaveOptions" -> out.putObject(member).put("Enabled", false);
            case "groupSet" -> out.set(member, NetworkInterfaceHandlers.groups(view, primary == null ? List.of() : primary.groupIds()));
            case "blockDeviceMapping", "productCodes" -> out.putArray(member);
            // No kernel, ramdisk or SR-IOV setting: AWS answers the element empty.
            default -> out.putObject(member);
        }
        return out;
    }

    private ObjectNode modify(Ec2Request in, Tx tx) {
        Map<String, JsonNode> given = new LinkedHashMap<>();
        for (String m : List.of("SourceDestCheck", "DisableApiTermination", "DisableApiStop", "InstanceInitiatedShutdownBehavior", "InstanceType",
                "UserData", "Groups", "EbsOptimized", "EnaSupport", "SriovNetSupport", "Kernel", "Ramdisk", "BlockDeviceMappings")) {
            if (in.has(m)) given.put(m, in.node(m).path("Value"));
        }
        if (in.has("Attribute")) {
            String attribute = in.string("Attribute");
            String member = ATTRIBUTES.get(attribute);
            if (member == null) throw AwsException.invalidParameterValue("Value (" + attribute + ") for parameter attribute is invalid.");
            given.put(member.replace("KernelId", "Kernel").replace("RamdiskId", "Ramdisk"), in.node("Value"));
        }
        if (given.isEmpty()) throw AwsException.missingParameter("an attribute to modify (for example DisableApiTermination.Value)");
        if (given.size() > 1) {
            throw AwsException.invalidParameterCombination("Fields for multiple attribute types specified: " + String.join(", ", given.keySet()));
        }
        Instance i = InstanceOps.require(tx, in.requireString("InstanceId"));
        Instance.State state = i.stateAt(tx.now());
        if (state == Instance.State.TERMINATED || state == Instance.State.SHUTTING_DOWN) {
            throw new AwsException("IncorrectInstanceState", "The instance '" + i.id() + "' is not in a state from which it can be modified ("
                    + state.awsName() + ").");
        }
        Map.Entry<String, JsonNode> change = given.entrySet().iterator().next();
        String value = change.getValue().isMissingNode() || change.getValue().isNull() ? null : change.getValue().asText();
        switch (change.getKey()) {
            case "DisableApiTermination" -> {
                boolean on = requireBoolean(value, change.getKey());
                InstanceSettingsOps.change(tx, i.id(), s -> s.withDisableApiTermination(on));
            }
            case "DisableApiStop" -> {
                boolean on = requireBoolean(value, change.getKey());
                InstanceSettingsOps.change(tx, i.id(), s -> s.withDisableApiStop(on));
            }
            case "InstanceInitiatedShutdownBehavior" -> {
                String behavior = InstanceSettingsOps.shutdownBehavior(value == null ? "" : value);
                InstanceSettingsOps.change(tx, i.id(), s -> s.withShutdownBehavior(behavior));
            }
            case "UserData" -> {
                // AWS changes user data only while the instance is stopped.
                if (state != Instance.State.STOPPED) {
                    throw new AwsException("IncorrectInstanceState", "The instance '" + i.id() + "' is not in the 'stopped' state.");
                }
                InstanceSettingsOps.change(tx, i.id(), s -> s.withUserData(value));
            }
            case "SourceDestCheck" -> {
                if (value == null) throw AwsException.missingParameter("SourceDestCheck.Value");
                List<NetworkInterface> enis = InstanceRender.interfaces(tx, i);
                if (enis.size() != 1) {
                    throw AwsException.invalidParameterCombination("There are multiple interfaces attached to instance '" + i.id()
                            + "'. Please specify an interface ID for the operation instead.");
                }
                tx.put(enis.get(0).withSourceDestCheck(Boolean.parseBoolean(value)));
            }
            default -> throw new AwsException("UnsupportedOperation", "localvpc does not modify the instance attribute " + change.getKey()
                    + " (its instances keep the type, groups and devices they were launched with; change groups with ModifyNetworkInterfaceAttribute).");
        }
        return null;
    }

    private static boolean requireBoolean(String value, String member) {
        if (value == null) throw AwsException.missingParameter(member + ".Value");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw AwsException.invalidParameterValue("Value (" + value + ") for parameter " + member + " is invalid. Expected 'true' or 'false'.");
        }
        return Boolean.parseBoolean(value);
    }
}
