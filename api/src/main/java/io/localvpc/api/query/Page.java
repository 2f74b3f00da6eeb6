package io.localvpc.api.query;

import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.core.AwsException;
import io.localvpc.core.state.Resource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a Describe result. Items are in id order; the NextToken is the last id returned, made
 * opaque, so a page stays correct when resources are created or deleted between calls.
 */
public record Page<R>(List<R> items, String nextToken) {

    /** At most this many items in a page where neither the model nor AWS's documentation bounds MaxResults. */
    static final int AWS_PAGE_CAP = 1000;

    /**
     * Pages {@code sorted} (id order) by the request's MaxResults / NextToken. MaxResults outside the bounds
     * the operation's model declares (or, where it declares none, AWS's documentation) is refused as AWS
     * refuses it; where neither bounds it, AWS answers at most 1,000 items ("If the value is greater than
     * 1,000, we return only 1,000 items").
     */
    public static <R extends Resource> Page<R> of(List<R> sorted, Ec2Request in) {
        int limit = AWS_PAGE_CAP;
        if (in.has("MaxResults")) {
            long asked = in.integer("MaxResults").orElseThrow();
            MaxResultsBounds bounds = MaxResultsBounds.of(in);
            if (bounds != null && (asked < bounds.min() || asked > bounds.max())) {
                throw AwsException.invalidParameterValue("Value ( " + asked + " ) for parameter maxResults is invalid. Parameter must be between "
                        + bounds.min() + " and " + bounds.max() + ".");
            }
            limit = (int) Math.max(1, Math.min(asked, AWS_PAGE_CAP));
        }
        int start = 0;
        String token = in.string("NextToken");
        if (token != null && !token.isEmpty()) {
            String after = decode(token);
            start = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i).id().compareTo(after) > 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = (int) Math.min((long) start + limit, sorted.size());
        String next = end < sorted.size() ? encode(sorted.get(end - 1).id()) : null;
        return new Page<>(sorted.subList(start, end), next);
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) return s.substring(3);
        } catch (IllegalArgumentException ignored) {
            // fall through to the error below
        }
        throw AwsException.invalidParameterValue("The token '" + token + "' is invalid. Pass the NextToken of the previous page unchanged.");
    }
}
