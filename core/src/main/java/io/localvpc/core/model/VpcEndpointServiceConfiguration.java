package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint service (PrivateLink from the provider's side): a service that consumers in other VPCs and accounts
 * reach through interface endpoints, served by the provider's Network Load Balancers. The id is {@code vpce-svc-…};
 * consumers ask for it by {@link #serviceName()} ({@code com.amazonaws.vpce.<region>.vpce-svc-…}).
 *
 * <p>The lifecycle is stored as timestamps, as for VPC endpoints: {@code Pending} until {@code availableAt}, then
 * {@code Available}; {@code Deleting} once {@code deletingAt} is set.
 *
 * @param availabilityZones the zones of its load balancers' nodes (zone names)
 * @param privateDnsName    the provider's own DNS name for the service, or null
 * @param privateDnsState   the verification state of {@code privateDnsName}: {@code pendingVerification},
 *                          {@code verified} or {@code failed}; null without a name
 * @param privateDnsToken   the value of the TXT record that verifies the name, null without a name
 */
public record VpcEndpointServiceConfiguration(
        String id,
        String ownerId,
        String serviceName,
        List<String> networkLoadBalancerArns,
        boolean acceptanceRequired,
        List<String> availabilityZones,
        String privateDnsName,
        String privateDnsState,
        String privateDnsToken,
        List<String> supportedIpAddressTypes,
        Instant createdAt,
        Instant availableAt,
        Instant deletingAt) implements Resource {

    public VpcEndpointServiceConfiguration {
        networkLoadBalancerArns = List.copyOf(networkLoadBalancerArns);
        availabilityZones = List.copyOf(availabilityZones);
        supportedIpAddressTypes = List.copyOf(supportedIpAddressTypes);
    }

    /** {@code ServiceState} values, capitalised as AWS writes them. */
    public enum State implements LifecycleState {
        PENDING("Pending"), AVAILABLE("Available"), DELETING("Deleting"), DELETED("Deleted"), FAILED("Failed");

        private final String awsName;

        State(String awsName) {
            this.awsName = awsName;
        }

        @Override
        public String awsName() {
            return awsName;
        }

        @Override
        public String toString() {
            return awsName;
        }
    }

    public State state(Instant now) {
        if (deletingAt != null) return State.DELETING;
        return now.isBefore(availableAt) ? State.PENDING : State.AVAILABLE;
    }
}
