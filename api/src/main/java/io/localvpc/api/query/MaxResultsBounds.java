package io.localvpc.api.query;

import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.wire.Shape;

import java.util.Map;

/**
 * The range AWS allows for an operation's MaxResults: the one its model declares, else the one its API
 * reference documents; none for the operations (DescribeVpcEndpoints, DescribeVpcEndpointServices,
 * DescribePrefixLists) whose reference only caps the page at 1,000 items.
 */
public record MaxResultsBounds(long min, long max) {
    /**
     * Operations whose model leaves MaxResults unbounded but whose API reference states a range
     * ("This value can be between 5 and 1000").
     */
    private static final Map<String, MaxResultsBounds> DOCUMENTED = Map.of(
            "DescribeInstances", new MaxResultsBounds(5, 1000),
            "DescribeTags", new MaxResultsBounds(5, 1000));

    /** The bounds for this request's operation, or null when AWS sets none. */
    public static MaxResultsBounds of(Ec2Request in) {
        Shape.Member member = in.member("MaxResults");
        if (member != null && (member.shape().min() != null || member.shape().max() != null)) {
            return new MaxResultsBounds(member.shape().min() == null ? 1 : member.shape().min(),
                    member.shape().max() == null ? Integer.MAX_VALUE : member.shape().max());
        }
        return DOCUMENTED.get(in.action());
    }
}
