package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.insights.AnalysisArns;
import io.localvpc.core.insights.Findings;
import io.localvpc.core.insights.ReachabilityAnalyzer;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.model.NetworkInsightsAnalysis;
import io.localvpc.core.model.NetworkInsightsPath;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reachability Analyzer paths and analyses: validation with AWS's errors, and the analysis itself run when it
 * starts ({@link ReachabilityAnalyzer}). An analysis shows {@code running} for a short, configurable time, so a
 * fast poller sees it as on AWS, then its kept result; nothing runs in the background.
 */
public final class NetworkInsightsOps {
    /** System property overriding how long an analysis shows as running, in milliseconds. */
    public static final String RUNNING_PROPERTY = "localvpc.networkInsights.runningMillis";
    private static volatile Duration running = Duration.ofMillis(Long.getLong(RUNNING_PROPERTY, 500L));

    private NetworkInsightsOps() {
    }

    public static void setRunningTime(Duration d) {
        running = d;
    }

    public static NetworkInsightsPath requirePath(View view, String id) {
        return Lookup.require(view, NetworkInsightsPath.class, IdKind.NETWORK_INSIGHTS_PATH, id);
    }

    public static NetworkInsightsAnalysis requireAnalysis(View view, String id) {
        return Lookup.require(view, NetworkInsightsAnalysis.class, IdKind.NETWORK_INSIGHTS_ANALYSIS, id);
    }

    /** The parameters of CreateNetworkInsightsPath, as given (ids or ARNs). */
    public record PathRequest(String source, String destination, String sourceIp, String destinationIp, String protocol,
                              Integer destinationPort, NetworkInsightsPath.Filter filterAtSource, NetworkInsightsPath.Filter filterAtDestination) {
    }

