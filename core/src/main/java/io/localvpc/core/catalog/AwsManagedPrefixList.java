package io.localvpc.core.catalog;

import io.localvpc.core.state.Resource;

import java.util.List;

/**
 * An AWS-managed prefix list: the public IPv4 ranges of a gateway-endpoint service in a region
 * (name {@code com.amazonaws.<region>.s3}), with its stable {@code pl-} id.
 */
public record AwsManagedPrefixList(String id, String name, String region, String serviceName, List<String> cidrs) implements Resource {
}
