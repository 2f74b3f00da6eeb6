package io.localvpc.core.identity;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import io.localvpc.core.sigv4.SigningSecret;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Finds the IAM user or STS session an access key id belongs to: the key names its account (see
 * {@link AccessKeyIds}), whose IAM scope holds the key. Keys localvpc did not issue are not found here.
 */
public final class IamPrincipals {
    private IamPrincipals() {
    }

    /** A key localvpc issued, as its account's IAM state holds it: a session, or a user's access key. */
    private record Issued(View view, StsSession session, IamAccessKey key) {
    }

    /**
     * The record of a key localvpc issued, or empty. An expired session, or an inactive key, is refused as AWS
     * refuses it.
     *
     * @param views a view of a scope that exists, or null when the scope holds nothing yet (it must not create it)
     */
    private static Optional<Issued> issued(Function<Scope, View> views, String accessKeyId, Instant now) {
        OptionalLong account = AccessKeyIds.accountOf(accessKeyId);
        if (account.isEmpty()) return Optional.empty();
        View view = views.apply(IamScope.of(AccessKeyIds.account(account.getAsLong())));
        if (view == null) return Optional.empty();
        if (accessKeyId.startsWith("ASIA")) {
            return view.find(StsSession.class, accessKeyId).map(s -> {
                if (s.expired(now)) throw new AwsException("ExpiredToken", "The security token included in the request is expired", 400);
                return new Issued(view, s, null);
            });
        }
        return view.find(IamAccessKey.class, accessKeyId).map(k -> {
            if (!IamAccessKey.ACTIVE.equals(k.status())) {
                throw new AwsException("InvalidClientTokenId", "The security token included in the request is invalid (the access key is inactive).", 403);
            }
            return new Issued(view, null, k);
        });
    }

    /**
     * The principal of a key localvpc issued, or empty. An expired session, or an inactive key, is refused as AWS
     * refuses it.
     *
     * @param views a view of a scope that exists, or null when the scope holds nothing yet (it must not create it)
     */
    public static Optional<IamPrincipal> find(Function<Scope, View> views, String accessKeyId, Instant now) {
        return issued(views, accessKeyId, now).map(i -> {
            View view = i.view();
            StsSession s = i.session();
            if (s != null) {
                String roleArn = s.roleId() == null ? null : view.find(IamRole.class, s.roleId()).map(IamRole::arn).orElse(null);
                return IamPrincipal.of(s, roleArn, s.roleId() == null ? Map.of() : tagsOf(view, s.roleId()));
            }
            IamUser u = view.find(IamUser.class, i.key().userId()).orElseThrow(
                    () -> new AwsException("InvalidClientTokenId", "The security token included in the request is invalid.", 403));
            return IamPrincipal.user(u, tagsOf(view, u.id()));
        });
    }

    /**
     * The secret (and a session's token) of a key localvpc issued, or empty; refused as {@link #find} refuses an expired
     * session or an inactive key.
     */
    public static Optional<SigningSecret> secretOf(Function<Scope, View> views, String accessKeyId, Instant now) {
        return issued(views, accessKeyId, now).map(i -> i.session() != null
                ? new SigningSecret(i.session().secretAccessKey(), i.session().sessionToken())
                : new SigningSecret(i.key().secretAccessKey(), null));
    }

    private static Map<String, String> tagsOf(View view, String id) {
        return view.find(ResourceTags.class, id).map(ResourceTags::tags).orElse(Map.of());
    }
}