    public static NetworkInsightsPath createPath(Tx tx, PathRequest r) {
        String source = AnalysisArns.idOf(r.source());
        requireEnd(tx, "Source", source, true);
        String destination = r.destination() == null || r.destination().isEmpty() ? null : AnalysisArns.idOf(r.destination());
        if (destination != null) requireEnd(tx, "Destination", destination, false);
        if (destination == null && r.destinationIp() == null && (r.filterAtDestination() == null || r.filterAtDestination().destinationAddress() == null)) {
            throw AwsException.missingParameter("Destination (or DestinationIp: a path needs a resource or an address to end at)");
        }
        String protocol = r.protocol().toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw AwsException.invalidParameterValue("Value (" + r.protocol() + ") for parameter Protocol is invalid. Valid values: tcp, udp");
        }
        address("SourceIp", r.sourceIp());
        address("DestinationIp", r.destinationIp());
        if (r.destinationPort() != null) port("DestinationPort", r.destinationPort());
        if (r.filterAtSource() != null && (r.sourceIp() != null || r.destinationPort() != null)) {
            throw AwsException.invalidParameterCombination("FilterAtSource cannot be combined with SourceIp or DestinationPort; "
                    + "give the addresses and ports in the filter instead.");
        }
        if (r.filterAtDestination() != null && r.destinationIp() != null) {
            throw AwsException.invalidParameterCombination("FilterAtDestination cannot be combined with DestinationIp; give the address in the filter instead.");
        }
        filter("FilterAtSource", r.filterAtSource());
        filter("FilterAtDestination", r.filterAtDestination());
        String id = tx.newId("nip");
        return tx.put(new NetworkInsightsPath(id, tx.scope().account(), tx.now(), source, AnalysisArns.of(tx.scope(), source), destination,
                destination == null ? null : AnalysisArns.of(tx.scope(), destination), r.sourceIp(), r.destinationIp(), protocol,
                r.destinationPort(), r.filterAtSource(), r.filterAtDestination()));
    }

    /** AWS keeps a path while analyses of it exist. */
    public static NetworkInsightsPath deletePath(Tx tx, String id) {
        NetworkInsightsPath path = requirePath(tx, id);
        long analyses = tx.all(NetworkInsightsAnalysis.class).stream().filter(a -> a.pathId().equals(id)).count();
        if (analyses > 0) {
            throw new AwsException("AnalysisExistsForNetworkInsightsPath", "The network insights path " + id + " has " + analyses
                    + " analys" + (analyses == 1 ? "is" : "es") + "; delete them first (DeleteNetworkInsightsAnalysis).");
        }
        tx.remove(NetworkInsightsPath.class, id);
        return path;
    }

    public static NetworkInsightsAnalysis start(Tx tx, ReachabilityAnalyzer analyzer, String pathId, List<String> filterInArns, List<String> filterOutArns) {
        NetworkInsightsPath path = requirePath(tx, pathId);
        for (String arn : filterInArns) arn("FilterInArns", arn);
        for (String arn : filterOutArns) arn("FilterOutArns", arn);
        Findings f = analyzer.analyse(tx, path, filterInArns, filterOutArns);
        return tx.put(new NetworkInsightsAnalysis(tx.newId("nia"), tx.scope().account(), pathId, tx.now(), tx.now().plus(running),
                filterInArns, filterOutArns, f.failed(), f.statusMessage(), f.warningMessage(), f.pathFound(), f.forward(), f.returnPath(),
                f.explanations()));
    }

    public static NetworkInsightsAnalysis deleteAnalysis(Tx tx, String id) {
        NetworkInsightsAnalysis a = requireAnalysis(tx, id);
        tx.remove(NetworkInsightsAnalysis.class, id);
        return a;
    }

    /**
     * A path's source or destination: an instance, a network interface, an internet gateway or a VPC endpoint that
     * exists. Transit gateways, peering connections and VPN gateways are AWS's too, but localvpc does not build them.
     */
    private static void requireEnd(View view, String parameter, String id, boolean source) {
        int dash = id.indexOf('-');
        String prefix = dash < 0 ? "" : id.substring(0, dash);
        switch (prefix) {
            case "i" -> Lookup.require(view, Instance.class, IdKind.INSTANCE, id);
            case "eni" -> Lookup.require(view, NetworkInterface.class, IdKind.NETWORK_INTERFACE, id);
            case "igw" -> Lookup.require(view, InternetGateway.class, IdKind.INTERNET_GATEWAY, id);
            case "vpce" -> {
                VpcEndpoint e = Lookup.require(view, VpcEndpoint.class, IdKind.VPC_ENDPOINT, id);
                if (!e.isActive()) throw IdKind.VPC_ENDPOINT.notFound(id);
            }
            case "tgw", "pcx", "vgw", "vpn" -> throw new AwsException("UnsupportedOperation", "localvpc does not build "
                    + "transit gateways, VPC peering or VPN gateways, so " + id + " cannot be the " + (source ? "source" : "destination")
                    + " of a path (see the README's Limitations).");
            default -> throw AwsException.invalidParameterValue("Value (" + id + ") for parameter " + parameter + " is invalid. Give the ID or ARN of "
                    + "an instance, a network interface, an internet gateway or a VPC endpoint.");
        }
    }

    private static void address(String parameter, String value) {
        if (value != null && Ipv4.parse(value) < 0) {
            throw AwsException.invalidParameterValue("Value (" + value + ") for parameter " + parameter + " is invalid. Expected an IPv4 address.");
        }
    }

    private static void port(String parameter, int port) {
        if (port < 0 || port > 65535) {
            throw AwsException.invalidParameterValue("Value (" + port + ") for parameter " + parameter + " is invalid. Ports are 0 to 65535.");
        }
    }

    private static void filter(String parameter, NetworkInsightsPath.Filter f) {
        if (f == null) return;
        address(parameter + ".SourceAddress", f.sourceAddress());
        address(parameter + ".DestinationAddress", f.destinationAddress());
        for (NetworkInsightsPath.PortRange r : new NetworkInsightsPath.PortRange[]{f.sourcePortRange(), f.destinationPortRange()}) {
            if (r == null) continue;
            if (r.fromPort() != null) port(parameter + " FromPort", r.fromPort());
            if (r.toPort() != null) port(parameter + " ToPort", r.toPort());
            if (r.fromPort() != null && r.toPort() != null && r.fromPort() > r.toPort()) {
                throw AwsException.invalidParameterValue("The port range " + r.fromPort() + "-" + r.toPort() + " in " + parameter + " starts after it ends.");
            }
        }
    }

    private static void arn(String parameter, String arn) {
        if (!arn.startsWith("arn:") || arn.indexOf('/') < 0) {
            throw AwsException.invalidParameterValue("Value (" + arn + ") for parameter " + parameter + " is invalid. Expected the ARN of a resource, "
                    + "such as arn:aws:ec2:us-east-1:123456789012:internet-gateway/igw-0123456789abcdef0.");
        }
    }
}
