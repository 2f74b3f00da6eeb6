package io.localvpc.dataplane.policy;

import io.localvpc.core.iam.Decision;
import io.localvpc.core.iam.PolicyKind;

/**
 * Told about each policy decision the endpoint front makes, so metrics can count them. Called on a Netty event loop:
 * it must be quick, must not block and must not throw.
 */
public interface PolicyDecisionListener {
    PolicyDecisionListener NONE = new PolicyDecisionListener() {
    };

    /**
     * One permission of one request was decided.
     *
     * @param deciding the kind of policy whose statement decided it; null when none did (an implicit deny, or an
     *                 allow without a restricting policy)
     */
    default void decided(String service, Decision decision, PolicyKind deciding) {
    }

    /** A request of a service localvpc does not classify was forwarded without policy evaluation. */
    default void unclassified(String service) {
    }
}
