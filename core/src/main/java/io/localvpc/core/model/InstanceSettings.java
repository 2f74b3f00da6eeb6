package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

/**
 * An instance's launch settings that change what may be done to it, kept under the instance's id only when any
 * differs from AWS's default: its user data (base64, as given), termination and stop protection, and what a
 * shutdown from inside does ({@code stop} or {@code terminate}; nothing inside a localvpc instance shuts it down).
 */
public record InstanceSettings(String id, String userData, boolean disableApiTermination, boolean disableApiStop,
                               String shutdownBehavior) implements Resource {
    public static final String STOP = "stop";

    public static InstanceSettings defaults(String instanceId) {
        return new InstanceSettings(instanceId, null, false, false, STOP);
    }

    public boolean isDefault() {
        return userData == null && !disableApiTermination && !disableApiStop && STOP.equals(shutdownBehavior);
    }

    public InstanceSettings withUserData(String value) {
        return new InstanceSettings(id, value == null || value.isEmpty() ? null : value, disableApiTermination, disableApiStop, shutdownBehavior);
    }

    public InstanceSettings withDisableApiTermination(boolean value) {
        return new InstanceSettings(id, userData, value, disableApiStop, shutdownBehavior);
    }

    public InstanceSettings withDisableApiStop(boolean value) {
        return new InstanceSettings(id, userData, disableApiTermination, value, shutdownBehavior);
    }

    public InstanceSettings withShutdownBehavior(String value) {
        return new InstanceSettings(id, userData, disableApiTermination, disableApiStop, value);
    }
}
