package io.localvpc.core.identity;

import java.util.regex.Pattern;

/** The constraints IAM's model puts on names and paths (patterns and lengths from the botocore IAM model). */
final class IamNames {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");

    private IamNames() {
    }

    /** A user, role, policy or instance profile name, at most {@code max} characters. */
    static String name(String value, String member, int max) {
        if (value == null || value.isEmpty()) throw IamErrors.validation("", member, "Member must have length greater than or equal to 1");
        if (value.length() > max) throw IamErrors.validation(value, member, "Member must have length less than or equal to " + max);
        if (!NAME.matcher(value).matches()) throw IamErrors.validation(value, member, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        return value;
    }

    /** A path, "/" when none is given. */
    static String path(String value) {
        if (value == null) return "/";
        if (value.length() > 512) throw IamErrors.validation(value, "path", "Member must have length less than or equal to 512");
        if (!PATH.matcher(value).matches()) {
            throw IamErrors.validation(value, "path", "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
        }
        return value;
    }
}
