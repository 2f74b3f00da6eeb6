package io.localvpc.core.path;

import io.localvpc.core.dns.DnsAnswer;
import io.localvpc.core.dns.ServiceAddresses;
import io.localvpc.core.dns.VpcDns;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.ops.RouteStates;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.View;

import java.util.ArrayList;
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
 */
public final class PathEngine {
    private final ZoneFaults faults;
    private final Map<Scope, CompiledScope> compiled = new ConcurrentHashMap<>();

    public PathEngine(ZoneFaults faults) {
        this.faults = faults;
    }

    public ZoneFaults faults() {
        return faults;
    }

    public Verdict decide(View view, Flow flow) {
        return new Decision(view, compiledFor(view), flow).run();
    }

    private CompiledScope compiledFor(View view) {
        CompiledScope c = compiled.get(view.scope());
        if (c == null || c.version != view.version()) {
            c = new CompiledScope(view);
            compiled.put(view.scope(), c);
        }
        return c;
    }

    /** One decision in progress: the hops so far and the facts gathered. */
    private final class Decision {
        private final View view;
        private final CompiledScope c;
        private final Flow flow;
        private final List<Hop> hops = new ArrayList<>(12);
        private NetworkInterface source;
        private Subnet sourceSubnet;
        private long sourceIp;
        private long destination;
        private String destinationText;

        Decision(View view, CompiledScope c, Flow flow) {
            this.view = view;
            this.c = c;
            this.flow = flow;
        }

