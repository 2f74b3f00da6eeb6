package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.ops.InstanceOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DescribeInstanceAttribute and ModifyInstanceAttribute, one attribute per call as on AWS. localvpc's instances
 * have no termination or stop protection, stop when shut down from inside, carry no user data and boot nothing,
 * so those attributes read as AWS's defaults; a modification to the default is accepted (Terraform turns
 * termination protection off before every destroy) and any other is refused as UnsupportedOperation. Source/dest
 * check is the primary network interface's, as on AWS.
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
        ObjectNode out = Json.object().put("InstanceId", i.id());
        switch (attribute) {
            case "instanceType" -> out.putObject(member).put("Value", i.instanceType());
            case "instanceInitiatedShutdownBehavior" -> out.putObject(member).put("Value", "stop");
            case "rootDeviceName" -> out.putObject(member).put("Value", "/dev/xvda");
            case "disableApiTermination", "disableApiStop", "ebsOptimized" -> out.putObject(member).put("Value", false);
            case "enaSupport" -> out.putObject(member).put("Value", true);
            case "sourceDestCheck" -> out.putObject(member).put("Value", primary == null || primary.sourceDestCheck());
            case "enclaveOptions" -> out.putObject(member).put("Enabled", false);
            case "groupSet" -> out.set(member, NetworkInterfaceHandlers.groups(view, primary == null ? List.of() : primary.groupIds()));
            case "blockDeviceMapping", "productCodes" -> out.putArray(member);
            // No user data, kernel, ramdisk or SR-IOV setting: AWS answers the element empty.
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
            case "DisableApiTermination" -> defaultOnly(value, "false", "termination protection (DisableApiTermination=true)");
            case "DisableApiStop" -> defaultOnly(value, "false", "stop protection (DisableApiStop=true)");
            case "InstanceInitiatedShutdownBehavior" -> {
                if (!"stop".equals(value) && !"terminate".equals(value)) {
                    throw AwsException.invalidParameterValue("Value (" + value + ") for parameter instanceInitiatedShutdownBehavior is invalid. Use stop or terminate.");
                }
                defaultOnly(value, "stop", "terminating on shutdown (localvpc's instances run nothing that could shut them down)");
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

    private static void defaultOnly(String value, String dflt, String asksFor) {
        if (value == null) throw AwsException.missingParameter("Value");
        if (!value.equalsIgnoreCase(dflt)) throw new AwsException("UnsupportedOperation", "localvpc does not build " + asksFor + ".");
    }
}
