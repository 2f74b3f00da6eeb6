package io.localvpc.dataplane.vpc;

import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.path.Flow;
import io.localvpc.core.path.Hop;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.Target;
import io.localvpc.core.path.Trace;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.flows.FlowPaths;
import io.localvpc.dataplane.imds.MetadataFlow;
import io.localvpc.dataplane.imds.MetadataService;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.proxy.ConnectRequest;
import io.localvpc.dataplane.proxy.ConnectionPolicy;
import io.localvpc.dataplane.proxy.ConnectionDecision;
import io.localvpc.dataplane.proxy.InProcessTarget;
import io.localvpc.dataplane.proxy.ProxyProtocol;
import io.localvpc.dataplane.proxy.Refusal;
import io.localvpc.dataplane.route.ServiceRoute;
import io.localvpc.dataplane.tls.TlsListeners;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The workload proxy's decisions, made by the path engine over the current state: each connection is
 * a {@link Flow} from the proxy user (instance or interface) to the requested host and port. A refusal
 * carries the deciding hop's sentence, so the program's error says which route, rule or setting refused it. Every
 * decision carries a {@link DecidedFlow} as its context, for the flow recorder (and, on a delivered flow, its
 * {@link FlowOrigin} for zone faults).
 */
public final class PathPolicy implements ConnectionPolicy {
    private final Store store;
    private final ScopeLocator locator;
    private final PathEngine engine;
    private final ServiceRouter services;
    private final MetadataService metadata;
    private final TlsListeners tlsListeners;

    /** @param metadata every instance's metadata service, or null when this data plane serves none */
    public PathPolicy(Store store, ScopeLocator locator, PathEngine engine, ServiceRouter services, MetadataService metadata) {
        this(store, locator, engine, services, metadata, null);
    }

    /** @param tlsListeners where load balancers' TLS listeners terminate TLS, or null to refuse connections to them */
    public PathPolicy(Store store, ScopeLocator locator, PathEngine engine, ServiceRouter services, MetadataService metadata,
                      TlsListeners tlsListeners) {
        this.store = store;
        this.locator = locator;
        this.engine = engine;
        this.services = services;
        this.metadata = metadata;
        this.tlsListeners = tlsListeners;
    }

    @Override
    public ConnectionDecision decide(ConnectRequest request) {
        Optional<Scope> scope = locator.scopeOf(request.identity());
        if (scope.isEmpty()) {
            return new ConnectionDecision.Refuse(Refusal.NOT_ALLOWED, "no instance or network interface " + request.identity()
                    + " exists in any account or region of this localvpc");
        }
        Flow flow = Flow.tcp(request.identity(), request.host(), request.port());
        Verdict verdict = engine.decide(store.view(scope.get()), flow);
        if (verdict instanceof Verdict.Refused refused) {
            return new ConnectionDecision.Refuse(refusal(refused.reason()), refused.summary(), decided(scope.get(), refused));
        }
        Verdict.Delivered delivered = (Verdict.Delivered) verdict;
        Target target = delivered.target();
        if (target instanceof Target.InstanceMetadata imds) return toMetadata(scope.get(), imds, delivered, verdict.summary());
        if (target instanceof Target.AwsService service) {
            FlowOrigin origin = origin(scope.get(), delivered, service);
            DecidedFlow decided = decided(scope.get(), delivered, FlowPaths.of(service.via()), origin);
            Optional<ServiceRouter.Destination> destination = services.route(scope.get(), flow, service);
            if (destination.isPresent() && destination.get() instanceof ServiceRouter.NotListening closed) {
                return new ConnectionDecision.Refuse(Refusal.CONNECTION_REFUSED, "the path to " + service.serviceName() + " is open ("
                        + verdict.summary() + "), but " + closed.reason(), decided);
            }
            if (destination.isPresent()) return deliver(destination.get(), service.host(), verdict.summary(), decided);
            return new ConnectionDecision.Refuse(Refusal.CONNECTION_REFUSED, "the path to " + service.serviceName() + " is open ("
                    + verdict.summary() + "), but localvpc plays no backend for that service; point it at an upstream in the configuration",
                    decided);
        }
        if (target instanceof Target.LoadBalanced balanced) return toLoadBalanced(scope.get(), delivered, balanced, request);
        return toInstance(scope.get(), delivered, (Target.Interface) target);
    }

