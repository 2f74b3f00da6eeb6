package io.localvpc.core.ops.elbv2;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Listeners of Network Load Balancers: TCP, TLS, UDP and TCP_UDP, one {@code forward} default action to target groups
 * of a compatible protocol in the load balancer's VPC (a group serves one load balancer), TLS with a certificate ARN.
 */
public final class ListenerOps {
    public static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";
    private static final Map<String, Set<String>> GROUP_PROTOCOLS = Map.of(
            "TCP", Set.of("TCP", "TCP_UDP"), "TLS", Set.of("TCP", "TLS"), "UDP", Set.of("UDP", "TCP_UDP"), "TCP_UDP", Set.of("TCP_UDP"));
    private static final Set<String> ALPN = Set.of("HTTP1Only", "HTTP2Only", "HTTP2Optional", "HTTP2Preferred", "None");

    private ListenerOps() {
    }

    /** CreateListener's or ModifyListener's settings; null (or empty, for the lists) means not given. */
    public record Settings(Integer port, String protocol, String sslPolicy, List<String> certificateArns, String alpnPolicy,
                           List<Listener.Action> defaultActions) {
    }

    public static Listener require(View view, String arn) {
        if (arn == null) throw Elbv2Errors.validation("A listener ARN must be specified");
        return view.find(Listener.class, arn).orElseThrow(() -> Elbv2Errors.listenerNotFound(arn));
    }

    /** The listeners of a load balancer, in ARN order. */
    public static List<Listener> of(View view, String loadBalancerArn) {
        List<Listener> out = new ArrayList<>();
        for (Listener l : view.all(Listener.class)) if (l.loadBalancerArn().equals(loadBalancerArn)) out.add(l);
        return out;
    }

    /** The target groups a listener forwards to. */
    public static List<String> targetGroupsOf(Listener l) {
        List<String> out = new ArrayList<>();
        for (Listener.Action a : l.defaultActions()) for (Listener.WeightedTargetGroup g : a.targetGroups()) out.add(g.targetGroupArn());
        return out;
    }

    public static Listener create(Tx tx, String loadBalancerArn, Settings s) {
        LoadBalancer lb = LoadBalancerOps.require(tx, loadBalancerArn);
        if (s.protocol() == null) throw Elbv2Errors.validation("A listener protocol must be specified");
        if (s.port() == null) throw Elbv2Errors.validation("A listener port must be specified");
        if (s.defaultActions().isEmpty()) throw Elbv2Errors.validation("A listener must have a default action");
        String arn = Elbv2Arns.listener(lb.id(), Elbv2Arns.hex16());
        return tx.put(checked(tx, lb, arn, s.port(), s.protocol(), s.sslPolicy(), s.certificateArns(), s.alpnPolicy(), s.defaultActions(), tx.now()));
    }

    public static Listener modify(Tx tx, String listenerArn, Settings s) {
        Listener l = require(tx, listenerArn);
        LoadBalancer lb = LoadBalancerOps.require(tx, l.loadBalancerArn());
        String protocol = s.protocol() != null ? s.protocol() : l.protocol();
        boolean tls = protocol.equals("TLS");
        List<String> certs = !s.certificateArns().isEmpty() ? s.certificateArns() : tls ? l.certificateArns() : List.of();
        String policy = s.sslPolicy() != null ? s.sslPolicy() : tls ? l.sslPolicy() : null;
        String alpn = s.alpnPolicy() != null ? s.alpnPolicy() : tls ? l.alpnPolicy() : null;
        List<Listener.Action> actions = !s.defaultActions().isEmpty() ? s.defaultActions() : l.defaultActions();
        return tx.put(checked(tx, lb, l.id(), s.port() != null ? s.port() : l.port(), protocol, policy, certs, alpn, actions, l.createdAt()));
    }

    public static void delete(Tx tx, String listenerArn) {
        require(tx, listenerArn);
        tx.remove(Listener.class, listenerArn);
    }

