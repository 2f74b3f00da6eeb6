package io.localvpc.core.ops.elbv2;

import io.localvpc.core.ops.SecurityGroupOps;
import io.localvpc.core.state.Scope;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names ELBv2 gives its resources: ARNs (which are their ids), DNS names, and the hosted zone of a Network Load
 * Balancer's DNS name in each region (the values AWS publishes, which Route 53 alias records name).
 */
public final class Elbv2Arns {
    /** AWS's canonical hosted zone ids of Network Load Balancers ({@code *.elb.<region>.amazonaws.com}) by region. */
    private static final Map<String, String> NLB_HOSTED_ZONES = Map.ofEntries(
            Map.entry("us-east-1", "Z26RNL4JYFTOTI"), Map.entry("us-east-2", "ZLMOA37VPKANP"),
            Map.entry("us-west-1", "Z24FKFUX50B4VW"), Map.entry("us-west-2", "Z18D5FSROUN65G"),
            Map.entry("ca-central-1", "Z2EPGBW3API2WT"), Map.entry("sa-east-1", "ZTK26PT1VY4CU"),
            Map.entry("eu-west-1", "Z2IFOLAFXWLO4F"), Map.entry("eu-west-2", "ZD4D7Y8KGAS4G"),
            Map.entry("eu-west-3", "Z1CMS0P5QUZ6D5"), Map.entry("eu-central-1", "Z3F0SRJ5LGBH90"),
            Map.entry("eu-north-1", "Z1UDT6IFJ4EJM"), Map.entry("ap-south-1", "ZVDDRBQ08TROA"),
            Map.entry("ap-northeast-1", "Z31USIVHYNEOWT"), Map.entry("ap-northeast-2", "ZIBE1TIR4HY56"),
            Map.entry("ap-southeast-1", "ZKVM4W9LS7TM"), Map.entry("ap-southeast-2", "ZCT6FZBF4DROD"));

    private Elbv2Arns() {
    }

    /** Sixteen lowercase hex digits, as ELBv2 puts at the end of its ARNs and in its DNS names. */
    public static String hex16() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static String prefix(Scope scope) {
        return "arn:" + SecurityGroupOps.partition(scope.region()) + ":elasticloadbalancing:" + scope.region() + ":" + scope.account() + ":";
    }

    public static String loadBalancer(Scope scope, String name, String hex) {
        return prefix(scope) + "loadbalancer/net/" + name + "/" + hex;
    }

    public static String targetGroup(Scope scope, String name, String hex) {
        return prefix(scope) + "targetgroup/" + name + "/" + hex;
    }

    /** A listener's ARN: its load balancer's with {@code listener/} for {@code loadbalancer/}, and its own hex. */
    public static String listener(String loadBalancerArn, String hex) {
        return loadBalancerArn.replace(":loadbalancer/", ":listener/") + "/" + hex;
    }

    /** The last path segment of an ELBv2 ARN (the load balancer's or group's hex id). */
    public static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    public static String dnsName(String name, String region) {
        return name.toLowerCase(java.util.Locale.ROOT) + "-" + hex16() + ".elb." + region + ".amazonaws.com";
    }

    /** The hosted zone of NLB DNS names in {@code region}, or null for a region localvpc has no value for. */
    public static String canonicalHostedZoneId(String region) {
        return NLB_HOSTED_ZONES.get(region);
    }

    /** What kind of ELBv2 resource an ARN names: {@code loadbalancer}, {@code targetgroup}, {@code listener}, or null. */
    public static String kindOf(String arn) {
        if (arn == null || !arn.startsWith("arn:")) return null;
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("elasticloadbalancing")) return null;
        int slash = parts[5].indexOf('/');
        return slash < 0 ? null : parts[5].substring(0, slash);
    }
}
