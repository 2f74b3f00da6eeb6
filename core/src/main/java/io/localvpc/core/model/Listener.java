package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;

/**
 * A listener of a Network Load Balancer: a port and protocol on every node, and what it does with a connection. The
 * id is its ARN ({@code arn:aws:elasticloadbalancing:<region>:<account>:listener/net/<lb name>/<lb id>/<16 hex>}).
 *
 * @param protocol        {@code TCP}, {@code TLS}, {@code UDP} or {@code TCP_UDP}
 * @param certificateArns the server certificates of a TLS listener (the first is the default), empty otherwise
 * @param sslPolicy       the security policy of a TLS listener, null otherwise
 * @param alpnPolicy      the ALPN policy of a TLS listener, or null
 * @param defaultActions  what happens to a connection: for an NLB, one {@code forward} action
 */
public record Listener(
        String id,
        String ownerId,
        String loadBalancerArn,
        String protocol,
        int port,
        List<String> certificateArns,
        String sslPolicy,
        String alpnPolicy,
        List<Action> defaultActions,
        Instant createdAt) implements Resource {

    public Listener {
        certificateArns = List.copyOf(certificateArns);
        defaultActions = List.copyOf(defaultActions);
    }

    /** A listener action; an NLB forwards to one or more target groups (weights only with several). */
    public record Action(String type, List<WeightedTargetGroup> targetGroups) {
        public Action {
            targetGroups = List.copyOf(targetGroups);
        }
    }

    public record WeightedTargetGroup(String targetGroupArn, Integer weight) {
    }
}
