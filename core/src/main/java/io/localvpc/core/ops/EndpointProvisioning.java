package io.localvpc.core.ops;

import java.time.Duration;

/**
 * How long an interface endpoint stays {@code pending} after creation, and {@code deleting} after
 * deletion (AWS takes about a minute; localvpc defaults to 2 seconds so a fast poller still sees the
 * transition). Read when an endpoint is created or deleted and stored on it as a timestamp, so changing
 * it affects only later endpoints. Set with the system property {@code localvpc.endpoint.provisioningDelay}
 * (milliseconds) or {@link #setDelay}.
 */
public final class EndpointProvisioning {
    public static final String PROPERTY = "localvpc.endpoint.provisioningDelay";
    private static final Duration DEFAULT = Duration.ofSeconds(2);
    private static volatile Duration override;

    private EndpointProvisioning() {
    }

    public static Duration delay() {
        Duration o = override;
        if (o != null) return o;
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            try {
                return Duration.ofMillis(Long.parseLong(prop.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(PROPERTY + " must be a number of milliseconds, not '" + prop + "'", e);
            }
        }
        return DEFAULT;
    }

    /** Sets the delay for endpoints created from now on; null returns to the property or the default. */
    public static void setDelay(Duration delay) {
        if (delay != null && delay.isNegative()) throw new IllegalArgumentException("delay must not be negative: " + delay);
        override = delay;
    }
}
