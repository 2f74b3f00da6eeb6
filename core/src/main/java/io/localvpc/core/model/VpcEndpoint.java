package io.localvpc.core.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.localvpc.core.state.Resource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A VPC endpoint. What every endpoint has lives here; what differs between AWS's endpoint types lives in
 * {@link #variant()}: a {@link Gateway} is a set of route-table entries, an {@link Interface} is a set of
 * network interfaces with DNS names. One record type keeps {@code view.all(VpcEndpoint.class)} complete.
 *
 * <p>The lifecycle is stored as timestamps, never as a state string, so that {@code pending → available}
 * and {@code deleting → deleted} happen by the clock without background work: {@code availableAt} is when
 * provisioning finishes, {@code deletingAt} when deletion was asked for, {@code deletedAt} when it finishes.
 */
public record VpcEndpoint(
        String id,
        String ownerId,
        String vpcId,
        String serviceName,
        String serviceRegion,
        String policyDocument,
        String ipAddressType,
        String dnsRecordIpType,
        Instant createdAt,
        Instant availableAt,
        Instant deletingAt,
        Instant deletedAt,
        Variant variant,
        ServiceConnection connection) implements Resource {

    /** An endpoint of an AWS service: no provider decides on it. */
    public VpcEndpoint(String id, String ownerId, String vpcId, String serviceName, String serviceRegion, String policyDocument,
                       String ipAddressType, String dnsRecordIpType, Instant createdAt, Instant availableAt, Instant deletingAt,
                       Instant deletedAt, Variant variant) {
        this(id, ownerId, vpcId, serviceName, serviceRegion, policyDocument, ipAddressType, dnsRecordIpType, createdAt, availableAt,
                deletingAt, deletedAt, variant, null);
    }

    /**
     * The connection of an interface endpoint to a provider's endpoint service ({@code com.amazonaws.vpce.…}): which
     * service in which account, and what the provider decided. {@code decision} is {@code pendingAcceptance},
     * {@code accepted} or {@code rejected}; an accepted connection is {@code pending} until the endpoint's
     * {@code availableAt} (set when it was accepted), then {@code available}.
     */
    public record ServiceConnection(String serviceId, String serviceOwnerId, String decision, Instant decidedAt) {
        public static final String PENDING_ACCEPTANCE = "pendingAcceptance";
        public static final String ACCEPTED = "accepted";
        public static final String REJECTED = "rejected";

        public ServiceConnection decided(String next, Instant at) {
            return new ServiceConnection(serviceId, serviceOwnerId, next, at);
        }
    }

    /** How long a deleted endpoint stays visible (as {@code deleted}) before it vanishes, as on AWS. */
    public static final Duration DELETED_VISIBLE_FOR = Duration.ofMinutes(2);

    /** AWS's endpoint-type specific part. The JSON type tag keeps the journal rows readable. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Gateway.class, name = "Gateway"), @JsonSubTypes.Type(value = Interface.class, name = "Interface")})
    public sealed interface Variant permits Gateway, Interface {
        /** AWS's VpcEndpointType. */
        String endpointType();
    }

    /** A gateway endpoint: one prefix-list route to the endpoint in each of these route tables. */
    public record Gateway(List<String> routeTableIds) implements Variant {
        public Gateway {
            routeTableIds = List.copyOf(routeTableIds);
        }

        @Override
        public String endpointType() {
            return "Gateway";
        }
    }

    /**
     * An interface endpoint: one requester-managed network interface per subnet (same order), the groups
     * on them, and its DNS names. {@code dnsToken} is the 8 random characters in its vpce names;
     * {@code privateHostedZoneId} is the zone AWS keeps the private DNS names in.
     */
    public record Interface(
            List<String> subnetIds,
            List<String> networkInterfaceIds,
            List<String> groupIds,
            boolean privateDnsEnabled,
            String dnsToken,
            String privateHostedZoneId,
            List<DnsEntry> dnsEntries) implements Variant {
        public Interface {
            subnetIds = List.copyOf(subnetIds);
            networkInterfaceIds = List.copyOf(networkInterfaceIds);
            groupIds = List.copyOf(groupIds);
            dnsEntries = List.copyOf(dnsEntries);
        }

        @Override
        public String endpointType() {
            return "Interface";
        }
    }

    public String endpointType() {
        return variant.endpointType();
    }

    /** An endpoint's states, named on the wire in lowerCamel. */
    public enum State implements LifecycleState {
        PENDING_ACCEPTANCE("pendingAcceptance"), PENDING("pending"), AVAILABLE("available"), DELETING("deleting"), DELETED("deleted"),
        REJECTED("rejected");

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

    /**
     * The state at {@code now}, derived from the lifecycle's timestamps and, for an endpoint to a provider's service,
     * the provider's decision. Only {@link State#AVAILABLE} carries traffic.
     */
    public State state(Instant now) {
        if (deletedAt != null && !now.isBefore(deletedAt)) return State.DELETED;
        if (deletingAt != null) return State.DELETING;
        if (connection != null && connection.decision().equals(ServiceConnection.REJECTED)) return State.REJECTED;
        if (connection != null && connection.decision().equals(ServiceConnection.PENDING_ACCEPTANCE)) return State.PENDING_ACCEPTANCE;
        if (availableAt != null && now.isBefore(availableAt)) return State.PENDING;
        return State.AVAILABLE;
    }

    /** Not being deleted: counts towards quotas, holds its routes, interfaces and DNS names. */
    public boolean isActive() {
        return deletingAt == null;
    }

    /** Whether Describe still lists it: everything but deleted endpoints past their short afterlife. */
    public boolean isVisible(Instant now) {
        return deletedAt == null || now.isBefore(deletedAt.plus(DELETED_VISIBLE_FOR));
    }

    public VpcEndpoint withVariant(Variant next) {
        return new VpcEndpoint(id, ownerId, vpcId, serviceName, serviceRegion, policyDocument, ipAddressType, dnsRecordIpType,
                createdAt, availableAt, deletingAt, deletedAt, next, connection);
    }

    public VpcEndpoint withPolicyDocument(String policy) {
        return new VpcEndpoint(id, ownerId, vpcId, serviceName, serviceRegion, policy, ipAddressType, dnsRecordIpType,
                createdAt, availableAt, deletingAt, deletedAt, variant, connection);
    }

    public VpcEndpoint withDeletion(Instant deleting, Instant deleted) {
        return new VpcEndpoint(id, ownerId, vpcId, serviceName, serviceRegion, policyDocument, ipAddressType, dnsRecordIpType,
                createdAt, availableAt, deleting, deleted, variant, connection);
    }

    /** The provider's decision on its connection; an accepted endpoint becomes available at {@code available}. */
    public VpcEndpoint withConnection(ServiceConnection next, Instant available) {
        return new VpcEndpoint(id, ownerId, vpcId, serviceName, serviceRegion, policyDocument, ipAddressType, dnsRecordIpType,
                createdAt, available, deletingAt, deletedAt, variant, next);
    }
}
