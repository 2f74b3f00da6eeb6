package io.localvpc.core.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An AWS endpoint service as DescribeVpcEndpointServices shows it: {@code com.amazonaws.<region>.<name>},
 * the endpoint types it offers ({@code Interface}, {@code Gateway}), its private DNS names
 * (e.g. {@code sqs.us-east-1.amazonaws.com}) and the zones it is offered in. AWS lists a service that
 * offers both types (s3, dynamodb) once per type, each with its own service id: {@link #serviceId(String)}.
 * {@link #serviceId()} is the Interface id when there is one.
 */
public record EndpointService(
        String serviceName,
        String shortName,
        String region,
        String serviceId,
        Set<String> types,
        List<String> privateDnsNames,
        List<String> availabilityZones,
        boolean policySupported,
        boolean acceptanceRequired,
        Map<String, String> serviceIdsByType) {

    public EndpointService {
        types = Set.copyOf(types);
        privateDnsNames = List.copyOf(privateDnsNames);
        availabilityZones = List.copyOf(availabilityZones);
        serviceIdsByType = Map.copyOf(serviceIdsByType);
    }

    /** A service with one id for every type it offers. */
    public EndpointService(String serviceName, String shortName, String region, String serviceId, Set<String> types,
                           List<String> privateDnsNames, List<String> availabilityZones, boolean policySupported,
                           boolean acceptanceRequired) {
        this(serviceName, shortName, region, serviceId, types, privateDnsNames, availabilityZones, policySupported,
                acceptanceRequired, types.stream().collect(Collectors.toMap(t -> t, t -> serviceId)));
    }

    public boolean offers(String type) {
        return types.contains(type);
    }

    /** The id AWS shows for this service's entry of the given type. */
    public String serviceId(String type) {
        return serviceIdsByType.getOrDefault(type, serviceId);
    }

    /** Types in the order AWS lists the entries of a service: Gateway before Interface. */
    public List<String> typesInOrder() {
        return types.stream().sorted().toList();
    }

    /** Private DNS names of the entry of a type; gateway endpoints have none. */
    public List<String> privateDnsNames(String type) {
        return "Interface".equals(type) ? privateDnsNames : List.of();
    }

    /**
     * AWS's base DNS name of an entry: interface endpoints get names under
     * {@code <label>.<region>.vpce.amazonaws.com}; a gateway entry shows the service's public host.
     */
    public String baseEndpointDnsName(String type) {
        return "Interface".equals(type)
                ? dnsLabel() + "." + region + ".vpce.amazonaws.com"
                : dnsLabel() + "." + region + ".amazonaws.com";
    }

    /**
     * The DNS label form of the short name used in endpoint DNS names: multi-part names are reversed
     * ({@code ecr.api} → {@code api.ecr}).
     */
    public String dnsLabel() {
        String[] parts = shortName.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            if (sb.length() > 0) sb.append('.');
            sb.append(parts[i]);
        }
        return sb.toString();
    }
}