        Verdict run() {
            Verdict refused = findSource();
            if (refused == null) refused = resolveDestination();
            if (refused != null) return refused;

            RouteLookup routes = c.routes(sourceSubnet);
            Route route = routes == null ? null : routes.lookup(destination);
            String tableId = routes == null ? "subnet " + sourceSubnet.id() + " (no route table)" : routes.table().id();
            if (route == null) {
                hops.add(new Hop(Hop.Kind.ROUTE, tableId, false, null, destinationText));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            if (!RouteStates.isActive(view, routes.table(), route)) {
                hops.add(new Hop(Hop.Kind.ROUTE, tableId, false, route, "its target no longer carries traffic"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            hops.add(new Hop(Hop.Kind.ROUTE, tableId, true, route, new Phrase("longest prefix match for ", destinationText, "")));

            if (route.isLocal()) return toInterface();
            String gw = route.gatewayId();
            if (gw != null && gw.startsWith("vpce-")) return toGatewayEndpoint(gw);
            if (gw != null && gw.startsWith("igw-")) return toInternetGateway(gw);
            if (route.natGatewayId() != null) return toNatGateway(route.natGatewayId());
            hops.add(new Hop(Hop.Kind.REFUSED, route.destination(), false, null, "routes to a network appliance or egress-only gateway ("
                    + (route.networkInterfaceId() != null ? route.networkInterfaceId() : route.instanceId() != null ? route.instanceId()
                    : route.egressOnlyInternetGatewayId()) + ") are not modelled by localvpc yet"));
            return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
        }

        // ---- the source and the destination address

        private Verdict findSource() {
            String id = flow.source();
            NetworkInterface eni = null;
            if (id != null && id.startsWith("i-")) {
                Instance instance = c.find(Instance.class, id);
                if (instance == null) return unknownSource("no instance " + id + " in " + view.scope().key());
                Instance.State state = instance.stateAt(view.now());
                if (state != Instance.State.RUNNING) return unknownSource("instance " + id + " is " + state.awsName() + ", not running");
                String primary = instance.primaryNetworkInterfaceId();
                eni = primary == null ? null : c.find(NetworkInterface.class, primary);
                if (eni == null) return unknownSource("instance " + id + " has no network interface");
            } else if (id != null && id.startsWith("eni-")) {
                eni = c.find(NetworkInterface.class, id);
                if (eni == null) return unknownSource("no network interface " + id + " in " + view.scope().key());
            } else {
                return unknownSource("the workload identity '" + id + "' is neither an instance id (i-…) nor a network interface id (eni-…)");
            }
            source = eni;
            sourceIp = Ipv4.parse(eni.privateIpAddress());
            sourceSubnet = c.find(Subnet.class, eni.subnetId());
            if (sourceSubnet == null) return unknownSource("subnet " + eni.subnetId() + " of " + eni.id() + " is gone");
            hops.add(new Hop(Hop.Kind.SOURCE, eni.id(), true, null, new Words("from ", eni.id(), " (", eni.privateIpAddress(), ") in ",
                    sourceSubnet.id(), ", ", eni.vpcId())));
            return null;
        }

        private Verdict unknownSource(String why) {
            hops.add(new Hop(Hop.Kind.SOURCE, String.valueOf(flow.source()), false, null, why));
            return new Verdict.Refused(Verdict.Reason.UNKNOWN_SOURCE, new Trace(hops));
        }

        private Verdict resolveDestination() {
            String host = flow.destination();
            long literal = Ipv4.parse(host);
            if (literal >= 0) {
                destination = literal;
                destinationText = host;
                return null;
            }
            DnsAnswer answer = VpcDns.resolve(view, source.vpcId(), host, faults);
            if (answer instanceof DnsAnswer.Addresses a) {
                String chosen = a.insideVpc() ? chooseAddress(a.addresses()) : a.addresses().get(0);
                destination = Ipv4.parse(chosen);
                destinationText = chosen;
                hops.add(new Hop(Hop.Kind.DNS, source.vpcId(), true, null, new Words(host, " → ", chosen, " (", a.source(), ")")));
                return null;
            }
            String why = "cannot resolve " + host + ": " + (answer instanceof DnsAnswer.NoSuchName n ? n.reason()
                    : answer instanceof DnsAnswer.Unavailable u ? u.reason()
                    : ((DnsAnswer.Refused) answer).reason());
            hops.add(new Hop(Hop.Kind.DNS, source.vpcId(), false, null, why));
            return refuse(Verdict.Reason.HOST_UNREACHABLE);
        }

        /** Of several answers, one in the source's own zone if there is one (as zonal clients do), else the first. */
        private String chooseAddress(List<String> addresses) {
            if (addresses.size() > 1) {
                for (String a : addresses) {
                    NetworkInterface eni = c.interfaceAt(source.vpcId(), Ipv4.parse(a));
                    if (eni != null && eni.availabilityZone().equals(source.availabilityZone())) return a;
                }
            }
            return addresses.get(0);
        }

        // ---- targets

        /** The local route: another interface in the VPC (an interface endpoint's, or an instance's). */
        private Verdict toInterface() {
            NetworkInterface target = c.interfaceAt(source.vpcId(), destination);
            if (!sourceEgress(target == null ? List.of() : target.groupIds())) return refuse(Verdict.Reason.NOT_ALLOWED);
            if (target == null) {
                hops.add(new Hop(Hop.Kind.REFUSED, source.vpcId(), false, null, "no network interface in " + source.vpcId() + " holds " + destinationText));
                return refuse(Verdict.Reason.HOST_UNREACHABLE);
            }
            Subnet found = c.find(Subnet.class, target.subnetId());
            Subnet targetSubnet = found == null ? sourceSubnet : found;
            if (!targetSubnet.id().equals(sourceSubnet.id()) && !crossSubnets(sourceSubnet, targetSubnet, destination, sourceIp)) {
                return refuse(Verdict.Reason.NOT_ALLOWED);
            }
            if (!targetIngress(target)) return refuse(Verdict.Reason.NOT_ALLOWED);
            VpcEndpoint endpoint = c.endpointOwning(target.id());
            if (endpoint != null) {
                String zoneId = targetSubnet.availabilityZoneId();
                if (!"available".equals(endpoint.state(view.now()))) {
                    hops.add(new Hop(Hop.Kind.ENDPOINT, endpoint.id(), false, null, endpoint.id() + " is " + endpoint.state(view.now()) + ", not available"));
                    return refuse(Verdict.Reason.HOST_UNREACHABLE);
                }
                if (faults.isDown(zoneId)) {
                    hops.add(new Hop(Hop.Kind.ENDPOINT, endpoint.id(), false, null, target.id() + " of " + endpoint.id() + " is in " + zoneId
                            + ", which is down (localvpc fault az " + zoneId + " up restores it)"));
                    return refuse(Verdict.Reason.HOST_UNREACHABLE);
                }
                hops.add(new Hop(Hop.Kind.ENDPOINT, endpoint.id(), true, null, new Words("interface endpoint ", endpoint.id(), " (",
                        endpoint.serviceName(), ") via ", target.id(), " in ", zoneId)));
                return deliver(new Target.AwsService(endpoint.serviceName(), flow.destination(), destinationText, flow.port(),
                        new Target.InterfaceEndpoint(endpoint.id(), target.id(), zoneId)));
            }
            if (target.requesterManaged()) {
                hops.add(new Hop(Hop.Kind.REFUSED, target.id(), false, null, target.id() + " is managed by AWS (" + target.description()
                        + ") and accepts no connections from workloads"));
                return refuse(Verdict.Reason.HOST_UNREACHABLE);
            }
            hops.add(new Hop(Hop.Kind.DELIVERED, target.id(), true, null, "delivered to " + target.id() + " (" + destinationText + ")"));
            return new Verdict.Delivered(new Target.Interface(target.id(), destinationText, flow.port()), new Trace(hops), sourceOf());
        }

        private Verdict toGatewayEndpoint(String endpointId) {
            if (!sourceEgress(List.of())) return refuse(Verdict.Reason.NOT_ALLOWED);
            if (!leaveSubnet(sourceSubnet, destination)) return refuse(Verdict.Reason.NOT_ALLOWED);
            VpcEndpoint endpoint = c.find(VpcEndpoint.class, endpointId);
            if (endpoint == null || !"available".equals(endpoint.state(view.now()))) {
                hops.add(new Hop(Hop.Kind.ENDPOINT, endpointId, false, null, "gateway endpoint " + endpointId + " is not available"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            hops.add(new Hop(Hop.Kind.ENDPOINT, endpointId, true, null, new Words("gateway endpoint ", endpointId, " (", endpoint.serviceName(), ")")));
            return deliver(new Target.AwsService(endpoint.serviceName(), flow.destination(), destinationText, flow.port(),
                    new Target.GatewayEndpoint(endpointId)));
        }

        private Verdict toInternetGateway(String igwId) {
            if (!sourceEgress(List.of())) return refuse(Verdict.Reason.NOT_ALLOWED);
            if (source.publicIp() == null) {
                hops.add(new Hop(Hop.Kind.INTERNET_GATEWAY, igwId, false, null, source.id() + " has no public IPv4 address, so " + igwId
                        + " cannot carry its traffic (give it an Elastic IP, launch into a subnet that maps public IPs, or route through a NAT gateway)"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            if (!leaveSubnet(sourceSubnet, destination)) return refuse(Verdict.Reason.NOT_ALLOWED);
            Optional<ServiceAddresses.ServiceHost> service = ServiceAddresses.atAddress(view.scope().region(), destination);
            if (service.isEmpty()) return outsideWorld(igwId);
            hops.add(new Hop(Hop.Kind.INTERNET_GATEWAY, igwId, true, null, "internet gateway " + igwId + " as " + source.publicIp()));
            return deliver(new Target.AwsService(service.get().serviceName(), flow.destination(), destinationText, flow.port(),
                    new Target.InternetGateway(igwId)));
        }

        private Verdict toNatGateway(String natId) {
            if (!sourceEgress(List.of())) return refuse(Verdict.Reason.NOT_ALLOWED);
            NatGateway nat = c.find(NatGateway.class, natId);
            if (nat == null || !NatGatewayOps.AVAILABLE.equals(NatGatewayOps.stateOf(view, nat))) {
                hops.add(new Hop(Hop.Kind.NAT_GATEWAY, natId, false, null, natId + " is "
                        + (nat == null ? "gone" : NatGatewayOps.stateOf(view, nat)) + ", not available"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            Subnet natSubnet = c.find(Subnet.class, nat.subnetId());
            if (natSubnet == null) return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            if (!natSubnet.id().equals(sourceSubnet.id()) && !crossSubnets(sourceSubnet, natSubnet, destination, sourceIp)) {
                return refuse(Verdict.Reason.NOT_ALLOWED);
            }
            if (!nat.isPublic()) {
                hops.add(new Hop(Hop.Kind.NAT_GATEWAY, natId, false, null, natId + " is a private NAT gateway; it reaches other networks "
                        + "through transit or virtual private gateways, which localvpc does not model"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            RouteLookup natRoutes = c.routes(natSubnet);
            Route onward = natRoutes == null ? null : natRoutes.lookup(destination);
            String natTable = natRoutes == null ? natSubnet.id() : natRoutes.table().id();
            if (onward == null) {
                hops.add(new Hop(Hop.Kind.ROUTE, natTable, false, null, destinationText));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            if (!RouteStates.isActive(view, natRoutes.table(), onward)) {
                hops.add(new Hop(Hop.Kind.ROUTE, natTable, false, onward, "its target no longer carries traffic"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            if (onward.gatewayId() == null || !onward.gatewayId().startsWith("igw-")) {
                hops.add(new Hop(Hop.Kind.NAT_GATEWAY, natId, false, null, "the subnet of " + natId + " (" + natSubnet.id() + ") routes "
                        + destinationText + " via " + natTable + " to " + onward.destination() + " → " + targetOf(onward)
                        + ", not to an attached internet gateway, so the NAT gateway cannot reach it"));
                return refuse(Verdict.Reason.NETWORK_UNREACHABLE);
            }
            hops.add(new Hop(Hop.Kind.ROUTE, natTable, true, onward, "from " + natId + "'s subnet " + natSubnet.id()));
            if (!leaveSubnet(natSubnet, destination)) return refuse(Verdict.Reason.NOT_ALLOWED);
            Optional<ServiceAddresses.ServiceHost> service = ServiceAddresses.atAddress(view.scope().region(), destination);
            if (service.isEmpty()) return outsideWorld(natId);
            hops.add(new Hop(Hop.Kind.NAT_GATEWAY, natId, true, null, "NAT gateway " + natId + " as " + nat.publicIp() + ", then " + onward.gatewayId()));
            return deliver(new Target.AwsService(service.get().serviceName(), flow.destination(), destinationText, flow.port(),
                    new Target.NatGateway(natId)));
        }

        private Verdict outsideWorld(String via) {
            hops.add(new Hop(Hop.Kind.REFUSED, via, false, null, destinationText + " is outside the emulated world (not an AWS service address "
                    + "localvpc knows); localvpc never sends traffic off this machine"));
            return refuse(Verdict.Reason.HOST_UNREACHABLE);
        }

        // ---- filters

        private boolean sourceEgress(Collection<String> peerGroups) {
            for (String g : source.groupIds()) {
                SecurityGroupCheck check = c.group(g);
                SecurityGroupRule rule = check == null ? null : check.allowsEgress(flow.protocol(), flow.port(), destination, peerGroups);
                if (rule != null) {
                    hops.add(new Hop(Hop.Kind.SECURITY_GROUP_EGRESS, g, true, rule, new Phrase("(", flowText(), ")")));
                    return true;
                }
            }
            hops.add(new Hop(Hop.Kind.SECURITY_GROUP_EGRESS, String.join(", ", source.groupIds()) + " on " + source.id(), false, null,
                    new Phrase("to ", flowText(), "")));
            return false;
        }

        private boolean targetIngress(NetworkInterface target) {
            for (String g : target.groupIds()) {
                SecurityGroupCheck check = c.group(g);
                SecurityGroupRule rule = check == null ? null : check.allowsIngress(flow.protocol(), flow.port(), sourceIp, source.groupIds());
                if (rule != null) {
                    hops.add(new Hop(Hop.Kind.SECURITY_GROUP_INGRESS, g, true, rule, new Phrase("(from " + source.privateIpAddress() + ", ", flowText(), ")")));
                    return true;
                }
            }
            hops.add(new Hop(Hop.Kind.SECURITY_GROUP_INGRESS, String.join(", ", target.groupIds()) + " on " + target.id(), false, null,
                    "from " + source.privateIpAddress() + " to " + flowText()));
            return false;
        }

        /** Forward and return traffic between two subnets of the VPC: four ACL checks. */
        private boolean crossSubnets(Subnet from, Subnet to, long toAddress, long fromAddress) {
            NetworkAclCheck out = c.acl(from);
            NetworkAclCheck in = c.acl(to);
            int p = flow.protocol();
            int port = flow.port();
            int eph = flow.sourcePort();
            return acl(Hop.Kind.NETWORK_ACL_OUT, out, out == null ? null : out.outbound(p, port, toAddress), trafficTo(port, toAddress))
                    && acl(Hop.Kind.NETWORK_ACL_IN, in, in == null ? null : in.inbound(p, port, fromAddress), trafficFrom(port, fromAddress))
                    && acl(Hop.Kind.NETWORK_ACL_RETURN_OUT, in, in == null ? null : in.outbound(p, eph, fromAddress), trafficTo(eph, fromAddress))
                    && acl(Hop.Kind.NETWORK_ACL_RETURN_IN, out, out == null ? null : out.inbound(p, eph, toAddress), trafficFrom(eph, toAddress));
        }

        /** Traffic leaving a subnet for a gateway: its ACL outbound, and inbound for the return on the ephemeral port. */
        private boolean leaveSubnet(Subnet subnet, long peer) {
            NetworkAclCheck acl = c.acl(subnet);
            int p = flow.protocol();
            return acl(Hop.Kind.NETWORK_ACL_OUT, acl, acl == null ? null : acl.outbound(p, flow.port(), peer), trafficTo(flow.port(), peer))
                    && acl(Hop.Kind.NETWORK_ACL_RETURN_IN, acl, acl == null ? null : acl.inbound(p, flow.sourcePort(), peer), trafficFrom(flow.sourcePort(), peer));
        }

        private boolean acl(Hop.Kind kind, NetworkAclCheck acl, NetworkAclEntry entry, Traffic context) {
            if (acl == null) return true; // a subnet always has an ACL on AWS; a missing one filters nothing
            boolean allowed = entry != null && "allow".equals(entry.ruleAction());
            if (entry == null) {
                hops.add(new Hop(Hop.Kind.REFUSED, acl.aclId(), false, null, acl.aclId() + " has no entry matching " + context));
                return false;
            }
            hops.add(new Hop(kind, acl.aclId(), allowed, entry, context));
            return allowed;
        }

        private Traffic trafficTo(int port, long peer) {
            return new Traffic(flow.protocol(), port, peer, true);
        }

        private Traffic trafficFrom(int port, long peer) {
            return new Traffic(flow.protocol(), port, peer, false);
        }

        private FlowText flowText() {
            return new FlowText(flow.protocol(), destinationText, flow.port());
        }

        private Verdict deliver(Target target) {
            hops.add(new Hop(Hop.Kind.DELIVERED, target instanceof Target.AwsService s ? s.via().id() : "", true, null,
                    target instanceof Target.AwsService s ? new Words("delivered to ", s.serviceName(), " via ", s.via().id())
                            : new Words("delivered to ", target.address())));
            return new Verdict.Delivered(target, new Trace(hops), sourceOf());
        }

        private Verdict.Source sourceOf() {
            return new Verdict.Source(source.id(), source.privateIpAddress(), source.vpcId());
        }

        private Verdict refuse(Verdict.Reason reason) {
            return new Verdict.Refused(reason, new Trace(hops));
        }
    }

    private static String targetOf(Route r) {
        if (r.gatewayId() != null) return r.gatewayId();
        if (r.natGatewayId() != null) return r.natGatewayId();
        if (r.networkInterfaceId() != null) return r.networkInterfaceId();
        return String.valueOf(r.instanceId());
    }

    /** "tcp port 443 to 52.216.8.1", written only when a hop is read. */
    private record Traffic(int protocol, int port, long peer, boolean outbound) {
        @Override
        public String toString() {
            return Protocols.name(protocol) + " port " + port + (outbound ? " to " : " from ") + Ipv4.format(peer);
        }
    }

    /** "tcp 52.216.8.1:443". */
    private record FlowText(int protocol, String destination, int port) {
        @Override
        public String toString() {
            return Protocols.name(protocol) + " " + destination + ":" + port;
        }
    }

    /** A phrase around a lazily written part. */
    private record Phrase(String before, Object middle, String after) {
        @Override
        public String toString() {
            return before + middle + after;
        }
    }

    /** Words joined only when read. */
    private record Words(Object... parts) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Object p : parts) sb.append(p);
            return sb.toString();
        }
    }
}
