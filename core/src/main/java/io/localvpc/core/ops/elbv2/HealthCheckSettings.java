package io.localvpc.core.ops.elbv2;

import io.localvpc.core.model.TargetGroup;

/**
 * The health-check settings of a Network Load Balancer's target group: AWS's defaults (TCP checks on the traffic port
 * every 30 seconds, 10 seconds timeout — 6 for HTTP —, healthy after 5 successes, unhealthy after 2 failures) and
 * AWS's ranges and combinations.
 */
public final class HealthCheckSettings {
    /** The HealthCheck* parameters of CreateTargetGroup or ModifyTargetGroup; null means not given. */
    public record Given(Boolean enabled, String protocol, String port, String path, String matcher, Integer intervalSeconds,
                        Integer timeoutSeconds, Integer healthyThreshold, Integer unhealthyThreshold) {
        public static final Given NONE = new Given(null, null, null, null, null, null, null, null, null);
    }

    private HealthCheckSettings() {
    }

    /** The settings of a new group: what was given over AWS's defaults, checked. */
    public static TargetGroup.HealthCheck create(Given g) {
        return apply(null, g);
    }

    /** The settings after ModifyTargetGroup: what was given over the current settings, checked. */
    public static TargetGroup.HealthCheck modify(TargetGroup.HealthCheck current, Given g) {
        return apply(current, g);
    }

    private static TargetGroup.HealthCheck apply(TargetGroup.HealthCheck cur, Given g) {
        if (Boolean.FALSE.equals(g.enabled())) {
            throw Elbv2Errors.validation("Health checks cannot be disabled for target groups with target type 'instance' or 'ip'");
        }
        String protocol = g.protocol() != null ? g.protocol() : cur != null ? cur.protocol() : "TCP";
        if (!protocol.equals("TCP") && !protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
            throw Elbv2Errors.validation("Health check protocol '" + protocol + "' is not supported for Network Load Balancer target groups; use TCP, HTTP or HTTPS");
        }
        boolean http = !protocol.equals("TCP");
        boolean protocolChanged = cur != null && !cur.protocol().equals(protocol);
        String port = g.port() != null ? g.port() : cur != null ? cur.port() : "traffic-port";
        if (!port.equals("traffic-port")) {
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw Elbv2Errors.validation("Health check port '" + port + "' must be 'traffic-port' or a port number from 1 to 65535");
            }
            if (p < 1 || p > 65535) throw Elbv2Errors.validation("Health check port '" + port + "' must be 'traffic-port' or a port number from 1 to 65535");
        }
        if (!http && g.path() != null) throw Elbv2Errors.invalidConfiguration("Health check path can be set only for HTTP or HTTPS health checks");
        if (!http && g.matcher() != null) throw Elbv2Errors.invalidConfiguration("Health check matcher can be set only for HTTP or HTTPS health checks");
        String path = !http ? null : g.path() != null ? g.path() : cur != null && cur.path() != null ? cur.path() : "/";
        if (path != null && (!path.startsWith("/") || path.length() > 1024)) {
            throw Elbv2Errors.validation("Health check path '" + path + "' must begin with '/' and be at most 1024 characters");
        }
        String matcher = !http ? null : g.matcher() != null ? checkMatcher(g.matcher()) : cur != null && cur.matcher() != null ? cur.matcher() : "200-399";
        int interval = Elbv2Errors.range("healthCheckIntervalSeconds", g.intervalSeconds(), 5, 300, cur != null ? cur.intervalSeconds() : 30);
        int defaultTimeout = protocol.equals("HTTP") ? 6 : 10;
        int timeout = Elbv2Errors.range("healthCheckTimeoutSeconds", g.timeoutSeconds(), 2, 120,
                cur != null && !protocolChanged ? cur.timeoutSeconds() : defaultTimeout);
        if (timeout > interval) {
            throw Elbv2Errors.validation("Health check timeout (" + timeout + " s) must be smaller than or equal to the interval (" + interval + " s)");
        }
        int healthy = Elbv2Errors.range("healthyThresholdCount", g.healthyThreshold(), 2, 10, cur != null ? cur.healthyThreshold() : 5);
        int unhealthy = Elbv2Errors.range("unhealthyThresholdCount", g.unhealthyThreshold(), 2, 10, cur != null ? cur.unhealthyThreshold() : 2);
        return new TargetGroup.HealthCheck(true, protocol, port, path, matcher, interval, timeout, healthy, unhealthy);
    }

    /** HTTP codes as NLBs accept them: {@code 200}, {@code 200,202}, {@code 200-299}, each from 200 to 599. */
    static String checkMatcher(String m) {
        for (String part : m.split(",", -1)) {
            String[] range = part.trim().split("-", -1);
            if (range.length > 2) throw badMatcher(m);
            int lo = code(range[0], m);
            int hi = range.length == 2 ? code(range[1], m) : lo;
            if (hi < lo) throw badMatcher(m);
        }
        return m;
    }

    private static int code(String s, String m) {
        try {
            int c = Integer.parseInt(s.trim());
            if (c < 200 || c > 599) throw badMatcher(m);
            return c;
        } catch (NumberFormatException e) {
            throw badMatcher(m);
        }
    }

    private static RuntimeException badMatcher(String m) {
        return Elbv2Errors.validation("Health check matcher HTTP code '" + m + "' must be codes from 200 to 599, as '200', '200,202' or '200-299'");
    }

    /** Whether {@code status} is one of the matcher's codes. */
    public static boolean matches(String matcher, int status) {
        for (String part : matcher.split(",")) {
            String[] range = part.trim().split("-");
            int lo = Integer.parseInt(range[0].trim());
            int hi = range.length == 2 ? Integer.parseInt(range[1].trim()) : lo;
            if (status >= lo && status <= hi) return true;
        }
        return false;
    }
}
