package io.localvpc.core.iam;

import java.util.ArrayList;
import java.util.List;

/** Small builders shared by the policy tests. */
final class Policies {
    private Policies() {}

    static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    static final String BOB_OTHER_ACCOUNT = "arn:aws:iam::444455556666:user/bob";

    /** An identity policy with one Allow statement for every action and resource under {@code condition}. */
    static PolicyDocument allowIf(String conditionJson) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\",\"Condition\":" + conditionJson + "}}", PolicyKind.IDENTITY);
    }

    /** A request by alice with one condition key ({@code values == null}: the key is absent). */
    static RequestContext withKey(String key, String[] values) {
        RequestContext.Builder b = RequestContext.builder().principal(ALICE).action("s3:GetObject")
                .resource("arn:aws:s3:::bucket/key");
        if (values != null) b.key(key, List.of(values));
        return b.build();
    }

    static String[] v(String... values) {
        return values;
    }

    /** Turns {@code a|b|c} into a JSON list, {@code a} into a JSON string. */
    static String json(String values) {
        String[] parts = values.split("\\|", -1);
        if (parts.length == 1) return quote(parts[0]);
        List<String> q = new ArrayList<>();
        for (String p : parts) q.add(quote(p));
        return "[" + String.join(",", q) + "]";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