    /**
     * Through a Network Load Balancer to the program published on the chosen target's port, over a real socket on
     * loopback, as to an instance. Across PrivateLink the flow is the consumer's interface endpoint's too: its origin
     * names the endpoint and its zone, so the endpoint's data processing is metered, its interface shows in flow logs,
     * and a zone fault cuts it. The decision rides on the connection, so whatever later ends the choice (the endpoint
     * rejected or deleted, the target deregistered or failing, a zone down) can find and cut it. A TLS listener's TLS
     * ends in this process ({@link TlsListeners}); the target gets plain TCP, or TLS again for a TLS target group.
     */
    private ConnectionDecision toLoadBalanced(Scope scope, Verdict.Delivered delivered, Target.LoadBalanced b, ConnectRequest request) {
        String host = request.host();
        Verdict.Source s = delivered.source();
        FlowOrigin origin = null;
        if (b.endpointId() != null) {
            boolean named = io.localvpc.core.net.Ipv4.parse(host) < 0;
            String serviceHost = named ? host : b.serviceName().substring(b.serviceName().lastIndexOf('.') + 1);
            origin = new FlowOrigin(scope.account(), scope.region(), s.vpcId(), s.networkInterfaceId(), s.privateIp(), b.endpointId(),
                    "interface-endpoint", b.endpointId(), b.zoneId(), serviceHost);
        }
        DecidedFlow decided = new DecidedFlow(scope.account(), scope.region(), s.vpcId(), s.networkInterfaceId(), s.privateIp(), b.address(), true,
                FlowPaths.of(b), null, origin, b.endpointId() == null ? b.nodeInterfaceId() : null, null, b);
        if (b.target().servedBy() == null) {
            return new ConnectionDecision.Refuse(Refusal.CONNECTION_REFUSED, "the path to " + b.target().address() + ":" + b.target().port()
                    + " is open (" + delivered.summary() + "), but no program is published on that port", decided);
        }
        InetSocketAddress program = loopback(b.target().servedBy());
        if (!"TLS".equals(b.listenerProtocol())) return new ConnectionDecision.Deliver(program, delivered.summary(), decided);
        String listener = "listener TLS " + b.port() + " (" + b.listenerArn() + ")";
        if (tlsListeners == null) {
            return new ConnectionDecision.Refuse(Refusal.CONNECTION_REFUSED, "the path is open (" + delivered.summary() + "), but this data plane "
                    + "terminates no TLS for " + listener, decided);
        }
        if (request.protocol() == ProxyProtocol.HTTP_FORWARD) {
            // a plain HTTP request forwarded by the proxy would reach a TLS listener unencrypted, which fails its handshake
            return new ConnectionDecision.Refuse(Refusal.CONNECTION_REFUSED, host + ":" + b.port() + " is " + listener + ", which expects TLS; "
                    + "send https:// (the proxy tunnels it with CONNECT) rather than a plain http:// request", decided);
        }
        return new ConnectionDecision.Deliver(program, delivered.summary(), decided)
                .servedInProcess(tlsListeners.terminate(program, host, "TLS".equals(b.targetProtocol())));
    }

