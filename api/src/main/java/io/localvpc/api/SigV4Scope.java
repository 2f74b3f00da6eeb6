package io.localvpc.api;

import io.localvpc.core.AwsException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Who is calling, where and for what: the access key, region and service of the SigV4 credential scope
 * ({@code Credential=AKID/20261126/us-east-1/ec2/aws4_request}), from the Authorization header or a
 * presigned {@code X-Amz-Credential}. Unsigned calls have no scope. Signatures themselves are checked only with
 * {@code --verify-signatures} ({@link ApiSignatures}), but a scope that is not of SigV4's form is refused as AWS refuses it.
 */
public record SigV4Scope(String accessKeyId, String region, String service) {
    private static final String CREDENTIAL = "Credential=";

    /** The request's scope, or null when it is not signed. */
    public static SigV4Scope of(ApiCall call, Map<String, String> params) {
        String credential = null;
        String auth = call.header("authorization");
        if (auth != null) {
            int i = auth.indexOf(CREDENTIAL);
            if (i < 0) throw incomplete("The Authorization header has no Credential=<access key>/<date>/<region>/<service>/aws4_request part.");
            int end = auth.indexOf(',', i);
            credential = auth.substring(i + CREDENTIAL.length(), end < 0 ? auth.length() : end).trim();
        } else if (params.containsKey("X-Amz-Credential")) {
            credential = URLDecoder.decode(params.get("X-Amz-Credential"), StandardCharsets.UTF_8);
        }
        return credential == null ? null : parse(credential);
    }

    private static SigV4Scope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !parts[4].equals("aws4_request")) {
            throw incomplete("The credential '" + shorten(credential) + "' is not of the form <access key>/<date>/<region>/<service>/aws4_request.");
        }
        for (int i = 0; i < 4; i++) {
            if (parts[i].isBlank()) {
                String what = switch (i) {
                    case 0 -> "an access key id";
                    case 1 -> "a date";
                    case 2 -> "a region";
                    default -> "a service";
                };
                throw incomplete("The credential '" + shorten(credential) + "' has no " + what + " (expected <access key>/<date>/<region>/<service>/aws4_request).");
            }
        }
        return new SigV4Scope(parts[0], parts[2], parts[3]);
    }

    /** A 12-digit access key id is taken as the account id (a localvpc convention); otherwise the default account. */
    public String account(String defaultAccount) {
        return isAccountId(accessKeyId) ? accessKeyId : defaultAccount;
    }

    public static boolean isAccountId(String s) {
        if (s == null || s.length() != 12) return false;
        for (int i = 0; i < 12; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static AwsException incomplete(String message) {
        return new AwsException("IncompleteSignature", message);
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
