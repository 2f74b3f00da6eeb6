package io.localvpc.core.identity;

import io.localvpc.core.state.Scope;

/**
 * Where an account's IAM resources live. IAM is a global service whose control plane is in us-east-1 (its API
 * is signed for us-east-1 from anywhere); localvpc keeps an account's users, roles, policies, instance profiles
 * and STS sessions in that account's us-east-1 scope, so every region's requests see the same ones.
 */
public final class IamScope {
    public static final String HOME_REGION = "us-east-1";

    private IamScope() {
    }

    public static Scope of(String account) {
        return new Scope(account, HOME_REGION);
    }
}
