package io.localvpc.core.ops.elbv2;

import io.localvpc.core.AwsException;

/** ELBv2's error codes (from its model) with messages a person can act on. */
public final class Elbv2Errors {
    private Elbv2Errors() {
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationError", message);
    }

    public static AwsException invalidConfiguration(String message) {
        return new AwsException("InvalidConfigurationRequest", message);
    }

    /** What localvpc does not build (Application and Gateway Load Balancers, Lambda and ALB targets…). */
    public static AwsException unsupported(String message) {
        return new AwsException("UnsupportedOperation", message + " localvpc builds Network Load Balancers only.");
    }

    public static AwsException loadBalancerNotFound(String what) {
        return new AwsException("LoadBalancerNotFound", "Load balancer '" + what + "' not found");
    }

    public static AwsException targetGroupNotFound(String what) {
        return new AwsException("TargetGroupNotFound", "Target group '" + what + "' not found");
    }

    public static AwsException listenerNotFound(String what) {
        return new AwsException("ListenerNotFound", "Listener '" + what + "' not found");
    }

    public static AwsException invalidTarget(String message) {
        return new AwsException("InvalidTarget", message);
    }

    public static AwsException resourceInUse(String message) {
        return new AwsException("ResourceInUse", message);
    }

    /** A value that must be an integer in a range, as the model constrains it. */
    public static int range(String what, Integer value, int min, int max, int otherwise) {
        if (value == null) return otherwise;
        if (value < min || value > max) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + what + "' failed to satisfy constraint: Member must have value "
                    + (value < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return value;
    }

    /** Load balancer and target group names: 1–32 letters, digits and hyphens, no hyphen at either end. */
    public static String checkName(String kind, String name) {
        if (name == null || name.isEmpty()) throw validation("A " + kind + " name must be specified");
        if (name.length() > 32) throw validation(capitalised(kind) + " name '" + name + "' cannot be longer than '32' characters");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) throw validation(capitalised(kind) + " name '" + name + "' can only contain characters that are alphanumeric characters or hyphens(-)");
        }
        if (name.startsWith("-") || name.endsWith("-")) throw validation(capitalised(kind) + " name '" + name + "' cannot begin or end with '-' character");
        return name;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
