package io.localvpc.core.identity;

import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyException;
import io.localvpc.core.iam.PolicyKind;

/** Checks a policy document IAM is given with the one policy language localvpc has, answering as IAM does. */
final class IamPolicyText {
    private IamPolicyText() {
    }

    static String check(String json, PolicyKind kind, String member) {
        if (json == null || json.isEmpty()) throw IamErrors.validation("", member, "Member must have length greater than or equal to 1");
        try {
            PolicyDocument.parse(json, kind);
            return json;
        } catch (PolicyException e) {
            throw e.toAwsException(kind);
        }
    }

    /** IAM's count for its size quotas: characters other than white space. */
    static int size(String json) {
        int n = 0;
        for (int i = 0; i < json.length(); i++) if (!Character.isWhitespace(json.charAt(i))) n++;
        return n;
    }
}
