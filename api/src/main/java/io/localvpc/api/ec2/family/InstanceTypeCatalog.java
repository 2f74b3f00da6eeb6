package io.localvpc.api.ec2.family;

import io.localvpc.core.state.Resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The instance types DescribeInstanceTypes knows, with AWS's published figures: the burstable families (t2, t3,
 * t3a, t4g) and the general purpose, compute and memory optimized families of the last generations, sizes
 * large to 4xlarge. Instances of other types can still be launched (they run nothing); DescribeInstanceTypes
 * answers InvalidInstanceType for them, naming the families it has.
 *
 * @param id             the type's name (t3.micro)
 * @param vcpus          default vCPUs
 * @param threadsPerCore default threads per core (1 on Graviton and on t2, 2 on Intel and AMD otherwise)
 * @param memoryMiB      memory
 * @param architecture   x86_64 or arm64
 * @param burstable      whether the type earns CPU credits (burstable performance)
 * @param defaultCredits the CPU credit option an instance of a burstable type launches with (null otherwise)
 */
record InstanceTypeCatalog(String id, int vcpus, int threadsPerCore, long memoryMiB, String architecture, boolean burstable,
                           String defaultCredits) implements Resource {
    private static final Map<String, InstanceTypeCatalog> TYPES = new TreeMap<>();

    static {
        // Burstable: vCPUs and memory per size, the same for t3, t3a and t4g; t2 has one vCPU up to small.
        String[] burstSizes = {"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"};
        long[] burstMemory = {512, 1024, 2048, 4096, 8192, 16384, 32768};
        int[] t2Cpus = {1, 1, 1, 2, 2, 4, 8};
        int[] t3Cpus = {2, 2, 2, 2, 2, 4, 8};
        for (int i = 0; i < burstSizes.length; i++) {
            add("t2." + burstSizes[i], t2Cpus[i], 1, burstMemory[i], "x86_64", "standard");
            add("t3." + burstSizes[i], t3Cpus[i], 2, burstMemory[i], "x86_64", "unlimited");
            add("t3a." + burstSizes[i], t3Cpus[i], 2, burstMemory[i], "x86_64", "unlimited");
            add("t4g." + burstSizes[i], t3Cpus[i], 1, burstMemory[i], "arm64", "unlimited");
        }
        // General purpose (4 GiB per vCPU), compute optimized (2 GiB) and memory optimized (8 GiB).
        String[] sizes = {"large", "xlarge", "2xlarge", "4xlarge"};
        int[] cpus = {2, 4, 8, 16};
        Map<String, Long> mibPerCpu = Map.of("m", 4096L, "c", 2048L, "r", 8192L);
        for (String letter : List.of("m", "c", "r")) {
            for (String family : List.of(letter + "5", letter + "6i", letter + "7i", letter + "6g", letter + "7g")) {
                boolean graviton = family.endsWith("g");
                for (int i = 0; i < sizes.length; i++) {
                    add(family + "." + sizes[i], cpus[i], graviton ? 1 : 2, cpus[i] * mibPerCpu.get(letter), graviton ? "arm64" : "x86_64", null);
                }
            }
        }
    }

    private static void add(String type, int vcpus, int threadsPerCore, long memoryMiB, String architecture, String defaultCredits) {
        TYPES.put(type, new InstanceTypeCatalog(type, vcpus, threadsPerCore, memoryMiB, architecture, defaultCredits != null, defaultCredits));
    }

    static Optional<InstanceTypeCatalog> find(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** Every type, by name. */
    static List<InstanceTypeCatalog> all() {
        List<InstanceTypeCatalog> out = new ArrayList<>(TYPES.values());
        out.sort(Comparator.comparing(InstanceTypeCatalog::id));
        return out;
    }

    /** The families known, for a message naming them. */
    static String families() {
        return String.join(", ", TYPES.keySet().stream().map(t -> t.substring(0, t.indexOf('.'))).distinct().toList());
    }

    int cores() {
        return vcpus / threadsPerCore;
    }

    /** Graviton and Intel/AMD types of these generations run on Nitro; t2 runs on Xen. */
    String hypervisor() {
        return id.startsWith("t2.") ? "xen" : "nitro";
    }
}