    private static InetSocketAddress loopback(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /**
     * To another instance's port: the program published there plays it, over a real socket on loopback. An engine with
     * publications never delivers to an interface without one; if it did, the host refuses, as a closed port does.
     */
    private static ConnectionDecision toInstance(Scope scope, Verdict.Delivered delivered, Target.Interface target) {
        Verdict.Source s = delivered.source();
        DecidedFlow decided = new DecidedFlow(scope.account(), scope.region(), s.vpcId(), s.networkInterfaceId(), s.privateIp(),
                target.address(), true, FlowPaths.of(target), null, null, target.networkInterfaceId(), target.instanceId());
        if (target.servedBy() == null) {
            return new ConnectionDecision.Refuse(Refusal.CONNECTION_REFUSED, "the path to " + target.address() + " is open ("
                    + delivered.summary() + "), but no program is published on that port", decided);
        }
        return new ConnectionDecision.Deliver(loopback(target.servedBy()), delivered.summary(), decided);
    }

    /** What a flow record shows of a delivered flow. */
    private static DecidedFlow decided(Scope scope, Verdict.Delivered delivered, String path, FlowOrigin origin) {
        Verdict.Source s = delivered.source();
        return new DecidedFlow(scope.account(), scope.region(), s.vpcId(), s.networkInterfaceId(), s.privateIp(),
                delivered.target().address(), true, path, null, origin);
    }

    /**
     * What a flow record shows of a refused flow: as far as it got, and the hop that refused it. A host that refused
     * (nothing listens, or its instance is not running) is named as the destination; the network accepted that flow,
     * as AWS flow logs record a connection a closed port resets.
     */
    private static DecidedFlow decided(Scope scope, Verdict.Refused refused) {
        Trace trace = refused.trace();
        Verdict.Source s = trace.source();
        Hop decisive = trace.decisive();
        NetworkInterface host = decisive.kind() == Hop.Kind.REFUSED && decisive.subject() instanceof NetworkInterface eni ? eni : null;
        boolean accepted = refused.reason() == Verdict.Reason.CONNECTION_REFUSED;
        return new DecidedFlow(scope.account(), scope.region(), s == null ? null : s.vpcId(), s == null ? null : s.networkInterfaceId(),
                s == null ? null : s.privateIp(), trace.destinationAddress(), accepted, FlowPaths.refused(trace), accepted ? null : decisive,
                null, host == null ? null : host.id(), host == null || host.attachment() == null ? null : host.attachment().instanceId());
    }

    /** In process, like the endpoint front: the instance the path engine named goes with the connection. */
    private ConnectionDecision toMetadata(Scope scope, Target.InstanceMetadata imds, Verdict.Delivered delivered, String summary) {
        DecidedFlow decided = decided(scope, delivered, "instance metadata service", null);
        if (metadata == null) {
            return new ConnectionDecision.Refuse(Refusal.CONNECTION_REFUSED, summary + ", but this localvpc serves no instance metadata", decided);
        }
        MetadataFlow flow = new MetadataFlow(imds.instanceId(), scope);
        return new ConnectionDecision.Deliver(metadata.localAddress(), summary, decided, new InProcessTarget() {
            @Override
            public void attach(io.netty.channel.Channel workload, String afterHandler) {
                metadata.attach(workload, afterHandler, flow);
            }

            @Override
            public Object greeting() {
                return flow;
            }
        });
    }

    private static ConnectionDecision deliver(ServiceRouter.Destination destination, String host, String summary, DecidedFlow decided) {
        FlowOrigin origin = decided.origin();
        if (destination instanceof ServiceRouter.Front f) {
            // In process only: the route (backend and origin) goes with the connection, never as bytes a workload
            // could forge; it is settled here, once, for every request the connection carries.
            ServiceRoute route = ServiceRoute.of(f.backend(), host.toLowerCase(java.util.Locale.ROOT), origin);
            return new ConnectionDecision.Deliver(f.front().localAddress(), summary, decided, new InProcessTarget() {
                @Override
                public void attach(io.netty.channel.Channel workload, String afterHandler) {
                    f.front().attach(workload, afterHandler, route);
                }

                @Override
                public Object greeting() {
                    return route;
                }
            });
        }
        // No policy applies to a protocol localvpc does not parse, so nothing announces the origin.
        return new ConnectionDecision.Deliver(((ServiceRouter.PassThrough) destination).backend(), summary, decided);
    }

    /** What the endpoint listener is told about the flow (and what a zone fault looks at to cut it). */
    public static FlowOrigin origin(Scope scope, Verdict.Delivered delivered, Target.AwsService service) {
        Target.Via via = service.via();
        String kind;
        String zone = null;
        if (via instanceof Target.GatewayEndpoint) {
            kind = "gateway-endpoint";
        } else if (via instanceof Target.InterfaceEndpoint ie) {
            kind = "interface-endpoint";
            zone = ie.zoneId();
        } else if (via instanceof Target.NatGateway) {
            kind = "nat-gateway";
        } else {
            kind = "internet-gateway";
        }
        boolean endpoint = via instanceof Target.GatewayEndpoint || via instanceof Target.InterfaceEndpoint;
        return new FlowOrigin(scope.account(), scope.region(), delivered.source().vpcId(), delivered.source().networkInterfaceId(),
                delivered.source().privateIp(), endpoint ? via.id() : null, kind, via.id(), zone, service.host());
    }

    private static Refusal refusal(Verdict.Reason reason) {
        return switch (reason) {
            case NOT_ALLOWED, UNKNOWN_SOURCE -> Refusal.NOT_ALLOWED;
            case NETWORK_UNREACHABLE -> Refusal.NETWORK_UNREACHABLE;
            case HOST_UNREACHABLE -> Refusal.HOST_UNREACHABLE;
            case CONNECTION_REFUSED -> Refusal.CONNECTION_REFUSED;
        };
    }
}
