package io.localvpc.core.imds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.identity.IamInstanceProfile;
import io.localvpc.core.identity.IamInstanceProfiles;
import io.localvpc.core.identity.IamScope;
import io.localvpc.core.model.IamInstanceProfileAssociation;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InstanceMetadataOptions;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.ops.InstanceMetadataOptionsOps;
import io.localvpc.core.ops.InstanceProfileAssociations;
import io.localvpc.core.ops.InstanceSettingsOps;
import io.localvpc.core.ops.NetworkInterfaceOps;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The metadata of one instance by path below {@code /latest/}, as EC2's metadata service lays it out: a directory
 * answers with its entries one a line (sub-directories end in {@code /}), a leaf with its value. Built from a
 * snapshot for each request; nothing here writes.
 */
public final class InstanceMetadataTree {
    private static final Pattern ARM_TYPE = Pattern.compile("[a-z]+\\d+g[a-z]*\\..*");

    private final View view;
    private final Function<Scope, View> views;
    private final Instance instance;
    private final Map<String, Object> root = new LinkedHashMap<>();

    /**
     * @param view  a snapshot of the instance's scope
     * @param views snapshots of other scopes (the account's IAM scope), or null where there is none yet; must not block
     */
    private InstanceMetadataTree(View view, Function<Scope, View> views, Instance instance) {
        this.view = view;
        this.views = views;
        this.instance = instance;
        build();
    }

    /** The tree of {@code instanceId}, or empty when no such instance is in {@code view}. */
    public static Optional<InstanceMetadataTree> of(View view, Function<Scope, View> views, String instanceId) {
        return view.find(Instance.class, instanceId).map(i -> new InstanceMetadataTree(view, views, i));
    }

    public InstanceMetadataOptions options() {
        return InstanceMetadataOptionsOps.of(view, instance.id());
    }

