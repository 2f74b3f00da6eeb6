package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.Instance;
import io.localvpc.core.ops.InstanceOps;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What clients read about instance types: DescribeInstanceTypes (Terraform's aws_instance reads its type on every
 * refresh, to know whether it is burstable) and DescribeInstanceCreditSpecifications (the CPU credit option of
 * burstable instances, which localvpc keeps at the type's default).
 */
public final class InstanceTypeHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("Instances")
                .read("DescribeInstanceTypes", this::describeTypes)
                .read("DescribeInstanceCreditSpecifications", this::describeCredits);
    }

    private ObjectNode describeTypes(Ec2Request in, View view) {
        List<InstanceTypeCatalog> selected = new ArrayList<>();
        List<String> asked = in.strings("InstanceTypes");
        if (!asked.isEmpty()) {
            List<String> unknown = asked.stream().filter(t -> InstanceTypeCatalog.find(t).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                throw new AwsException("InvalidInstanceType", "The following supplied instance types do not exist: " + unknown
                        + ". (localvpc describes the families " + InstanceTypeCatalog.families() + ".)");
            }
            asked.stream().distinct().sorted().forEach(t -> selected.add(InstanceTypeCatalog.find(t).orElseThrow()));
        } else {
            selected.addAll(InstanceTypeCatalog.all());
        }
        FilterSpec<InstanceTypeCatalog> filters = FilterSpec.<InstanceTypeCatalog>builder()
                .field("instance-type", InstanceTypeCatalog::id)
                .field("burstable-performance-supported", InstanceTypeCatalog::burstable)
                .field("processor-info.supported-architecture", InstanceTypeCatalog::architecture)
                .field("vcpu-info.default-vcpus", InstanceTypeCatalog::vcpus)
                .field("vcpu-info.default-cores", InstanceTypeCatalog::cores)
                .field("vcpu-info.default-threads-per-core", InstanceTypeCatalog::threadsPerCore)
                .field("memory-info.size-in-mib", InstanceTypeCatalog::memoryMiB)
                .field("hypervisor", InstanceTypeCatalog::hypervisor)
                .field("bare-metal", t -> false)
                .build();
        Predicate<InstanceTypeCatalog> filter = filters.compile(in.objects("Filters"), view);
        Page<InstanceTypeCatalog> page = Page.of(selected.stream().filter(filter).toList(), in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("InstanceTypes");
        for (InstanceTypeCatalog t : page.items()) items.add(render(t));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private static ObjectNode render(InstanceTypeCatalog t) {
        ObjectNode o = Json.object().put("InstanceType", t.id());
        o.putArray("SupportedUsageClasses").add("on-demand").add("spot");
        o.putArray("SupportedRootDeviceTypes").add("ebs");
        o.putArray("SupportedVirtualizationTypes").add("hvm");
        o.put("BareMetal", false).put("Hypervisor", t.hypervisor());
        o.putObject("ProcessorInfo").putArray("SupportedArchitectures").add(t.architecture());
        o.putObject("VCpuInfo").put("DefaultVCpus", t.vcpus()).put("DefaultCores", t.cores()).put("DefaultThreadsPerCore", t.threadsPerCore());
        o.putObject("MemoryInfo").put("SizeInMiB", t.memoryMiB());
        o.put("InstanceStorageSupported", false).put("BurstablePerformanceSupported", t.burstable());
        return o;
    }

    /**
     * The credit option of burstable instances: those named (each must be burstable, as on AWS), or every live
     * burstable instance.
     */
    private ObjectNode describeCredits(Ec2Request in, View view) {
        List<Instance> selected = new ArrayList<>();
        List<String> ids = in.strings("InstanceIds");
        if (!ids.isEmpty()) {
            for (String id : ids) {
                Instance i = InstanceOps.require(view, id);
                if (credits(i) == null) {
                    throw new AwsException("InstanceCreditSpecification.NotSupported", "The instance " + id + " is of type " + i.instanceType()
                            + ", which does not earn CPU credits; credit specifications apply to burstable (T2, T3, T3a, T4g) instances.");
                }
                selected.add(i);
            }
        } else {
            for (Instance i : view.all(Instance.class)) {
                if (i.visibleAt(view.now()) && i.stateAt(view.now()) != Instance.State.TERMINATED && credits(i) != null) selected.add(i);
            }
        }
        FilterSpec<Instance> filters = FilterSpec.<Instance>builder().field("instance-id", Instance::id).build();
        Predicate<Instance> filter = filters.compile(in.objects("Filters"), view);
        List<Instance> sorted = new ArrayList<>(selected.stream().filter(filter).toList());
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        Page<Instance> page = Page.of(sorted, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("InstanceCreditSpecifications");
        for (Instance i : page.items()) items.addObject().put("InstanceId", i.id()).put("CpuCredits", credits(i));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    /** An instance's CPU credit option: its type's default (localvpc keeps no other), null when not burstable. */
    static String credits(Instance i) {
        return InstanceTypeCatalog.find(i.instanceType()).map(InstanceTypeCatalog::defaultCredits).orElse(null);
    }
}
