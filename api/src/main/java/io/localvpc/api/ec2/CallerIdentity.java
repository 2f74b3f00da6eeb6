package io.localvpc.api.ec2;

import io.localvpc.api.ApiCall;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Who is calling and where: the access key, region and service named in the SigV4 credential scope
 * ({@code Credential=AKID/20261126/us-east-1/ec2/aws4_request}), from the Authorization header or a
 * presigned {@code X-Amz-Credential}. Unsigned calls get the defaults.
 */
public record CallerIdentity(String accessKeyId, String region, String service) {

    public static CallerIdentity of(ApiCall call, Map<String, String> params, String defaultRegion) {
        String scope = null;
        String auth = call.header("authorization");
        if (auth != null) {
            int i = auth.indexOf("Credential=");
            if (i >= 0) {
                int end = auth.indexOf(',', i);
                scope = auth.substring(i + "Credential=".length(), end < 0 ? auth.length() : end).trim();
            }
        }
        if (scope == null && params.containsKey("X-Amz-Credential")) {
            scope = URLDecoder.decode(params.get("X-Amz-Credential"), StandardCharsets.UTF_8);
        }
        if (scope == null) return new CallerIdentity(null, defaultRegion, "ec2");
        String[] parts = scope.split("/");
        if (parts.length < 5) return new CallerIdentity(parts[0], defaultRegion, "ec2");
        return new CallerIdentity(parts[0], parts[2], parts[3]);
    }

    /** A 12-digit access key id is taken as the account id (a localvpc convention); otherwise the default account. */
    public String account(String defaultAccount) {
        if (accessKeyId != null && accessKeyId.length() == 12 && accessKeyId.chars().allMatch(Character::isDigit)) return accessKeyId;
        return defaultAccount;
    }
}