    /** What {@code path} (below {@code /latest/}, e.g. {@code meta-data/instance-id}) holds. */
    public MetadataAnswer answer(String path) {
        Object node = root;
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            if (!(node instanceof Map<?, ?> dir)) return new MetadataAnswer.NotFound();
            node = dir.get(part);
            if (node == null) return new MetadataAnswer.NotFound();
        }
        if (node instanceof Map<?, ?> dir) {
            List<String> lines = new ArrayList<>();
            dir.forEach((k, v) -> lines.add(v instanceof Map<?, ?> ? k + "/" : String.valueOf(k)));
            return new MetadataAnswer.Text(String.join("\n", lines), false);
        }
        if (node instanceof MetadataAnswer a) return a;
        return new MetadataAnswer.Text(String.valueOf(node), false);
    }

    private void build() {
        Map<String, Object> meta = dir(root, "meta-data");
        String region = view.scope().region();
        List<NetworkInterface> interfaces = interfaces();
        NetworkInterface primary = interfaces.isEmpty() ? null : interfaces.get(0);
        String hostname = NetworkInterfaceOps.privateDnsName(region, instance.privateIpAddress());
        meta.put("ami-id", instance.imageId());
        meta.put("ami-launch-index", String.valueOf(instance.amiLaunchIndex()));
        meta.put("hostname", hostname);
        iam(meta);
        meta.put("instance-id", instance.id());
        meta.put("instance-life-cycle", "on-demand");
        meta.put("instance-type", instance.instanceType());
        meta.put("local-hostname", hostname);
        meta.put("local-ipv4", instance.privateIpAddress());
        if (primary != null) meta.put("mac", primary.macAddress());
        Map<String, Object> macs = dir(dir(dir(meta, "network"), "interfaces"), "macs");
        for (NetworkInterface eni : interfaces) macs.put(eni.macAddress(), networkInterface(eni, region));
        Map<String, Object> placement = dir(meta, "placement");
        placement.put("availability-zone", instance.availabilityZone());
        placement.put("availability-zone-id", zoneId(region, instance.availabilityZone()));
        placement.put("region", region);
        if (primary != null && primary.publicIp() != null) meta.put("public-ipv4", primary.publicIp());
        meta.put("reservation-id", instance.reservationId());
        if (primary != null) meta.put("security-groups", String.join("\n", groupNames(primary)));
        if (options().tagsEnabled()) {
            Map<String, Object> tags = dir(dir(meta, "tags"), "instance");
            view.find(ResourceTags.class, instance.id()).ifPresent(t -> tags.putAll(t.tags()));
        }
        Map<String, Object> dynamic = dir(root, "dynamic");
        dir(dynamic, "instance-identity").put("document", new MetadataAnswer.Text(identityDocument(region), true));
        String userData = InstanceSettingsOps.of(view, instance.id()).userData();
        if (userData != null) root.put("user-data", decoded(userData));
    }

    /** User data is kept as RunInstances took it, base64; the instance reads it decoded (as given, if it is not base64). */
    private static String decoded(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return base64;
        }
    }

    /** {@code iam/} exists only while an instance profile is associated. */
    private void iam(Map<String, Object> meta) {
        Optional<IamInstanceProfileAssociation> association = InstanceProfileAssociations.of(view, instance.id());
        if (association.isEmpty()) return;
        IamInstanceProfileAssociation a = association.get();
        View iam = views.apply(IamScope.of(view.scope().account()));
        IamInstanceProfile profile = iam == null ? null : IamInstanceProfiles.findByArn(iam, a.profileArn()).orElse(null);
        Map<String, Object> dir = dir(meta, "iam");
        ObjectNode info = ResourceCodec.mapper().createObjectNode().put("Code", "Success")
                .put("LastUpdated", seconds(a.associatedAt()))
                .put("InstanceProfileArn", a.profileArn()).put("InstanceProfileId", a.profileId());
        dir.put("info", new MetadataAnswer.Text(pretty(info), true));
        Map<String, Object> credentials = dir(dir, "security-credentials");
        if (profile != null && profile.roleName() != null) {
            credentials.put(profile.roleName(), new MetadataAnswer.RoleCredentials(view.scope().account(), profile.roleName(), instance.id(),
                    instance.vpcId(), instance.privateIpAddress()));
        }
    }

    private Map<String, Object> networkInterface(NetworkInterface eni, String region) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("device-number", String.valueOf(eni.attachment() == null ? 0 : eni.attachment().deviceIndex()));
        d.put("interface-id", eni.id());
        d.put("local-hostname", NetworkInterfaceOps.privateDnsName(region, eni.privateIpAddress()));
        List<String> ips = new ArrayList<>();
        ips.add(eni.privateIpAddress());
        ips.addAll(eni.secondaryPrivateIpAddresses());
        d.put("local-ipv4s", String.join("\n", ips));
        d.put("mac", eni.macAddress());
        d.put("owner-id", eni.ownerId());
        if (eni.publicIp() != null) d.put("public-ipv4s", eni.publicIp());
        d.put("security-group-ids", String.join("\n", eni.groupIds()));
        d.put("security-groups", String.join("\n", groupNames(eni)));
        d.put("subnet-id", eni.subnetId());
        view.find(Subnet.class, eni.subnetId()).ifPresent(s -> d.put("subnet-ipv4-cidr-block", s.cidrBlock()));
        d.put("vpc-id", eni.vpcId());
        view.find(Vpc.class, eni.vpcId()).ifPresent(v -> {
            d.put("vpc-ipv4-cidr-block", v.primaryCidr());
            d.put("vpc-ipv4-cidr-blocks", String.join("\n", v.cidrs().stream().filter(c -> "associated".equals(c.state()))
                    .map(c -> c.cidrBlock()).toList()));
        });
        return d;
    }

    /** The instance identity document, with the members and layout EC2 writes. */
    private String identityDocument(String region) {
        ObjectNode d = ResourceCodec.mapper().createObjectNode();
        d.put("accountId", view.scope().account());
        d.put("architecture", ARM_TYPE.matcher(instance.instanceType()).matches() ? "arm64" : "x86_64");
        d.put("availabilityZone", instance.availabilityZone());
        d.putNull("billingProducts");
        d.putNull("devpayProductCodes");
        d.putNull("marketplaceProductCodes");
        d.put("imageId", instance.imageId());
        d.put("instanceId", instance.id());
        d.put("instanceType", instance.instanceType());
        d.putNull("kernelId");
        d.put("pendingTime", seconds(instance.launchTime()));
        d.put("privateIp", instance.privateIpAddress());
        d.putNull("ramdiskId");
        d.put("region", region);
        d.put("version", "2017-09-30");
        return pretty(d);
    }

    private List<NetworkInterface> interfaces() {
        List<NetworkInterface> out = new ArrayList<>();
        for (String id : instance.networkInterfaceIds()) view.find(NetworkInterface.class, id).ifPresent(out::add);
        out.sort(Comparator.comparingInt(e -> e.attachment() == null ? 0 : e.attachment().deviceIndex()));
        return out;
    }

    private List<String> groupNames(NetworkInterface eni) {
        return eni.groupIds().stream().map(id -> view.find(SecurityGroup.class, id).map(SecurityGroup::groupName).orElse(id)).toList();
    }

    private static String zoneId(String region, String zone) {
        return Regions.find(region).flatMap(r -> r.zoneByName(zone)).map(z -> z.id()).orElse(zone);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dir(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    /** Two-space indentation and {@code "key" : value}, as EC2 writes its JSON documents. */
    static String pretty(ObjectNode node) {
        try {
            return ResourceCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The document {@code iam/security-credentials/<role>} answers with: the session's keys and when they expire
     * (EC2 makes new ones available well before).
     */
    public static String credentialsDocument(io.localvpc.core.identity.StsSession s, Instant lastUpdated) {
        ObjectNode d = ResourceCodec.mapper().createObjectNode().put("Code", "Success").put("LastUpdated", seconds(lastUpdated))
                .put("Type", "AWS-HMAC").put("AccessKeyId", s.id()).put("SecretAccessKey", s.secretAccessKey())
                .put("Token", s.sessionToken()).put("Expiration", seconds(s.expiresAt()));
        return pretty(d);
    }

    /** Timestamps are whole seconds in EC2's documents. */
    private static String seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
