package io.localvpc.core.insights;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.ops.PrefixListOps;
import io.localvpc.core.path.Flow;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.Protocols;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Reachability Analyzer: a path's source and destination turned into the flow the path engine decides, and
 * the engine's verdict turned into AWS's answer (NetworkPathFound, the path's components, or the explanations).
 * Every network rule is the engine's ({@link PathEngine}); this class decides nothing about routes, groups or
 * ACLs itself. It reads configuration only and sends no packets.
 *
 * <p>The engine follows one flow, so where the path leaves the destination port open (no DestinationPort) a few
 * ports are tried: the filters' port, 443 and 80, then the ports the source's egress rules and the destination's
 * ingress rules name. The first that reaches the destination is the path shown; if none does, the first port's
 * refusal is explained.
 */
public final class ReachabilityAnalyzer {
    /** An address outside every VPC and AWS service range (TEST-NET-2): where a path to an internet gateway aims by default. */
    static final String INTERNET_ADDRESS = "198.51.100.10";
    private static final int MAX_PORTS_TRIED = 16;

    private final PathEngine engine;

    public ReachabilityAnalyzer(PathEngine engine) {
        this.engine = engine;
    }

    public Findings analyse(View view, NetworkInsightsPath path, List<String> filterInArns, List<String> filterOutArns) {
        String sourceId = path.source();
        if (!sourceId.startsWith("i-") && !sourceId.startsWith("eni-")) {
            return Findings.failed("localvpc analyses paths that start at an instance or a network interface; traffic entering the VPC from "
                    + sourceId + " is not modelled (see the README's Limitations)");
        }
        NetworkInterface sourceEni = sourceInterface(view, sourceId);
        if (sourceEni == null) return Findings.failed("The request failed due to missing component " + sourceId);
        Destination destination = destination(view, path);
        if (destination == null) return Findings.failed("The request failed due to missing component " + path.destination());
        String address = address(view, path, destination, sourceEni);
        Explanations explain = new Explanations(view, path, sourceEni, destination, address);
        if (path.sourceIp() != null && !sourceEni.privateIps().contains(path.sourceIp())) {
            return Findings.blocked(List.of(explain.sourceAddressNotHeld(path.sourceIp())), null);
        }
        int protocol = "udp".equals(path.protocol()) ? Flow.UDP : Flow.TCP;
        int sourcePort = portFrom(path.filterAtSource() == null ? null : path.filterAtSource().sourcePortRange(), Flow.DEFAULT_EPHEMERAL_PORT);
        Verdict first = null;
        for (int port : ports(view, path, sourceEni, destination)) {
            Verdict v = engine.decide(view, new Flow(sourceId, address, port, protocol, sourcePort));
            if (first == null) first = v;
            if (destination.reachedBy(v)) return found(view, path, v, sourceEni, destination, filterInArns, filterOutArns);
        }
        return Findings.blocked(explain.of(first), null);
    }

    private static Findings found(View view, NetworkInsightsPath path, Verdict v, NetworkInterface sourceEni, Destination destination,
                                  List<String> filterInArns, List<String> filterOutArns) {
        PathComponents components = new PathComponents(view, path, sourceEni, destination, v);
        Set<String> traversed = components.forwardIds();
        for (String arn : filterInArns) {
            if (!traversed.contains(AnalysisArns.idOf(arn))) {
                return Findings.blocked(List.of(), "The path the network takes from " + path.source() + " does not traverse "
                        + AnalysisArns.idOf(arn) + " (FilterInArns), and localvpc knows no other path: traffic takes " + String.join(" → ", traversed));
            }
        }
        for (String arn : filterOutArns) {
            if (traversed.contains(AnalysisArns.idOf(arn))) {
                return Findings.blocked(List.of(), "The path the network takes from " + path.source() + " traverses " + AnalysisArns.idOf(arn)
                        + " (FilterOutArns), and localvpc knows no other path");
            }
        }
        return Findings.found(components.forward(), components.returnPath());
    }

    /** An instance's primary interface, or the interface itself; null if gone. */
    private static NetworkInterface sourceInterface(View view, String id) {
        String eniId = id;
        if (id.startsWith("i-")) {
            Instance instance = view.find(Instance.class, id).orElse(null);
            if (instance == null || instance.primaryNetworkInterfaceId() == null) return null;
            eniId = instance.primaryNetworkInterfaceId();
        }
        return view.find(NetworkInterface.class, eniId).orElse(null);
    }

    /** The destination the path names, or null when that resource is gone. */
    private static Destination destination(View view, NetworkInsightsPath path) {
        String id = path.destination();
        if (id == null) return new Destination.Address();
        if (id.startsWith("igw-")) return view.findAny(id).isPresent() ? new Destination.InternetGateway(id) : null;
        if (id.startsWith("vpce-")) {
            VpcEndpoint e = view.find(VpcEndpoint.class, id).orElse(null);
            return e == null || !e.isActive() ? null : new Destination.Endpoint(e);
        }
        Instance instance = id.startsWith("i-") ? view.find(Instance.class, id).orElse(null) : null;
        String eniId = instance != null ? instance.primaryNetworkInterfaceId() : id;
        NetworkInterface eni = eniId == null ? null : view.find(NetworkInterface.class, eniId).orElse(null);
        return eni == null ? null : new Destination.Interface(eni, instance);
    }

    /** The address the flow is sent to: the path's DestinationIp, else the destination's own. */
    private static String address(View view, NetworkInsightsPath path, Destination destination, NetworkInterface sourceEni) {
        if (path.destinationIp() != null) return path.destinationIp();
        if (path.filterAtDestination() != null && path.filterAtDestination().destinationAddress() != null) {
            return path.filterAtDestination().destinationAddress();
        }
        if (destination instanceof Destination.Interface i) return i.eni().privateIpAddress();
        if (destination instanceof Destination.Endpoint e) return endpointAddress(view, e.endpoint(), sourceEni);
        return INTERNET_ADDRESS; // an internet gateway (a path to an address only always has one)
    }

    /** An interface endpoint's address in the source's zone (else its first); a gateway endpoint's service's first address. */
    private static String endpointAddress(View view, VpcEndpoint e, NetworkInterface sourceEni) {
        if (e.variant() instanceof VpcEndpoint.Interface i) {
            String any = null;
            for (String eniId : i.networkInterfaceIds()) {
                NetworkInterface eni = view.find(NetworkInterface.class, eniId).orElse(null);
                if (eni == null) continue;
                if (eni.availabilityZone().equals(sourceEni.availabilityZone())) return eni.privateIpAddress();
                if (any == null) any = eni.privateIpAddress();
            }
            return any != null ? any : INTERNET_ADDRESS;
        }
        for (RouteTable t : view.all(RouteTable.class)) {
            for (Route r : t.routes()) {
                if (e.id().equals(r.gatewayId()) && r.destinationPrefixListId() != null) {
                    List<String> cidrs = PrefixListOps.cidrsOf(view, r.destinationPrefixListId()).orElse(List.of());
                    if (!cidrs.isEmpty()) return Ipv4.format(Ipv4.parse(cidrs.get(0).substring(0, cidrs.get(0).indexOf('/'))) + 1);
                }
            }
        }
        return INTERNET_ADDRESS;
    }

    /** The destination ports to try, in order (see the class comment). */
    private static List<Integer> ports(View view, NetworkInsightsPath path, NetworkInterface sourceEni, Destination destination) {
        if (path.destinationPort() != null) return List.of(path.destinationPort());
        List<Integer> out = new ArrayList<>();
        for (NetworkInsightsPath.Filter f : new NetworkInsightsPath.Filter[]{path.filterAtSource(), path.filterAtDestination()}) {
            if (f != null && f.destinationPortRange() != null) out.add(portFrom(f.destinationPortRange(), 0));
        }
        if (!out.isEmpty()) return List.of(out.get(0));
        out.add(443);
        out.add(80);
        Set<Integer> named = new TreeSet<>();
        int protocol = Protocols.number(path.protocol());
        rulePorts(view, sourceEni.groupIds(), true, protocol, named);
        if (destination instanceof Destination.Interface i) rulePorts(view, i.eni().groupIds(), false, protocol, named);
        for (int p : named) if (!out.contains(p) && out.size() < MAX_PORTS_TRIED) out.add(p);
        return out;
    }

    private static void rulePorts(View view, List<String> groupIds, boolean egress, int protocol, Set<Integer> into) {
        for (String g : groupIds) {
            SecurityGroup group = view.find(SecurityGroup.class, g).orElse(null);
            if (group == null) continue;
            for (SecurityGroupRule r : group.rules()) {
                if (r.egress() == egress && Protocols.number(r.ipProtocol()) == protocol) into.add(r.fromPort());
            }
        }
    }

    private static int portFrom(NetworkInsightsPath.PortRange range, int otherwise) {
        return range == null || range.fromPort() == null ? otherwise : range.fromPort();
    }
}
