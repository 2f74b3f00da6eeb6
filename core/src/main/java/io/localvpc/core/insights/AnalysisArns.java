package io.localvpc.core.insights;

import io.localvpc.core.model.NetworkInsightsAnalysis.Component;
import io.localvpc.core.ops.SecurityGroupOps;
import io.localvpc.core.state.Scope;

import java.util.Map;

/** The ARNs an analysis names its components by: EC2's resource type for the id's prefix, in the caller's account and region. */
public final class AnalysisArns {
    private static final Map<String, String> TYPE_BY_PREFIX = Map.ofEntries(
            Map.entry("i", "instance"),
            Map.entry("eni", "network-interface"),
            Map.entry("igw", "internet-gateway"),
            Map.entry("vpce", "vpc-endpoint"),
            Map.entry("rtb", "route-table"),
            Map.entry("acl", "network-acl"),
            Map.entry("sg", "security-group"),
            Map.entry("subnet", "subnet"),
            Map.entry("vpc", "vpc"),
            Map.entry("nat", "natgateway"),
            Map.entry("pl", "prefix-list"),
            Map.entry("nip", "network-insights-path"),
            Map.entry("nia", "network-insights-analysis"));

    private AnalysisArns() {
    }

    /** The resource's ARN, e.g. {@code arn:aws:ec2:us-east-1:000000000000:network-interface/eni-…}. */
    public static String of(Scope scope, String id) {
        int dash = id.indexOf('-');
        String type = dash < 0 ? null : TYPE_BY_PREFIX.get(id.substring(0, dash));
        if (type == null) throw new IllegalArgumentException("no ARN resource type for " + id);
        return "arn:" + SecurityGroupOps.partition(scope.region()) + ":ec2:" + scope.region() + ":" + scope.account() + ":" + type + "/" + id;
    }

    /** Whether an id is of a kind {@link #of} names. */
    public static boolean named(String id) {
        int dash = id == null ? -1 : id.indexOf('-');
        return dash > 0 && TYPE_BY_PREFIX.containsKey(id.substring(0, dash));
    }

    public static Component component(Scope scope, String id) {
        return id == null ? null : new Component(id, of(scope, id));
    }

    /** The resource id an ARN (or an id) names: what follows the last {@code /}. */
    public static String idOf(String idOrArn) {
        return idOrArn.substring(idOrArn.lastIndexOf('/') + 1);
    }
}
