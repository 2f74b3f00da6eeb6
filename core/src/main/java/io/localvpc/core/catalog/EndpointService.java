package io.localvpc.core.catalog;

import java.util.List;
import java.util.Set;

/**
 * An AWS endpoint service as DescribeVpcEndpointServices shows it: {@code com.amazonaws.<region>.<name>},
 * the endpoint types it offers ({@code Interface}, {@code Gateway}), its private DNS names
 * (e.g. {@code sqs.us-east-1.amazonaws.com}) and the zones it is offered in.
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
        boolean acceptanceRequired) {

    public boolean offers(String type) {
        return types.contains(type);
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
