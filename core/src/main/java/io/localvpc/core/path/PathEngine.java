package io.localvpc.core.path;

import io.localvpc.core.dns.DnsAnswer;
import io.localvpc.core.dns.ServiceAddresses;
import io.localvpc.core.dns.VpcDns;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides what happens to a connection a workload opens, the way the VPC would: resolve the name in
 * the VPC's DNS view, look up the subnet's route table (longest prefix match), apply the source's
 * security groups (egress), the network ACLs where the flow crosses a subnet boundary (both ways,
 * return traffic on the client's ephemeral port), then the target: an interface endpoint's or an
 * instance's interface (its ACL and security groups inbound), a gateway endpoint, a NAT gateway, or an
 * internet gateway (which needs a public address). Pure: it reads a {@link View} and returns a
 * {@link Verdict} with its {@link Trace}; the live proxy and {@code localvpc trace} both call it.
 *
 * <p>A flow to a node of a Network Load Balancer goes on through its listener and target group to a target
 * ({@link LoadBalancerPass}); a flow to a consumer's interface endpoint of an endpoint service goes on in the provider's
 * account, at the node of the service's load balancer in the endpoint interface's zone.
 *
 * <p>An instance's port is served only if a running instance has a program published on it ({@link Publications}).
 * An engine made without publications decides from the configuration alone, as the Reachability Analyzer does:
 * it stops at the interface the network delivers to.
 */
public final class PathEngine {
    private static final long INSTANCE_METADATA = Ipv4.parse(Target.InstanceMetadata.ADDRESS);
    /** The load balancer attribute that, set to {@code off}, exempts PrivateLink traffic from its security groups' inbound rules. */
    static final String ENFORCE_ON_PRIVATE_LINK = "enforce_security_group_inbound_rules_on_private_link_traffic";
    private static final String NLB_NODE = io.localvpc.core.ops.elbv2.LoadBalancerNodes.INTERFACE_TYPE;
    private final ZoneFaults faults;
    private final Publications publications;
    private final TargetHealthBook health;
    private final EndpointServiceDirectory services;
    private final Map<Scope, CompiledScope> compiled = new ConcurrentHashMap<>();
    private volatile CompiledScope last;

    /** An engine that judges the configuration only: flows to instances end at their interface. */
    public PathEngine(ZoneFaults faults) {
        this(faults, null);
    }

    /** An engine for live connections: a flow to an instance's port goes to the program published there, if any. */
    public PathEngine(ZoneFaults faults, Publications publications) {
        this(faults, publications, null, null);
    }

    /**
     * An engine that also follows flows through Network Load Balancers and across PrivateLink.
     *
     * @param publications what plays instances' ports, or null to judge the configuration only
     * @param health       what the health checks found of load balancers' targets, or null to count every registered
     *                     target (the configuration only, as the Reachability Analyzer does)
     * @param services     where endpoint services' providers are, for flows to a consumer's interface endpoint; null to
     *                     stop such flows at the endpoint, as for an AWS service (the Reachability Analyzer does not
     *                     follow a path into the provider's account either)
     */
    public PathEngine(ZoneFaults faults, Publications publications, TargetHealthBook health, EndpointServiceDirectory services) {
        this.faults = faults;
        this.publications = publications;
        this.health = health;
        this.services = services;
    }

    public ZoneFaults faults() {
        return faults;
    }

    public Verdict decide(View view, Flow flow) {
        return new Decision(view, compiledFor(view), flow).run();
    }

    private CompiledScope compiledFor(View view) {
        CompiledScope c = last; // most decisions in a row are about one scope
        if (c != null && c.version == view.version() && c.scope.equals(view.scope())) return c;
        c = compiled.get(view.scope());
        if (c == null || c.version != view.version()) {
            c = new CompiledScope(view);
            compiled.put(view.scope(), c);
        }
        last = c;
        return c;
    }

    /**
     * One decision in progress. It writes what it finds into its {@link Trace}: the steps, mostly hops
     * prebuilt per state version, and the facts that what a hop says about the flow is worded from.
     */
    private final class Decision {
        private final View view;
        private final CompiledScope c;
        private final Flow flow;
        private final Trace trace;
        private SourceInterface source;
        /** What the DNS answer said of a public name when it says more than "public name of …"; null otherwise. */
        private String publicNameNote;

        Decision(View view, CompiledScope c, Flow flow) {
            this.view = view;
            this.c = c;
            this.flow = flow;
            this.trace = new Trace(flow);
        }

        Verdict run() {
            Verdict refused = findSource();
            if (refused == null) refused = resolveDestination();
            if (refused != null) return refused;
            if (destination() == INSTANCE_METADATA) return toInstanceMetadata();

            RouteLookup routes = source.routes();
            RouteLookup.Entry match = routes == null ? null : routes.match(destination());
            String tableId = routes == null ? "subnet " + source.subnet().id() + " (no route table)" : routes.table().id();
            if (match == null) {
                record(new Hop(Hop.Kind.ROUTE, tableId, false, publicNameNote, destinationText()));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            Route route = match.route();
            if (!routes.isActive(view, match)) {
                record(new Hop(Hop.Kind.ROUTE, tableId, false, route, "its target no longer carries traffic"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            record(match.matched());

            if (route.isLocal()) return toInterface();
            String gw = route.gatewayId();
            if (gw != null && gw.startsWith("vpce-")) return toGatewayEndpoint(gw);
            if (gw != null && gw.startsWith("igw-")) return toInternetGateway(gw);
            if (route.natGatewayId() != null) return toNatGateway(route.natGatewayId());
            record(new Hop(Hop.Kind.REFUSED, route.destination(), false, null, "routes to a network appliance or egress-only gateway ("
                    + (route.networkInterfaceId() != null ? route.networkInterfaceId() : route.instanceId() != null ? route.instanceId()
                    : route.egressOnlyInternetGatewayId()) + ") are not modelled by localvpc yet"));
            return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
        }

        // ---- the source and the destination address

        private Verdict findSource() {
            String id = flow.source();
            boolean isInstance = id != null && id.startsWith("i-");
            if (!isInstance && (id == null || !id.startsWith("eni-"))) {
                return unknownSource("the workload identity '" + id + "' is neither an instance id (i-…) nor a network interface id (eni-…)");
            }
            SourceInterface found = c.workload(id);
            // known before its run state is checked, so a refused flow from a stopped instance still names its VPC
            if (found != null) trace.from(found);
            if (isInstance) {
                Instance instance = found != null ? found.instance() : c.find(Instance.class, id);
                if (instance == null) return unknownSource("no instance " + id + " in " + view.scope().key());
                Instance.State state = instance.stateAt(view.now());
                if (state != Instance.State.RUNNING) return unknownSource(state.whyNotRunning(id));
                if (found == null) return unknownSource("instance " + id + " has no network interface");
            } else if (found == null) {
                return unknownSource("no network interface " + id + " in " + view.scope().key());
            }
            source = found;
            if (source.subnet() == null) return unknownSource("subnet " + eni().subnetId() + " of " + eni().id() + " is gone");
            record(source.hop());
            return null;
        }

        private Verdict unknownSource(String why) {
            record(new Hop(Hop.Kind.SOURCE, String.valueOf(flow.source()), false, null, why));
            return refuse(Verdict.Reason.UNKNOWN_SOURCE);
        }

        private Verdict resolveDestination() {
            String host = flow.destination();
            long literal = Ipv4.parse(host);
            if (literal >= 0) {
                trace.to(literal, host);
                return null;
            }
            DnsAnswer answer = VpcDns.resolve(view, eni().vpcId(), host, faults);
            if (answer instanceof DnsAnswer.Addresses a) {
                String chosen = a.insideVpc() ? chooseAddress(a.addresses()) : a.addresses().get(0);
                trace.to(Ipv4.parse(chosen), chosen);
                trace.resolvedBy(a.source());
                // a public name's answer that explains itself (a legacy name, an endpoint whose private DNS does not
                // cover it) is repeated where the flow is refused for want of a route to the public address
                if (!a.insideVpc() && (a.source().contains("; ") || !a.source().startsWith("public name of "))) publicNameNote = a.source();
                record(source.resolved());
                return null;
            }
            String why = "cannot resolve " + host + ": " + (answer instanceof DnsAnswer.NoSuchName n ? n.reason()
                    : answer instanceof DnsAnswer.Unavailable u ? u.reason()
                    : ((DnsAnswer.Refused) answer).reason());
            record(new Hop(Hop.Kind.DNS, eni().vpcId(), false, null, why));
            return refuse(Verdict.Reason.HOST_UNREACHABLE);
        }

        /** Of several answers, one in the source's own zone if there is one (as zonal clients do), else the first. */
        private String chooseAddress(List<String> addresses) {
            if (addresses.size() > 1) {
                for (int i = 0; i < addresses.size(); i++) {
                    String a = addresses.get(i);
                    NetworkInterface target = c.interfaceAt(eni().vpcId(), Ipv4.parse(a));
                    if (target != null && target.availabilityZone().equals(eni().availabilityZone())) return a;
                }
            }
            return addresses.get(0);
        }

        // ---- targets

        /** The link-local metadata service: the instance's own, before any route, security group or network ACL. */
        private Verdict toInstanceMetadata() {
            String instanceId = source.instance() != null ? source.instance().id()
                    : eni().attachment() != null ? eni().attachment().instanceId() : null;
            if (instanceId == null) {
                record(new Hop(Hop.Kind.REFUSED, eni().id(), false, null, Target.InstanceMetadata.ADDRESS + " is the instance metadata service; "
                        + eni().id() + " is attached to no instance, so there is none to answer"));
                return refuse(Verdict.Reason.HOST_UNREACHABLE);
            }
            if (flow.port() != Target.InstanceMetadata.PORT) {
                record(new Hop(Hop.Kind.REFUSED, instanceId, false, null, "the instance metadata service of " + instanceId
                        + " answers on " + Target.InstanceMetadata.ADDRESS + ":" + Target.InstanceMetadata.PORT + " only, not port " + flow.port()));
                return refuse(Verdict.Reason.HOST_UNREACHABLE);
            }
            record(new Hop(Hop.Kind.DELIVERED, instanceId, true, null, "delivered to the instance metadata service of " + instanceId + " ("
                    + destinationText() + "; link-local: no route, security group or network ACL applies, as on AWS)"));
            return new Verdict.Delivered(new Target.InstanceMetadata(instanceId, destinationText(), flow.port()), trace, source.verdictSource());
        }

        /** The local route: another interface in the VPC (an interface endpoint's, or an instance's). */
        private Verdict toInterface() {
            NetworkInterface held = c.interfaceAt(eni().vpcId(), destination());
            LoadBalancerNode node = held == null ? null : c.loadBalancerNode(held.id());
            List<String> peerGroups = held == null ? List.of() : node != null ? node.loadBalancer().securityGroupIds() : held.groupIds();
            if (!sourceEgress(peerGroups)) return refuse(Verdict.Reason.NOT_ALLOWED);
            if (held == null) {
                record(new Hop(Hop.Kind.REFUSED, eni().vpcId(), false, null, "no network interface in " + eni().vpcId() + " holds " + destinationText()));
                return refuse(Verdict.Reason.HOST_UNREACHABLE);
            }
            TargetInterface target = c.target(held);
            // an interface whose subnet is gone is taken to be in the source's, so no ACL lies between them
            Subnet targetSubnet = target.subnet() == null ? source.subnet() : target.subnet();
            if (!targetSubnet.id().equals(source.subnet().id()) && !crossSubnets(source.acl(), target.acl())) {
                return refuse(Verdict.Reason.NOT_ALLOWED);
            }
            if (node != null) return toLoadBalancer(node, held);
            if (!targetIngress(target)) return refuse(Verdict.Reason.NOT_ALLOWED);
            VpcEndpoint endpoint = target.endpoint();
            if (endpoint != null) {
                String zoneId = targetSubnet.availabilityZoneId();
                VpcEndpoint.State state = endpoint.state(view.now());
                if (state != VpcEndpoint.State.AVAILABLE) {
                    record(new Hop(Hop.Kind.ENDPOINT, endpoint.id(), false, null, "rejected".equals(state.awsName())
                            ? endpoint.id() + " was rejected by the service owner" : endpoint.id() + " is " + state + ", not available"));
                    return refuse(Verdict.Reason.HOST_UNREACHABLE);
                }
                if (faults.isDown(zoneId)) {
                    record(new Hop(Hop.Kind.ENDPOINT, endpoint.id(), false, null, held.id() + " of " + endpoint.id() + " is in " + zoneId
                            + ", which is down (localvpc fault az " + zoneId + " up restores it)"));
                    return refuse(Verdict.Reason.HOST_UNREACHABLE);
                }
                if (services != null && EndpointServiceDirectory.isEndpointService(endpoint.serviceName())) {
                    return acrossPrivateLink(endpoint, held, zoneId);
                }
                EndpointRoute through = target.through() != null ? target.through() : EndpointRoute.throughInterface(endpoint, held, zoneId);
                record(through.hop());
                return deliver(endpoint.serviceName(), through.via(), through.delivered());
            }
            if (held.requesterManaged()) {
                record(new Hop(Hop.Kind.REFUSED, held.id(), false, null, held.id() + " is managed by AWS (" + held.description()
                        + ") and accepts no connections from workloads"));
                return refuse(Verdict.Reason.HOST_UNREACHABLE);
            }
            return toHost(held);
        }

        /**
         * The flow reached a node of a Network Load Balancer in its own VPC: the load balancer's security groups inbound
         * (a load balancer created without any filters nothing there), then the load balancer itself.
         */
        private Verdict toLoadBalancer(LoadBalancerNode node, NetworkInterface held) {
            List<String> lbGroups = node.loadBalancer().securityGroupIds();
            if (lbGroups.isEmpty()) {
                record(new Hop(Hop.Kind.LOAD_BALANCER, node.loadBalancer().id(), true, null, node.name()
                        + " has no security groups, so every client reaches its listeners (as on AWS)"));
            } else {
                InnerLeg leg = new InnerLeg(trace, flow.protocol(), source.ip(), flow.sourcePort(), destination(), flow.port());
                if (!leg.ingress(c.groups(lbGroups), held.withGroupIds(lbGroups), eni().groupIds())) return refuse(Verdict.Reason.NOT_ALLOWED);
            }
            return new LoadBalancerPass(c, faults, health, publications, trace, flow).pass(node, source.ip(), destinationText(), null, null,
                    source.verdictSource());
        }

        /**
         * The consumer's leg ended at an available interface endpoint of an endpoint service: the flow continues in the
         * provider's account, at the node of one of the service's load balancers in the endpoint interface's zone. The
         * load balancer's security groups judge it from the endpoint interface's address unless the load balancer turned
         * that off for PrivateLink traffic; the target sees the node's address.
         */
        private Verdict acrossPrivateLink(VpcEndpoint endpoint, NetworkInterface held, String zoneId) {
            EndpointServiceDirectory.Provider provider = services.find(view.scope().region(), endpoint.serviceName());
            String serviceId = endpoint.serviceName().substring(endpoint.serviceName().lastIndexOf('.') + 1);
            if (provider == null) {
                record(new Hop(Hop.Kind.ENDPOINT, endpoint.id(), false, null, "the endpoint service " + serviceId + " of " + endpoint.id()
                        + " no longer exists"));
                return refuse(Verdict.Reason.HOST_UNREACHABLE);
            }
            CompiledScope p = compiledFor(provider.view());
            LoadBalancerNode node = null;
            List<String> arns = provider.configuration().networkLoadBalancerArns();
            int hash = FlowHash.of(flow.protocol(), source.ip(), flow.sourcePort(), destination(), flow.port());
            for (int i = 0; i < arns.size() && node == null; i++) {
                io.localvpc.core.model.LoadBalancer lb = p.find(io.localvpc.core.model.LoadBalancer.class, arns.get(Math.floorMod(hash + i, arns.size())));
                io.localvpc.core.model.LoadBalancer.Node n = lb == null ? null : lb.nodeIn(zoneId);
                if (n != null) node = new LoadBalancerNode(lb, n);
            }
            if (node == null) {
                record(new Hop(Hop.Kind.ENDPOINT, endpoint.id(), false, null, "no load balancer of " + serviceId + " has a node in " + zoneId
                        + ", the zone of " + held.id()));
                return refuse(Verdict.Reason.HOST_UNREACHABLE);
            }
            record(new Hop(Hop.Kind.ENDPOINT, endpoint.id(), true, null, "interface endpoint " + endpoint.id() + " via " + held.id() + " in " + zoneId
                    + " → endpoint service " + serviceId + " of account " + provider.view().scope().account() + ", " + node.name()));
            List<String> lbGroups = node.loadBalancer().securityGroupIds();
            boolean enforce = !"off".equals(node.loadBalancer().attributes().get(ENFORCE_ON_PRIVATE_LINK));
            if (!lbGroups.isEmpty() && enforce) {
                NetworkInterface nodeEni = p.find(NetworkInterface.class, node.node().networkInterfaceId());
                InnerLeg leg = new InnerLeg(trace, flow.protocol(), Ipv4.parse(held.privateIpAddress()), flow.sourcePort(),
                        Ipv4.parse(node.node().privateIpAddress()), flow.port());
                if (nodeEni != null && !leg.ingress(p.groups(lbGroups), nodeEni.withGroupIds(lbGroups), List.of())) return refuse(Verdict.Reason.NOT_ALLOWED);
            }
            return new LoadBalancerPass(p, faults, health, publications, trace, flow).pass(node, source.ip(),
                    destinationText(), endpoint.id(), endpoint.serviceName(), source.verdictSource());
        }

        /**
         * The network let the flow through to {@code held}: its instance must be running, and (for live connections)
         * something must listen on the port, or the host refuses the connection as a closed port does. Either refusal's
         * hop has the interface as its subject, so a flow record can name the destination.
         */
        private Verdict toHost(NetworkInterface held) {
            String instanceId = held.attachment() == null ? null : held.attachment().instanceId();
            Instance instance = instanceId == null ? null : c.find(Instance.class, instanceId);
            if (instance != null) {
                Instance.State state = instance.stateAt(view.now());
                if (state != Instance.State.RUNNING) {
                    record(new Hop(Hop.Kind.REFUSED, instanceId, false, held, "the network delivers to " + held.id() + " (" + destinationText()
                            + "), but " + state.whyNotRunning(instanceId)));
                    return refuse(Verdict.Reason.HOST_UNREACHABLE);
                }
            }
            String owner = instance != null ? instanceId : held.id();
            if (publications == null) {
                record(new Hop(Hop.Kind.DELIVERED, held.id(), true, null, "delivered to " + held.id() + " (" + destinationText() + ")"));
                return new Verdict.Delivered(new Target.Interface(held.id(), instanceId, destinationText(), flow.port(), null), trace,
                        source.verdictSource());
            }
            Publications.Publication served = publications.find(view.scope(), owner, flow.port());
            String port = Protocols.name(flow.protocol()) + " " + flow.port();
            if (served == null) {
                record(new Hop(Hop.Kind.REFUSED, owner, false, held, "the network delivers to " + held.id() + " (" + destinationText()
                        + "), but nothing listens on " + owner + " " + port + " (no program published; localvpc publish " + owner + " "
                        + flow.port() + " 127.0.0.1:<port> plays it)"));
                return refuse(Verdict.Reason.CONNECTION_REFUSED);
            }
            record(new Hop(Hop.Kind.DELIVERED, owner, true, null, "delivered to " + owner + " " + port + " (" + held.id() + ", "
                    + destinationText() + "), played by " + served.hostPort()));
            return new Verdict.Delivered(new Target.Interface(held.id(), instanceId, destinationText(), flow.port(), served.hostPort()), trace,
                    source.verdictSource());
        }

        private Verdict toGatewayEndpoint(String endpointId) {
            if (!sourceEgress(List.of())) return refuse(Verdict.Reason.NOT_ALLOWED);
            if (!leaveSubnet(source.acl())) return refuse(Verdict.Reason.NOT_ALLOWED);
            EndpointRoute through = c.gateway(endpointId);
            if (through == null || through.endpoint().state(view.now()) != VpcEndpoint.State.AVAILABLE) {
                record(new Hop(Hop.Kind.ENDPOINT, endpointId, false, null, "gateway endpoint " + endpointId + " is not available"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            record(through.hop());
            return deliver(through.endpoint().serviceName(), through.via(), through.delivered());
        }

        private Verdict toInternetGateway(String igwId) {
            if (!sourceEgress(List.of())) return refuse(Verdict.Reason.NOT_ALLOWED);
            if (eni().publicIp() == null) {
                record(new Hop(Hop.Kind.INTERNET_GATEWAY, igwId, false, null, eni().id() + " has no public IPv4 address, so " + igwId
                        + " cannot carry its traffic (give it an Elastic IP, launch into a subnet that maps public IPs, or route through a NAT gateway)"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            if (!leaveSubnet(source.acl())) return refuse(Verdict.Reason.NOT_ALLOWED);
            Optional<ServiceAddresses.ServiceHost> service = ServiceAddresses.atAddress(view.scope().region(), destination());
            if (service.isEmpty()) return outsideWorld(igwId);
            record(new Hop(Hop.Kind.INTERNET_GATEWAY, igwId, true, null, "internet gateway " + igwId + " as " + eni().publicIp()));
            Target.Via via = new Target.InternetGateway(igwId);
            return deliver(service.get().serviceName(), via, EndpointRoute.delivered(service.get().serviceName(), via));
        }

        private Verdict toNatGateway(String natId) {
            if (!sourceEgress(List.of())) return refuse(Verdict.Reason.NOT_ALLOWED);
            NatGateway nat = c.find(NatGateway.class, natId);
            if (nat == null || NatGatewayOps.stateOf(view, nat) != NatGateway.State.AVAILABLE) {
                record(new Hop(Hop.Kind.NAT_GATEWAY, natId, false, null, natId + " is "
                        + (nat == null ? "gone" : NatGatewayOps.stateOf(view, nat)) + ", not available"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            Subnet natSubnet = c.find(Subnet.class, nat.subnetId());
            if (natSubnet == null) return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            if (!natSubnet.id().equals(source.subnet().id()) && !crossSubnets(source.acl(), c.acl(natSubnet))) {
                return refuse(Verdict.Reason.NOT_ALLOWED);
            }
            if (!nat.isPublic()) {
                record(new Hop(Hop.Kind.NAT_GATEWAY, natId, false, null, natId + " is a private NAT gateway; it reaches other networks "
                        + "through transit or virtual private gateways, which localvpc does not model"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            RouteLookup natRoutes = c.routes(natSubnet);
            RouteLookup.Entry onwardMatch = natRoutes == null ? null : natRoutes.match(destination());
            String natTable = natRoutes == null ? natSubnet.id() : natRoutes.table().id();
            if (onwardMatch == null) {
                record(new Hop(Hop.Kind.ROUTE, natTable, false, null, destinationText()));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            Route onward = onwardMatch.route();
            if (!natRoutes.isActive(view, onwardMatch)) {
                record(new Hop(Hop.Kind.ROUTE, natTable, false, onward, "its target no longer carries traffic"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            if (onward.gatewayId() == null || !onward.gatewayId().startsWith("igw-")) {
                record(new Hop(Hop.Kind.NAT_GATEWAY, natId, false, null, "the subnet of " + natId + " (" + natSubnet.id() + ") routes "
                        + destinationText() + " via " + natTable + " to " + onward.destination() + " → " + targetOf(onward)
                        + ", not to an attached internet gateway, so the NAT gateway cannot reach it"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            record(new Hop(Hop.Kind.ROUTE, natTable, true, onward, "from " + natId + "'s subnet " + natSubnet.id()));
            if (!leaveSubnet(c.acl(natSubnet))) return refuse(Verdict.Reason.NOT_ALLOWED);
            Optional<ServiceAddresses.ServiceHost> service = ServiceAddresses.atAddress(view.scope().region(), destination());
            if (service.isEmpty()) return outsideWorld(natId);
            record(new Hop(Hop.Kind.NAT_GATEWAY, natId, true, null, "NAT gateway " + natId + " as " + nat.publicIp() + ", then " + onward.gatewayId()));
            Target.Via via = new Target.NatGateway(natId);
            return deliver(service.get().serviceName(), via, EndpointRoute.delivered(service.get().serviceName(), via));
        }

        private Verdict outsideWorld(String via) {
            record(new Hop(Hop.Kind.REFUSED, via, false, null, destinationText() + " is outside the emulated world (not an AWS service address "
                    + "localvpc knows); localvpc never sends traffic off this machine"));
            return refuse(Verdict.Reason.HOST_UNREACHABLE);
        }

        // ---- filters

        private boolean sourceEgress(Collection<String> peerGroups) {
            SecurityGroupCheck[] groups = source.groups();
            if (groups.length == 0 && NLB_NODE.equals(eni().interfaceType())) {
                // a Network Load Balancer created without security groups filters nothing it sends (AWS never adds any)
                record(new Hop(Hop.Kind.SECURITY_GROUP_EGRESS, eni().id(), true, null, eni().id() + " is a node of a Network Load Balancer"
                        + " without security groups, which does not filter its own traffic"));
                return true;
            }
            for (int i = 0; i < groups.length; i++) {
                SecurityGroupCheck check = groups[i];
                FlowHop allowed = check == null ? null : check.allowingHop(true, flow.protocol(), flow.port(), destination(), peerGroups);
                if (allowed != null) {
                    record(allowed);
                    return true;
                }
            }
            // the subject is the interface whose groups refused (the Reachability Analyzer names it and each group)
            record(new FlowHop(Hop.Kind.SECURITY_GROUP_EGRESS, String.join(", ", eni().groupIds()) + " on " + eni().id(), false, eni(),
                    FlowHop.Wording.EGRESS_REFUSED));
            return false;
        }

        private boolean targetIngress(TargetInterface target) {
            SecurityGroupCheck[] groups = target.groups();
            for (int i = 0; i < groups.length; i++) {
                SecurityGroupCheck check = groups[i];
                FlowHop allowed = check == null ? null : check.allowingHop(false, flow.protocol(), flow.port(), source.ip(), eni().groupIds());
                if (allowed != null) {
                    record(allowed);
                    return true;
                }
            }
            record(new FlowHop(Hop.Kind.SECURITY_GROUP_INGRESS, String.join(", ", target.eni().groupIds()) + " on " + target.eni().id(), false,
                    target.eni(), FlowHop.Wording.INGRESS_REFUSED));
            return false;
        }

        /** Forward and return traffic from the source to the destination across two subnets' ACLs ({@code out} the source's): four checks. */
        private boolean crossSubnets(NetworkAclCheck out, NetworkAclCheck in) {
            int p = flow.protocol();
            int port = flow.port();
            int eph = flow.sourcePort();
            return acl(out, out == null ? null : out.outboundHop(p, port, destination(), false), port, destination(), true)
                    && acl(in, in == null ? null : in.inboundHop(p, port, source.ip(), false), port, source.ip(), false)
                    && acl(in, in == null ? null : in.outboundHop(p, eph, source.ip(), true), eph, source.ip(), true)
                    && acl(out, out == null ? null : out.inboundHop(p, eph, destination(), true), eph, destination(), false);
        }

        /** Traffic leaving a subnet for a gateway: its ACL outbound, and inbound for the return on the ephemeral port. */
        private boolean leaveSubnet(NetworkAclCheck acl) {
            int p = flow.protocol();
            int eph = flow.sourcePort();
            return acl(acl, acl == null ? null : acl.outboundHop(p, flow.port(), destination(), false), flow.port(), destination(), true)
                    && acl(acl, acl == null ? null : acl.inboundHop(p, eph, destination(), true), eph, destination(), false);
        }

        /** Records the deciding entry's hop; {@code port}, {@code peer} and {@code outbound} describe the packet if none matched. */
        private boolean acl(NetworkAclCheck acl, FlowHop decided, int port, long peer, boolean outbound) {
            if (acl == null) return true; // a subnet always has an ACL on AWS; a missing one filters nothing
            if (decided == null) {
                record(new Hop(Hop.Kind.REFUSED, acl.aclId(), false, null, acl.aclId() + " has no entry matching "
                        + FlowHop.traffic(flow.protocol(), port, peer, outbound)));
                return false;
            }
            record(decided);
            return decided.passed();
        }

        private Verdict deliver(String serviceName, Target.Via via, Hop delivered) {
            record(delivered);
            return new Verdict.Delivered(new Target.AwsService(serviceName, flow.destination(), destinationText(), flow.port(), via),
                    trace, source.verdictSource());
        }

        private Verdict refuse(Verdict.Reason reason) {
            return new Verdict.Refused(reason, trace);
        }

        private void record(Object step) {
            trace.record(step);
        }

        private NetworkInterface eni() {
            return source.eni();
        }

        private long destination() {
            return trace.destination();
        }

        private String destinationText() {
            return trace.destinationText();
        }
    }

    private static String targetOf(Route r) {
        if (r.gatewayId() != null) return r.gatewayId();
        if (r.natGatewayId() != null) return r.natGatewayId();
        if (r.networkInterfaceId() != null) return r.networkInterfaceId();
        return String.valueOf(r.instanceId());
    }
}
