package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;

/**
 * An EC2 instance as localvpc models it: a network identity (its network interfaces, the first being the
 * primary one at device index 0), not a virtual machine. Programs run "inside" it through the workload proxy.
 *
 * <p>The lifecycle is kept without background work: {@code state} is the state the last call set and
 * {@code settlesAt} the moment a transitional state (pending, stopping, shutting-down) becomes its end
 * state. {@link #stateAt(Instant)} gives what a caller sees at a given time.
 */
public record Instance(
        String id,
        String ownerId,
        String reservationId,
        String imageId,
        String instanceType,
        String keyName,
        int amiLaunchIndex,
        String subnetId,
        String vpcId,
        String availabilityZone,
        String privateIpAddress,
        List<String> networkInterfaceIds,
        State state,
        Instant settlesAt,
        Instant firstLaunchedAt,
        Instant launchTime,
        String stateTransitionReason,
        boolean assignsPublicIp,
        String autoAssignedPublicIp,
        String clientToken) implements Resource {

    /** How long AWS keeps listing a terminated instance before it vanishes from DescribeInstances. */
    public static final java.time.Duration TERMINATED_VISIBILITY = java.time.Duration.ofHours(1);

    public Instance {
        networkInterfaceIds = List.copyOf(networkInterfaceIds);
    }

    /** AWS's instance states with their codes; a transitional state names the state it settles into. */
    public enum State implements LifecycleState {
        PENDING(0, "pending"),
        RUNNING(16, "running"),
        SHUTTING_DOWN(32, "shutting-down"),
        TERMINATED(48, "terminated"),
        STOPPING(64, "stopping"),
        STOPPED(80, "stopped");

        private final int code;
        private final String awsName;

        State(int code, String awsName) {
            this.code = code;
            this.awsName = awsName;
        }

        public int code() {
            return code;
        }

        @Override
        public String awsName() {
            return awsName;
        }

        @Override
        public String toString() {
            return awsName;
        }

        /**
         * Why an instance in this state cannot carry a connection and what to do about it, in the words the
         * trace, the proxy's refusals and {@code localvpc exec} all use.
         */
        public String whyNotRunning(String instanceId) {
            String advice = switch (this) {
                case PENDING -> "it is starting; wait until it is running (aws ec2 wait instance-running --instance-ids " + instanceId + ")";
                case STOPPING -> "wait until it has stopped (aws ec2 wait instance-stopped --instance-ids " + instanceId
                        + "), then start it (aws ec2 start-instances --instance-ids " + instanceId + ")";
                case STOPPED -> "start it first (aws ec2 start-instances --instance-ids " + instanceId + ")";
                case SHUTTING_DOWN, TERMINATED -> "a terminated instance never runs again; launch a new one (aws ec2 run-instances)";
                case RUNNING -> "it is running";
            };
            return "instance " + instanceId + " is " + awsName + ", not running; " + advice;
        }

        /** The state named as AWS names it ({@code shutting-down}), or null. */
        public static State ofAwsName(String name) {
            for (State s : values()) if (s.awsName.equals(name)) return s;
            return null;
        }

        /** The state this one becomes once its transition is over (itself for stable states). */
        public State settled() {
            return switch (this) {
                case PENDING -> RUNNING;
                case STOPPING -> STOPPED;
                case SHUTTING_DOWN -> TERMINATED;
                default -> this;
            };
        }
    }

    /** The state a caller sees at {@code now}. */
    /** A route to an instance carries traffic only while the instance runs (otherwise the route is a blackhole). */
    public boolean canForward(io.localvpc.core.state.View view) {
        return stateAt(view.now()) == State.RUNNING;
    }

    public State stateAt(Instant now) {
        return now.isBefore(settlesAt) ? state : state.settled();
    }

    /** Terminated instances stay listed for about an hour, then are gone. */
    public boolean visibleAt(Instant now) {
        return !(state.settled() == State.TERMINATED && !now.isBefore(settlesAt.plus(TERMINATED_VISIBILITY)));
    }

    /** The primary network interface (device index 0), if it still exists (it is deleted on termination). */
    public String primaryNetworkInterfaceId() {
        return networkInterfaceIds.isEmpty() ? null : networkInterfaceIds.get(0);
    }

    public Instance withState(State next, Instant settles, String reason) {
        return new Instance(id, ownerId, reservationId, imageId, instanceType, keyName, amiLaunchIndex, subnetId, vpcId, availabilityZone,
                privateIpAddress, networkInterfaceIds, next, settles, firstLaunchedAt, launchTime, reason, assignsPublicIp, autoAssignedPublicIp, clientToken);
    }

    public Instance withLaunchTime(Instant t) {
        return new Instance(id, ownerId, reservationId, imageId, instanceType, keyName, amiLaunchIndex, subnetId, vpcId, availabilityZone,
                privateIpAddress, networkInterfaceIds, state, settlesAt, firstLaunchedAt, t, stateTransitionReason, assignsPublicIp, autoAssignedPublicIp, clientToken);
    }

    public Instance withAutoAssignedPublicIp(String ip) {
        return new Instance(id, ownerId, reservationId, imageId, instanceType, keyName, amiLaunchIndex, subnetId, vpcId, availabilityZone,
                privateIpAddress, networkInterfaceIds, state, settlesAt, firstLaunchedAt, launchTime, stateTransitionReason, assignsPublicIp, ip, clientToken);
    }

    public Instance withNetworkInterfaceIds(List<String> ids) {
        return new Instance(id, ownerId, reservationId, imageId, instanceType, keyName, amiLaunchIndex, subnetId, vpcId, availabilityZone,
                privateIpAddress, ids, state, settlesAt, firstLaunchedAt, launchTime, stateTransitionReason, assignsPublicIp, autoAssignedPublicIp, clientToken);
    }
}
