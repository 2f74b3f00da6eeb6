package io.localvpc.dataplane.policy;

import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.dataplane.classify.Principal;

import java.util.Map;

/** Where the endpoint front finds a caller's identity-based policies: the IAM configuration, or IAM's own state. */
@FunctionalInterface
public interface IdentityPolicySource {
    /**
     * The identity-based policies of {@code principal} by name (empty when it has none, which allows nothing), or null
     * when nothing here knows it: a root by localvpc's convention, which may do anything in its account.
     * Called on an event loop: must answer from memory.
     */
    Map<String, PolicyDocument> policiesOf(Principal principal);
}
