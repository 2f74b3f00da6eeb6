package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.InstanceMetadataOptions;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

/**
 * An instance's metadata options: set by {@code RunInstances MetadataOptions}, changed by
 * {@code ModifyInstanceMetadataOptions} (each parameter left out keeps its value), read by DescribeInstances and by
 * the metadata service itself.
 */
public final class InstanceMetadataOptionsOps {
    private InstanceMetadataOptionsOps() {
    }

    /** What the request asks to change; a null member keeps the current value. */
    public record Change(String httpTokens, Integer httpPutResponseHopLimit, String httpEndpoint, String httpProtocolIpv6,
                         String instanceMetadataTags) {
        public boolean isEmpty() {
            return httpTokens == null && httpPutResponseHopLimit == null && httpEndpoint == null && httpProtocolIpv6 == null
                    && instanceMetadataTags == null;
        }
    }

    public static InstanceMetadataOptions of(View view, String instanceId) {
        return view.find(InstanceMetadataOptions.class, instanceId).orElseGet(() -> InstanceMetadataOptions.defaults(instanceId));
    }

    /** Validates and applies {@code change}, keeping a record only while something differs from the defaults. */
    public static InstanceMetadataOptions apply(Tx tx, String instanceId, Change change) {
        InstanceMetadataOptions now = of(tx, instanceId);
        InstanceMetadataOptions next = new InstanceMetadataOptions(instanceId,
                oneOf("HttpTokens", change.httpTokens(), now.httpTokens(), InstanceMetadataOptions.OPTIONAL, InstanceMetadataOptions.REQUIRED),
                hopLimit(change.httpPutResponseHopLimit(), now.httpPutResponseHopLimit()),
                oneOf("HttpEndpoint", change.httpEndpoint(), now.httpEndpoint(), InstanceMetadataOptions.ENABLED, InstanceMetadataOptions.DISABLED),
                oneOf("HttpProtocolIpv6", change.httpProtocolIpv6(), now.httpProtocolIpv6(), InstanceMetadataOptions.ENABLED,
                        InstanceMetadataOptions.DISABLED),
                oneOf("InstanceMetadataTags", change.instanceMetadataTags(), now.instanceMetadataTags(), InstanceMetadataOptions.ENABLED,
                        InstanceMetadataOptions.DISABLED));
        if (next.isDefault()) tx.remove(InstanceMetadataOptions.class, instanceId);
        else tx.put(next);
        return next;
    }

    /** A terminated instance keeps no metadata options (nothing can reach its metadata service any more). */
    static void forget(Tx tx, String instanceId) {
        tx.remove(InstanceMetadataOptions.class, instanceId);
    }

    private static String oneOf(String parameter, String value, String current, String a, String b) {
        if (value == null) return current;
        if (!value.equals(a) && !value.equals(b)) {
            throw AwsException.invalidParameterValue("Value (" + value + ") for parameter " + parameter + " is invalid. Valid values are "
                    + a + " and " + b + ".");
        }
        return value;
    }

    /** EC2 takes 1 to 64 (-1 in a modification means "no preference", which keeps the value). */
    private static int hopLimit(Integer value, int current) {
        if (value == null || value == -1) return current;
        if (value < 1 || value > 64) {
            throw AwsException.invalidParameterValue("The HttpPutResponseHopLimit must be between 1 and 64; you specified " + value + ".");
        }
        return value;
    }
}
