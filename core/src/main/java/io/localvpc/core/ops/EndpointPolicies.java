package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyException;
import io.localvpc.core.iam.PolicyKind;

/**
 * VPC endpoint policies: AWS's full-access defaults and the checks AWS makes on a policy it is given
 * (JSON, at most 20,480 characters, a Principal in every statement).
 */
public final class EndpointPolicies {
    public static final int MAX_LENGTH = 20_480;

    /** What DescribeVpcEndpoints shows for a gateway endpoint created without a policy. */
    public static final String GATEWAY_DEFAULT =
            "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /** What DescribeVpcEndpoints shows for an interface endpoint created without a policy (AWS's own layout, no Version). */
    public static final String INTERFACE_DEFAULT = "{\n  \"Statement\": [\n    {\n      \"Action\": \"*\", \n      \"Effect\": \"Allow\", \n"
            + "      \"Principal\": \"*\", \n      \"Resource\": \"*\"\n    }\n  ]\n}";

    private EndpointPolicies() {
    }

    public static String defaultFor(String endpointType) {
        return "Gateway".equals(endpointType) ? GATEWAY_DEFAULT : INTERFACE_DEFAULT;
    }

    /**
     * Returns the policy unchanged (AWS keeps the text as given) or throws InvalidPolicyDocument saying what
     * is wrong and where. The IAM policy language's own parser decides, so what CreateVpcEndpoint accepts is
     * exactly what the data plane can enforce.
     */
    public static String validate(String policy) {
        if (policy.length() > MAX_LENGTH) {
            throw new AwsException("InvalidPolicyDocument", "The policy is " + policy.length()
                    + " characters long; a VPC endpoint policy may have at most " + MAX_LENGTH + ".");
        }
        try {
            PolicyDocument.parse(policy, PolicyKind.ENDPOINT);
        } catch (PolicyException e) {
            throw e.toAwsException(PolicyKind.ENDPOINT);
        }
        return policy;
    }
}