    private static Listener checked(Tx tx, LoadBalancer lb, String arn, int port, String protocol, String sslPolicy, List<String> certs,
                                    String alpn, List<Listener.Action> actions, java.time.Instant createdAt) {
        Elbv2Errors.range("port", port, 1, 65535, port);
        if (protocol.equals("HTTP") || protocol.equals("HTTPS") || protocol.equals("GENEVE")) {
            throw new AwsException("UnsupportedProtocol", "Protocol '" + protocol + "' is not supported for load balancers of type 'network'; use TCP, TLS, UDP or TCP_UDP");
        }
        if (!GROUP_PROTOCOLS.containsKey(protocol)) throw Elbv2Errors.validation("Protocol '" + protocol + "' is not valid. Valid protocols: TCP, TLS, UDP, TCP_UDP");
        for (Listener other : of(tx, lb.id())) {
            if (!other.id().equals(arn) && other.port() == port) {
                throw new AwsException("DuplicateListener", "A listener already exists on port " + port + " of load balancer '" + lb.id() + "' (" + other.id() + ")");
            }
        }
        boolean tls = protocol.equals("TLS");
        if (tls) {
            if (certs.isEmpty()) throw Elbv2Errors.validation("A certificate must be specified for TLS listeners");
            if (certs.size() > 1) throw new AwsException("TooManyCertificates", "A listener's Certificates list takes one default certificate; add more with AddListenerCertificates");
            for (String c : certs) checkCertificate(c);
            if (sslPolicy == null) sslPolicy = DEFAULT_SSL_POLICY;
            else if (!sslPolicy.startsWith("ELBSecurityPolicy-")) throw new AwsException("SSLPolicyNotFound", "SSL policy '" + sslPolicy + "' not found");
            if (alpn != null && !ALPN.contains(alpn)) {
                throw new AwsException("ALPNPolicyNotFound", "ALPN policy '" + alpn + "' not found. Valid policies: " + String.join(", ", new java.util.TreeSet<>(ALPN)));
            }
        } else {
            if (!certs.isEmpty()) throw Elbv2Errors.invalidConfiguration("Certificates can be specified only for TLS listeners");
            if (sslPolicy != null) throw Elbv2Errors.invalidConfiguration("An SSL policy can be specified only for TLS listeners");
            if (alpn != null) throw Elbv2Errors.invalidConfiguration("An ALPN policy can be specified only for TLS listeners");
        }
        checkActions(tx, lb, arn, protocol, actions);
        return new Listener(arn, lb.ownerId(), lb.id(), protocol, port, certs, tls ? sslPolicy : null, tls ? alpn : null, actions, createdAt);
    }

    private static void checkActions(Tx tx, LoadBalancer lb, String listenerArn, String protocol, List<Listener.Action> actions) {
        if (actions.size() != 1) throw new AwsException("TooManyActions", "A Network Load Balancer listener takes exactly one default action (forward)");
        Listener.Action a = actions.get(0);
        if (!"forward".equals(a.type())) {
            throw new AwsException("InvalidLoadBalancerAction", "Action type '" + a.type() + "' is not supported for Network Load Balancers; use forward");
        }
        if (a.targetGroups().isEmpty()) throw Elbv2Errors.validation("A forward action must name a target group (TargetGroupArn or ForwardConfig)");
        for (Listener.WeightedTargetGroup w : a.targetGroups()) {
            TargetGroup g = TargetGroupOps.require(tx, w.targetGroupArn());
            if (!GROUP_PROTOCOLS.get(protocol).contains(g.protocol())) {
                throw new AwsException("IncompatibleProtocols", "The listener protocol " + protocol + " is not compatible with the protocol " + g.protocol()
                        + " of target group '" + g.id() + "'");
            }
            if (!g.vpcId().equals(lb.vpcId())) {
                throw Elbv2Errors.invalidConfiguration("Target group '" + g.id() + "' is in " + g.vpcId() + ", not in the load balancer's VPC " + lb.vpcId());
            }
            for (String other : TargetGroupOps.loadBalancersOf(tx, g.id())) {
                if (!other.equals(lb.id())) {
                    throw new AwsException("TargetGroupAssociationLimit", "The following target groups cannot be associated with more than one load balancer: " + g.id());
                }
            }
            if (w.weight() != null && (w.weight() < 0 || w.weight() > 999)) Elbv2Errors.range("weight", w.weight(), 0, 999, 0);
        }
    }

    /** An ACM or IAM server certificate ARN; localvpc's data plane serves its own CA's certificate in its stead. */
    private static void checkCertificate(String arn) {
        boolean acm = arn.startsWith("arn:aws:acm:") || arn.startsWith("arn:aws-cn:acm:") || arn.startsWith("arn:aws-us-gov:acm:");
        boolean iam = arn.contains(":iam::") && arn.contains(":server-certificate/");
        if (!(acm && arn.contains(":certificate/")) && !iam) throw new AwsException("CertificateNotFound", "Certificate '" + arn + "' not found");
    }
}
