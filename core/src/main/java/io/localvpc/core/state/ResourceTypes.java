package io.localvpc.core.state;

import io.localvpc.core.identity.IamAccessKey;
import io.localvpc.core.identity.IamInstanceProfile;
import io.localvpc.core.identity.IamPolicy;
import io.localvpc.core.identity.IamRole;
import io.localvpc.core.identity.IamUser;
import io.localvpc.core.identity.StsSession;
import io.localvpc.core.model.Address;
import io.localvpc.core.model.IamInstanceProfileAssociation;
import io.localvpc.core.model.InstanceSettings;
import io.localvpc.core.model.BucketPolicy;
import io.localvpc.core.model.IdempotencyRecord;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.ManagedPrefixList;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkInsightsAnalysis;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The name each kind of stored resource is kept under, in the journal and in state exports. The names are
 * written here once (AWS's own resource-type names where AWS has one) and never derived from Java class
 * names, so a record can be renamed or moved without making existing data directories or exports unreadable.
 * A name, once used, is never given to another kind of resource.
 */
public final class ResourceTypes {
    private static final Map<String, Class<? extends Resource>> BY_NAME = new LinkedHashMap<>();

    // Parents before the resources that refer to them: a state import checks references in this order.
    static {
        add("vpc", Vpc.class);
        add("subnet", Subnet.class);
        add("route-table", RouteTable.class);
        add("internet-gateway", InternetGateway.class);
        add("natgateway", NatGateway.class);
        add("elastic-ip", Address.class);
        add("security-group", SecurityGroup.class);
        add("network-acl", NetworkAcl.class);
        add("network-interface", NetworkInterface.class);
        add("instance", Instance.class);
        add("vpc-endpoint", VpcEndpoint.class);
        add("load-balancer", io.localvpc.core.model.LoadBalancer.class);
        add("target-group", io.localvpc.core.model.TargetGroup.class);
        add("listener", io.localvpc.core.model.Listener.class);
        add("vpc-endpoint-service", io.localvpc.core.model.VpcEndpointServiceConfiguration.class);
        add("vpc-endpoint-service-permission", io.localvpc.core.model.VpcEndpointServicePermission.class);
        add("vpc-endpoint-connection-notification", io.localvpc.core.model.VpcEndpointConnectionNotification.class);
        add("prefix-list", ManagedPrefixList.class);
        add("network-insights-path", NetworkInsightsPath.class);
        add("network-insights-analysis", NetworkInsightsAnalysis.class);
        add("vpc-flow-log", io.localvpc.core.model.FlowLog.class);
        add("iam-user", IamUser.class);
        add("iam-access-key", IamAccessKey.class);
        add("iam-role", IamRole.class);
        add("iam-policy", IamPolicy.class);
        add("iam-instance-profile", IamInstanceProfile.class);
        add("sts-session", StsSession.class);
        add("iam-instance-profile-association", IamInstanceProfileAssociation.class);
        add("instance-settings", InstanceSettings.class);
        add("instance-metadata-options", io.localvpc.core.model.InstanceMetadataOptions.class);
        add("tags", ResourceTags.class);
        add("s3-bucket-policy", BucketPolicy.class);
        add("client-token", IdempotencyRecord.class);
        add("scope-marker", ScopeMarker.class);
    }

    /**
     * The names state schema 0 (releases before the state schema had a version) used: the Java class names
     * of that time, which are frozen here as text so that renaming a class today does not change them.
     */
    private static final Map<String, String> SCHEMA0_NAMES = Map.ofEntries(
            Map.entry("io.localvpc.core.model.Vpc", "vpc"),
            Map.entry("io.localvpc.core.model.Subnet", "subnet"),
            Map.entry("io.localvpc.core.model.RouteTable", "route-table"),
            Map.entry("io.localvpc.core.model.InternetGateway", "internet-gateway"),
            Map.entry("io.localvpc.core.model.NatGateway", "natgateway"),
            Map.entry("io.localvpc.core.model.Address", "elastic-ip"),
            Map.entry("io.localvpc.core.model.SecurityGroup", "security-group"),
            Map.entry("io.localvpc.core.model.NetworkAcl", "network-acl"),
            Map.entry("io.localvpc.core.model.NetworkInterface", "network-interface"),
            Map.entry("io.localvpc.core.model.Instance", "instance"),
            Map.entry("io.localvpc.core.model.VpcEndpoint", "vpc-endpoint"),
            Map.entry("io.localvpc.core.model.ManagedPrefixList", "prefix-list"),
            Map.entry("io.localvpc.core.model.ResourceTags", "tags"),
            Map.entry("io.localvpc.core.model.BucketPolicy", "s3-bucket-policy"),
            Map.entry("io.localvpc.core.model.IdempotencyRecord", "client-token"),
            Map.entry("io.localvpc.core.state.ScopeMarker", "scope-marker"));

    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            for (Map.Entry<String, Class<? extends Resource>> e : BY_NAME.entrySet()) {
                if (e.getValue() == type) return e.getKey();
            }
            return null;
        }
    };

    private ResourceTypes() {
    }

    private static void add(String name, Class<? extends Resource> type) {
        BY_NAME.put(name, type);
    }

    /** The stored name of a resource type; a type that is not in the table cannot be stored. */
    public static String nameOf(Class<? extends Resource> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " is not a stored resource type: give it a name in ResourceTypes");
        }
        return name;
    }

    public static Optional<Class<? extends Resource>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every stored name, in the table's order. */
    public static Iterable<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /** What schema 0 stored under {@code className} is stored under today. */
    public static Optional<String> fromSchema0(String className) {
        return Optional.ofNullable(SCHEMA0_NAMES.get(className));
    }

    /** Schema 0's names and today's, for migrating a database in place. */
    public static Map<String, String> schema0Names() {
        return SCHEMA0_NAMES;
    }
}
