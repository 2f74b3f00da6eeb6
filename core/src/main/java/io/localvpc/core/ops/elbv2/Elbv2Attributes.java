package io.localvpc.core.ops.elbv2;

import io.localvpc.core.model.TargetGroup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The attributes of Network Load Balancers and their target groups: AWS's defaults (what Describe…Attributes shows
 * for a new one), which keys an NLB accepts, and what each value may be. Only values set away from the default are
 * stored; Describe merges them over the defaults.
 */
public final class Elbv2Attributes {
    public static final String CROSS_ZONE = "load_balancing.cross_zone.enabled";
    public static final String DELETION_PROTECTION = "deletion_protection.enabled";
    public static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    public static final String PRESERVE_CLIENT_IP = "preserve_client_ip.enabled";

    private static final Predicate<String> BOOLEAN = v -> v.equals("true") || v.equals("false");
    private static final Predicate<String> ANY = v -> true;

    private record Key(String defaultValue, Predicate<String> valid, String expected) {
    }

    private static final Map<String, Key> LOAD_BALANCER = new LinkedHashMap<>();
    private static final Map<String, Key> TARGET_GROUP = new LinkedHashMap<>();

    static {
        LOAD_BALANCER.put("access_logs.s3.enabled", new Key("false", BOOLEAN, "true or false"));
        LOAD_BALANCER.put("access_logs.s3.bucket", new Key("", ANY, "a bucket name"));
        LOAD_BALANCER.put("access_logs.s3.prefix", new Key("", ANY, "a key prefix"));
        LOAD_BALANCER.put(DELETION_PROTECTION, new Key("false", BOOLEAN, "true or false"));
        LOAD_BALANCER.put(CROSS_ZONE, new Key("false", BOOLEAN, "true or false"));
        LOAD_BALANCER.put("ipv6.deny_all_igw_traffic", new Key("false", BOOLEAN, "true or false"));
        LOAD_BALANCER.put("dns_record.client_routing_policy", new Key("any_availability_zone",
                v -> v.equals("availability_zone_affinity") || v.equals("partial_availability_zone_affinity") || v.equals("any_availability_zone"),
                "availability_zone_affinity, partial_availability_zone_affinity or any_availability_zone"));
        LOAD_BALANCER.put("zonal_shift.config.enabled", new Key("false", BOOLEAN, "true or false"));

        TARGET_GROUP.put(DEREGISTRATION_DELAY, new Key("300", v -> intIn(v, 0, 3600), "an integer from 0 to 3600"));
        TARGET_GROUP.put("deregistration_delay.connection_termination.enabled", new Key("false", BOOLEAN, "true or false"));
        TARGET_GROUP.put(PRESERVE_CLIENT_IP, new Key(null, BOOLEAN, "true or false"));
        TARGET_GROUP.put("proxy_protocol_v2.enabled", new Key("false", BOOLEAN, "true or false"));
        TARGET_GROUP.put("stickiness.enabled", new Key("false", BOOLEAN, "true or false"));
        TARGET_GROUP.put("stickiness.type", new Key("source_ip", v -> v.equals("source_ip"), "source_ip (for Network Load Balancers)"));
        TARGET_GROUP.put(CROSS_ZONE, new Key("use_load_balancer_configuration",
                v -> BOOLEAN.test(v) || v.equals("use_load_balancer_configuration"), "true, false or use_load_balancer_configuration"));
        TARGET_GROUP.put("target_group_health.dns_failover.minimum_healthy_targets.count", new Key("off", v -> v.equals("off") || intIn(v, 1, 1000), "off or a positive integer"));
        TARGET_GROUP.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", new Key("off", v -> v.equals("off") || intIn(v, 1, 100), "off or an integer from 1 to 100"));
        TARGET_GROUP.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", new Key("1", v -> intIn(v, 1, 1000), "a positive integer"));
        TARGET_GROUP.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", new Key("off", v -> v.equals("off") || intIn(v, 1, 100), "off or an integer from 1 to 100"));
        TARGET_GROUP.put("target_health_state.unhealthy.connection_termination.enabled", new Key("true", BOOLEAN, "true or false"));
        TARGET_GROUP.put("target_health_state.unhealthy.draining_interval_seconds", new Key("0", v -> intIn(v, 0, 360000), "a number of seconds"));
    }

    private Elbv2Attributes() {
    }

    private static boolean intIn(String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Every attribute of a load balancer: the stored ones over AWS's defaults, in AWS's order. */
    public static Map<String, String> ofLoadBalancer(Map<String, String> stored) {
        Map<String, String> out = new LinkedHashMap<>();
        LOAD_BALANCER.forEach((k, v) -> out.put(k, stored.getOrDefault(k, v.defaultValue())));
        return out;
    }

    /**
     * Every attribute of a target group. Client IP preservation defaults to on for instance targets and for UDP and
     * TCP_UDP groups, off for ip targets of TCP and TLS groups, as on AWS.
     */
    public static Map<String, String> ofTargetGroup(TargetGroup g) {
        Map<String, String> out = new LinkedHashMap<>();
        TARGET_GROUP.forEach((k, v) -> out.put(k, g.attributes().getOrDefault(k, v.defaultValue() != null ? v.defaultValue() : defaultPreserveClientIp(g))));
        return out;
    }

    private static String defaultPreserveClientIp(TargetGroup g) {
        boolean on = g.targetType().equals(TargetGroup.INSTANCE) || g.protocol().equals("UDP") || g.protocol().equals("TCP_UDP");
        return String.valueOf(on);
    }

    /** The stored attributes after a Modify…Attributes call: each key and value checked, defaults not stored. */
    public static Map<String, String> modifyLoadBalancer(Map<String, String> stored, Map<String, String> changes) {
        return modify(LOAD_BALANCER, "load balancer", stored, changes, null);
    }

    public static Map<String, String> modifyTargetGroup(TargetGroup g, Map<String, String> changes) {
        return modify(TARGET_GROUP, "target group", g.attributes(), changes, g);
    }

    private static Map<String, String> modify(Map<String, Key> keys, String kind, Map<String, String> stored, Map<String, String> changes, TargetGroup g) {
        if (changes.isEmpty()) throw Elbv2Errors.validation("At least one attribute must be specified");
        Map<String, String> next = new LinkedHashMap<>(stored);
        for (Map.Entry<String, String> c : changes.entrySet()) {
            Key key = keys.get(c.getKey());
            if (key == null) {
                throw Elbv2Errors.invalidConfiguration("The attribute key '" + c.getKey() + "' is not recognized for a Network Load Balancer " + kind
                        + ". Valid keys: " + String.join(", ", keys.keySet()));
            }
            String value = c.getValue() == null ? "" : c.getValue();
            if (!key.valid().test(value)) {
                throw Elbv2Errors.invalidConfiguration("The value '" + value + "' of attribute '" + c.getKey() + "' is not valid; expected " + key.expected());
            }
            String def = key.defaultValue() != null ? key.defaultValue() : defaultPreserveClientIp(g);
            if (value.equals(def)) next.remove(c.getKey());
            else next.put(c.getKey(), value);
        }
        return next;
    }

    /** The deregistration delay of a group in seconds. */
    public static int deregistrationDelaySeconds(TargetGroup g) {
        return Integer.parseInt(ofTargetGroup(g).get(DEREGISTRATION_DELAY));
    }
}
