package io.localvpc.core.identity;

/** IAM's ARNs: {@code arn:aws:iam::<account>:<kind><path><name>}, where the path is {@code /} or {@code /a/b/}. */
public final class IamArns {
    private IamArns() {
    }

    public static String of(String account, String kind, String path, String name) {
        return "arn:aws:iam::" + account + ":" + kind + (path == null || path.isEmpty() ? "/" : path) + name;
    }

    /** The role session ARN STS gives an assumed role. */
    public static String assumedRole(String account, String roleName, String sessionName) {
        return "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
    }

    public static String root(String account) {
        return "arn:aws:iam::" + account + ":root";
    }
}
