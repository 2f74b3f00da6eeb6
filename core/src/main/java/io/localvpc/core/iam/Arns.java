package io.localvpc.core.iam;

/** Small readings of IAM principal ARNs ({@code arn:partition:service:region:account:resource}). */
final class Arns {
    private Arns() {}

    /** The account segment, or null when the text is not a six-part ARN. */
    static String account(String arn) {
        String[] p = split(arn);
        return p == null ? null : p[4];
    }

    /** {@code arn:aws:sts::A:assumed-role/R/session} → {@code arn:aws:iam::A:role/R}; null for anything else. */
    static String roleOfSession(String arn) {
        String[] p = split(arn);
        if (p == null || !p[2].equals("sts") || !p[5].startsWith("assumed-role/")) return null;
        String rest = p[5].substring("assumed-role/".length());
        int slash = rest.indexOf('/');
        String role = slash < 0 ? rest : rest.substring(0, slash);
        return "arn:" + p[1] + ":iam::" + p[4] + ":role/" + role;
    }

    /** The IAM user's name for {@code arn:aws:iam::A:user/path/name}; null for other principals. */
    static String userName(String arn) {
        String[] p = split(arn);
        if (p == null || !p[2].equals("iam") || !p[5].startsWith("user/")) return null;
        return p[5].substring(p[5].lastIndexOf('/') + 1);
    }

    /** The value AWS gives aws:PrincipalType for this ARN, or null when unknown. */
    static String principalType(String arn) {
        String[] p = split(arn);
        if (p == null) return null;
        if (p[5].equals("root")) return "Account";
        if (p[5].startsWith("user/")) return "User";
        if (p[5].startsWith("assumed-role/")) return "AssumedRole";
        if (p[5].startsWith("federated-user/")) return "FederatedUser";
        return null;
    }

    static String[] split(String arn) {
        if (arn == null || !arn.startsWith("arn:")) return null;
        String[] p = arn.split(":", 6);
        return p.length == 6 ? p : null;
    }
}
