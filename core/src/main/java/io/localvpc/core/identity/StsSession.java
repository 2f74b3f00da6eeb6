package io.localvpc.core.identity;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.Map;

/**
 * Temporary credentials STS issued, kept under their access key id ({@code ASIA…}) until they expire. A role
 * session ({@code roleId} set) acts as {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}; a
 * GetSessionToken session acts as the user or root that asked for it.
 *
 * @param principalArn  who requests signed with these credentials come from
 * @param userId        AWS's id for that principal ({@code AROA…:session}, the user's {@code AIDA…}, or the account id)
 * @param sessionPolicy the session policy AssumeRole was given, or null
 * @param tags          session tags ({@code aws:PrincipalTag/…})
 * @param contextKeys   condition keys AWS sets on every request signed with these credentials: for an instance
 *                      profile's credentials {@code aws:Ec2InstanceSourceVpc} and {@code aws:Ec2InstanceSourcePrivateIPv4}
 */
public record StsSession(String id, String account, String secretAccessKey, String sessionToken, String principalArn, String userId,
                         String roleId, String sessionPolicy, Map<String, String> tags, Instant expiresAt, Map<String, String> contextKeys) implements Resource {
    public StsSession {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        contextKeys = contextKeys == null ? Map.of() : Map.copyOf(contextKeys);
    }

    public boolean isRoleSession() {
        return roleId != null;
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
