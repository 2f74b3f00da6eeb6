package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

/**
 * How an instance's metadata service answers ({@code MetadataOptions}), kept under the instance's id only when it
 * differs from EC2's launch defaults: tokens optional (IMDSv1 and v2), endpoint enabled, a PUT response hop limit of
 * 1, no IPv6 endpoint, no tags in the metadata.
 *
 * @param httpTokens           {@code optional} (v1 and v2) or {@code required} (v2 only)
 * @param httpEndpoint         {@code enabled} or {@code disabled} (the service does not answer at all)
 * @param instanceMetadataTags {@code enabled} serves the instance's tags under {@code meta-data/tags/instance/}
 */
public record InstanceMetadataOptions(String id, String httpTokens, int httpPutResponseHopLimit, String httpEndpoint,
                                      String httpProtocolIpv6, String instanceMetadataTags) implements Resource {
    public static final String OPTIONAL = "optional";
    public static final String REQUIRED = "required";
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";
    public static final int DEFAULT_HOP_LIMIT = 1;

    public static InstanceMetadataOptions defaults(String instanceId) {
        return new InstanceMetadataOptions(instanceId, OPTIONAL, DEFAULT_HOP_LIMIT, ENABLED, DISABLED, DISABLED);
    }

    public boolean isDefault() {
        return equals(defaults(id));
    }

    public boolean tokensRequired() {
        return REQUIRED.equals(httpTokens);
    }

    public boolean endpointEnabled() {
        return ENABLED.equals(httpEndpoint);
    }

    public boolean tagsEnabled() {
        return ENABLED.equals(instanceMetadataTags);
    }
}
