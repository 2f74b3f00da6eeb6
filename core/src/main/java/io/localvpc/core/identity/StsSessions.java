package io.localvpc.core.identity;

import io.localvpc.core.AwsException;
import io.localvpc.core.iam.Authorizer;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyException;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.iam.RequestContext;
import io.localvpc.core.state.Tx;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Temporary credentials: AssumeRole (the role's trust policy decides, with the caller's identity policies when the
 * role is in another account) and GetSessionToken. Sessions are kept in the IAM scope of the account they act in
 * and forgotten once expired.
 */
public final class StsSessions {
    /** STS's bounds on a session's duration. */
    public static final int MIN_SECONDS = 900;
    public static final int DEFAULT_ASSUME_ROLE_SECONDS = 3_600;
    public static final int DEFAULT_SESSION_TOKEN_SECONDS = 43_200;
    public static final int MAX_SESSION_TOKEN_SECONDS = 129_600;
    public static final int MAX_ROOT_SESSION_TOKEN_SECONDS = 3_600;
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private StsSessions() {
    }

    /**
     * Assumes a role in {@code tx}'s account (the role's) for {@code caller}.
     *
     * @param callerPolicies the caller's identity policies, consulted when the caller is in another account
     */
    public static StsSession assumeRole(Tx tx, IamPrincipal caller, Map<String, PolicyDocument> callerPolicies, String roleArn,
                                        String sessionName, Integer durationSeconds, String sessionPolicy, Map<String, String> tags,
                                        String externalId) {
        if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
            throw IamErrors.validation(String.valueOf(sessionName), "roleSessionName",
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length from 2 to 64");
        }
        IamRole role = tx.all(IamRole.class).stream().filter(r -> r.arn().equals(roleArn)).findFirst().orElse(null);
        AwsException denied = new AwsException("AccessDenied", "User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn, 403);
        if (role == null) throw denied;
        int seconds = durationSeconds == null ? DEFAULT_ASSUME_ROLE_SECONDS : durationSeconds;
        if (seconds < MIN_SECONDS || seconds > role.maxSessionDurationSeconds()) {
            if (seconds > role.maxSessionDurationSeconds() && seconds <= IamRoles.MAX_SESSION_SECONDS) {
                throw new AwsException("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
            }
            throw IamErrors.validation(String.valueOf(seconds), "durationSeconds", "Member must have value between " + MIN_SECONDS + " and "
                    + IamRoles.MAX_SESSION_SECONDS);
        }
        if (sessionPolicy != null) {
            try {
                PolicyDocument.parse(sessionPolicy, PolicyKind.INLINE);
            } catch (PolicyException e) {
                throw e.toAwsException(PolicyKind.INLINE);
            }
        }
        RequestContext.Builder ctx = RequestContext.builder().principal(caller.arn()).action("sts:AssumeRole").resource(role.arn())
                .key("aws:PrincipalArn", caller.principalArn()).key("aws:PrincipalAccount", caller.account())
                .key("sts:RoleSessionName", sessionName);
        if (externalId != null) ctx.key("sts:ExternalId", externalId);
        for (Map.Entry<String, String> t : tags.entrySet()) ctx.key("aws:RequestTag/" + t.getKey(), t.getValue());
        RequestContext request = ctx.build();
        Authorizer authorizer = Authorizer.request(request).resourceAccount(role.account())
                .resourcePolicy("trust policy of " + role.name(), PolicyDocument.parse(role.assumeRolePolicyDocument(), PolicyKind.TRUST));
        boolean crossAccount = !caller.account().equals(role.account());
        // A root caller's identity permissions are implicit; only users and roles carry identity policies.
        if (crossAccount && !caller.isRoot()) callerPolicies.forEach(authorizer::identityPolicy);
        if (crossAccount && caller.isRoot()) authorizer.identityPolicy("the account's root", ROOT_ALLOWS_ALL);
        if (!authorizer.decide().allowed()) throw denied;
        String keyId = newSessionKey(tx);
        return tx.put(new StsSession(keyId, role.account(), AccessKeyIds.newSecret(), AccessKeyIds.newSessionToken(),
                IamArns.assumedRole(role.account(), role.name(), sessionName), role.id() + ":" + sessionName, role.id(),
                sessionPolicy, tags, tx.now().plus(Duration.ofSeconds(seconds)), Map.of()));
    }

    /** Temporary credentials for a user or the root, acting as themselves. */
    public static StsSession sessionToken(Tx tx, IamPrincipal caller, Integer durationSeconds) {
        if (caller.isRoleSession()) {
            throw new AwsException("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
        }
        int max = caller.isRoot() ? MAX_ROOT_SESSION_TOKEN_SECONDS : MAX_SESSION_TOKEN_SECONDS;
        int seconds = durationSeconds == null ? Math.min(DEFAULT_SESSION_TOKEN_SECONDS, max) : durationSeconds;
        if (seconds < MIN_SECONDS || seconds > max) {
            throw IamErrors.validation(String.valueOf(seconds), "durationSeconds", "Member must have value between " + MIN_SECONDS + " and " + max);
        }
        return tx.put(new StsSession(newSessionKey(tx), caller.account(), AccessKeyIds.newSecret(), AccessKeyIds.newSessionToken(),
                caller.arn(), caller.userId(), null, null, Map.of(), tx.now().plus(Duration.ofSeconds(seconds)), Map.of()));
    }

    /** How long the credentials the instance metadata service hands out last (AWS's last about six hours). */
    public static final Duration INSTANCE_CREDENTIALS = Duration.ofHours(6);

    /**
     * The credentials of an instance profile's role for one instance, as EC2 obtains them: a session of the role named
     * after the instance, which no trust policy is asked about here (EC2 is trusted by the profile's association),
     * carrying {@code aws:Ec2InstanceSourceVpc} and {@code aws:Ec2InstanceSourcePrivateIPv4} for every request signed
     * with it. Call in a transaction of the role's account's IAM scope.
     *
     * @return the session, or empty when the role no longer exists
     */
    public static java.util.Optional<StsSession> instanceSession(Tx tx, String roleName, String instanceId, String vpcId, String privateIp) {
        return IamRoles.find(tx, roleName).map(role -> tx.put(new StsSession(newSessionKey(tx), role.account(), AccessKeyIds.newSecret(),
                AccessKeyIds.newSessionToken(), IamArns.assumedRole(role.account(), role.name(), instanceId), role.id() + ":" + instanceId,
                role.id(), null, Map.of(), tx.now().plus(INSTANCE_CREDENTIALS),
                Map.of("aws:Ec2InstanceSourceVpc", vpcId, "aws:Ec2InstanceSourcePrivateIPv4", privateIp))));
    }

    /** Forgets sessions that have expired (called from writes that pass, so the state does not grow without bound). */
    public static void forgetExpired(Tx tx) {
        for (StsSession s : tx.all(StsSession.class)) if (s.expired(tx.now())) tx.remove(StsSession.class, s.id());
    }

    private static String newSessionKey(Tx tx) {
        String id;
        do {
            id = AccessKeyIds.newAccessKeyId(true, tx.scope().account());
        } while (tx.findAny(id).isPresent());
        return id;
    }

    private static final PolicyDocument ROOT_ALLOWS_ALL = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", PolicyKind.IDENTITY);
}
