package io.localvpc.core.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.AwsException;
import io.localvpc.core.state.ResourceCodec;

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

    /** Returns the policy unchanged (AWS keeps the text as given) or throws InvalidPolicyDocument saying what is wrong. */
    public static String validate(String policy) {
        if (policy.length() > MAX_LENGTH) {
            throw invalid("The policy is " + policy.length() + " characters long; a VPC endpoint policy may have at most " + MAX_LENGTH + ".");
        }
        JsonNode root;
        try {
            root = ResourceCodec.mapper().readTree(policy);
        } catch (Exception e) {
            throw invalid("The policy is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) throw invalid("The policy must be a JSON object with a Statement.");
        JsonNode statements = root.get("Statement");
        if (statements == null || statements.isNull()) throw invalid("The policy has no Statement.");
        if (statements.isObject()) {
            checkStatement(statements, 0);
        } else if (statements.isArray()) {
            if (statements.isEmpty()) throw invalid("The policy's Statement list is empty.");
            for (int i = 0; i < statements.size(); i++) checkStatement(statements.get(i), i);
        } else {
            throw invalid("The policy's Statement must be an object or a list of objects.");
        }
        return policy;
    }

    private static void checkStatement(JsonNode s, int index) {
        if (!s.isObject()) throw invalid("Statement " + (index + 1) + " of the policy is not an object.");
        if (!s.has("Principal")) {
            throw invalid("Statement " + (index + 1) + " of the policy has no Principal; every statement of a VPC endpoint policy must name one (\"Principal\": \"*\" for everyone).");
        }
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw invalid("Statement " + (index + 1) + " of the policy needs an Effect of Allow or Deny.");
        }
        if (!s.has("Action") && !s.has("NotAction")) throw invalid("Statement " + (index + 1) + " of the policy has no Action.");
    }

    private static AwsException invalid(String message) {
        return new AwsException("InvalidPolicyDocument", message);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
