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
        Variant variant) implements Resource {

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
        PENDING("pending"), AVAILABLE("available"), DELETING("deleting"), DELETED("deleted");

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

    /** The state at {@code now}, derived from the lifecycle's timestamps. */
    public State state(Instant now) {
        if (deletedAt != null && !now.isBefore(deletedAt)) return State.DELETED;
        if (deletingAt != null) return State.DELETING;
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
                createdAt, availableAt, deletingAt, deletedAt, next);
    }

    public VpcEndpoint withPolicyDocument(String policy) {
        return new VpcEndpoint(id, ownerId, vpcId, serviceName, serviceRegion, policy, ipAddressType, dnsRecordIpType,
                createdAt, availableAt, deletingAt, deletedAt, variant);
    }

    public VpcEndpoint withDeletion(Instant deleting, Instant deleted) {
        return new VpcEndpoint(id, ownerId, vpcId, serviceName, serviceRegion, policyDocument, ipAddressType, dnsRecordIpType,
                createdAt, availableAt, deleting, deleted, variant);
    }
}
