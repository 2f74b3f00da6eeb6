package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpointConnectionNotification;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.model.VpcEndpointServicePermission;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A provider's endpoint service configurations (PrivateLink from the provider's side): creation over its own Network
 * Load Balancers, modification, private DNS name verification and deletion, with AWS's checks.
 */
public final class EndpointServiceConfigOps {
    private static final List<String> IP_TYPES = List.of("ipv4", "ipv6");
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private EndpointServiceConfigOps() {
    }

    /** CreateVpcEndpointServiceConfiguration's parameters; null or empty means "not given". */
    public record Create(List<String> networkLoadBalancerArns, List<String> gatewayLoadBalancerArns, Boolean acceptanceRequired,
                         String privateDnsName, List<String> supportedIpAddressTypes, List<String> supportedRegions) {
    }

    /** ModifyVpcEndpointServiceConfiguration's parameters. */
    public record Modify(String serviceId, String privateDnsName, boolean removePrivateDnsName, Boolean acceptanceRequired,
                         List<String> addNetworkLoadBalancerArns, List<String> removeNetworkLoadBalancerArns,
                         List<String> addGatewayLoadBalancerArns, List<String> removeGatewayLoadBalancerArns,
                         List<String> addSupportedIpAddressTypes, List<String> removeSupportedIpAddressTypes,
                         List<String> addSupportedRegions, List<String> removeSupportedRegions) {
    }

    /** The caller's own service with this id. */
    public static VpcEndpointServiceConfiguration require(View view, String serviceId) {
        if (serviceId == null || serviceId.isEmpty()) throw AwsException.missingParameter("ServiceId");
        return view.find(VpcEndpointServiceConfiguration.class, serviceId).orElseThrow(() -> IdKind.VPC_ENDPOINT_SERVICE.notFound(serviceId));
    }

    public static VpcEndpointServiceConfiguration create(Tx tx, Create req) {
        checkGateway(req.gatewayLoadBalancerArns());
        if (req.networkLoadBalancerArns().isEmpty()) {
            // AWS's own wording for a request naming no load balancer at all.
            throw AwsException.invalidParameter("exactly one of network_load_balancer_arn or gateway_load_balancer_arn is a required member");
        }
        checkRegions(tx, req.supportedRegions());
        List<String> arns = List.copyOf(new LinkedHashSet<>(req.networkLoadBalancerArns()));
        List<LoadBalancer> nlbs = loadBalancers(tx, arns);
        List<String> ipTypes = ipTypes(req.supportedIpAddressTypes().isEmpty() ? List.of("ipv4") : req.supportedIpAddressTypes());
        String id = tx.newId("vpce-svc");
        Instant now = tx.now();
        String dnsName = req.privateDnsName() == null ? null : checkDnsName(req.privateDnsName());
        boolean acceptance = req.acceptanceRequired() == null || req.acceptanceRequired(); // AWS's default: required
        return tx.put(new VpcEndpointServiceConfiguration(id, tx.scope().account(), ProviderEndpointServices.serviceName(tx.scope().region(), id),
                arns, acceptance, zonesOf(nlbs), dnsName, dnsName == null ? null : "pendingVerification", dnsName == null ? null : newToken(),
                ipTypes, now, now.plus(EndpointProvisioning.delay()), null));
    }

    public static VpcEndpointServiceConfiguration modify(Tx tx, Modify req) {
        VpcEndpointServiceConfiguration c = require(tx, req.serviceId());
        checkGateway(req.addGatewayLoadBalancerArns());
        if (!req.removeGatewayLoadBalancerArns().isEmpty()) {
            throw AwsException.invalidParameter("The service " + c.id() + " has no Gateway Load Balancers to remove: "
                    + String.join(", ", req.removeGatewayLoadBalancerArns()) + ".");
        }
        checkRegions(tx, req.addSupportedRegions());
        if (req.privateDnsName() != null && req.removePrivateDnsName()) {
            throw AwsException.invalidParameterCombination("Specify either PrivateDnsName or RemovePrivateDnsName, not both.");
        }
        Set<String> arns = new LinkedHashSet<>(c.networkLoadBalancerArns());
        for (String arn : req.removeNetworkLoadBalancerArns()) {
            if (!arns.remove(arn)) {
                throw AwsException.invalidParameter("The Network Load Balancer " + arn + " is not associated with the service " + c.id() + ".");
            }
        }
        arns.addAll(req.addNetworkLoadBalancerArns());
        if (arns.isEmpty()) {
            throw AwsException.invalidParameter("A service needs at least one Network Load Balancer; add another before removing the last one from " + c.id() + ".");
        }
        List<LoadBalancer> nlbs = loadBalancers(tx, List.copyOf(arns));
        Set<String> ipTypes = new LinkedHashSet<>(c.supportedIpAddressTypes());
        ipTypes.addAll(ipTypes(req.addSupportedIpAddressTypes()));
        req.removeSupportedIpAddressTypes().forEach(ipTypes::remove);
        if (ipTypes.isEmpty()) throw AwsException.invalidParameter("A service must support at least one IP address type.");
        String name = c.privateDnsName();
        String state = c.privateDnsState();
        String token = c.privateDnsToken();
        if (req.removePrivateDnsName()) {
            name = null;
            state = null;
            token = null;
        }
        if (req.privateDnsName() != null && !req.privateDnsName().equals(c.privateDnsName())) {
            name = checkDnsName(req.privateDnsName());
            state = "pendingVerification";
            token = newToken();
        }
        boolean acceptance = req.acceptanceRequired() == null ? c.acceptanceRequired() : req.acceptanceRequired();
        return tx.put(new VpcEndpointServiceConfiguration(c.id(), c.ownerId(), c.serviceName(), List.copyOf(arns), acceptance, zonesOf(nlbs),
                name, state, token, List.copyOf(ipTypes), c.createdAt(), c.availableAt(), c.deletingAt()));
    }

    /**
     * StartVpcEndpointServicePrivateDnsVerification. AWS looks the TXT record up in public DNS; localvpc has no public
     * DNS to look in, so it trusts the call and marks the name verified.
     */
    public static VpcEndpointServiceConfiguration verifyPrivateDns(Tx tx, String serviceId) {
        VpcEndpointServiceConfiguration c = require(tx, serviceId);
        if (c.privateDnsName() == null) {
            throw AwsException.invalidParameter("The service " + c.id() + " has no private DNS name to verify; set one with ModifyVpcEndpointServiceConfiguration PrivateDnsName.");
        }
        return tx.put(new VpcEndpointServiceConfiguration(c.id(), c.ownerId(), c.serviceName(), c.networkLoadBalancerArns(), c.acceptanceRequired(),
                c.availabilityZones(), c.privateDnsName(), "verified", c.privateDnsToken(), c.supportedIpAddressTypes(), c.createdAt(),
                c.availableAt(), c.deletingAt()));
    }

    /**
     * Deletes each service with its permissions and notifications. A service with a connection that is not rejected or
     * deleted stays, reported as AWS reports it; so do unknown ids.
     */
    public static List<UnsuccessfulItem> delete(Tx tx, List<String> ids, ProviderEndpointServices directory) {
        List<UnsuccessfulItem> failures = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            VpcEndpointServiceConfiguration c = tx.find(VpcEndpointServiceConfiguration.class, id).orElse(null);
            if (c == null) {
                failures.add(new UnsuccessfulItem(id, "InvalidVpcEndpointService.NotFound", IdKind.VPC_ENDPOINT_SERVICE.notFound(id).getMessage()));
                continue;
            }
            List<String> live = new ArrayList<>();
            for (ProviderEndpointServices.Connection conn : directory.seenFrom(tx).connectionsTo(tx.scope().region(), c.serviceName())) {
                VpcEndpoint.State s = conn.endpoint().state(tx.now());
                if (s != VpcEndpoint.State.REJECTED && s != VpcEndpoint.State.DELETED && s != VpcEndpoint.State.DELETING) live.add(conn.endpoint().id());
            }
            if (!live.isEmpty()) {
                failures.add(new UnsuccessfulItem(id, "ExistingVpcEndpointConnections", "Service " + id + " has existing active VPC Endpoint connections ("
                        + String.join(", ", live) + "). Reject them or have their owners delete them first."));
                continue;
            }
            for (VpcEndpointServicePermission p : tx.all(VpcEndpointServicePermission.class)) {
                if (p.serviceId().equals(id)) tx.remove(VpcEndpointServicePermission.class, p.id());
            }
            for (VpcEndpointConnectionNotification n : tx.all(VpcEndpointConnectionNotification.class)) {
                if (id.equals(n.serviceId())) tx.remove(VpcEndpointConnectionNotification.class, n.id());
            }
            tx.remove(ResourceTags.class, id);
            tx.remove(VpcEndpointServiceConfiguration.class, id);
        }
        return failures;
    }

    /** The services that use a load balancer: they keep it from being deleted (for the ELBv2 API). */
    public static List<String> servicesUsing(View view, String loadBalancerArn) {
        return view.all(VpcEndpointServiceConfiguration.class).stream()
                .filter(c -> c.networkLoadBalancerArns().contains(loadBalancerArn)).map(VpcEndpointServiceConfiguration::id).toList();
    }

    /** The zone ids of a service's zones, from its load balancers' nodes. */
    public static List<String> zoneIds(View view, VpcEndpointServiceConfiguration c) {
        Set<String> ids = new TreeSet<>();
        for (String arn : c.networkLoadBalancerArns()) {
            view.find(LoadBalancer.class, arn).ifPresent(lb -> lb.nodes().forEach(n -> {
                if (c.availabilityZones().contains(n.zoneName())) ids.add(n.zoneId());
            }));
        }
        return List.copyOf(ids);
    }

    // ---------------------------------------------------------------- checks

    private static void checkGateway(List<String> arns) {
        if (!arns.isEmpty()) {
            throw new AwsException("UnsupportedOperation", "localvpc does not model Gateway Load Balancers, so GatewayLoadBalancerArns ("
                    + String.join(", ", arns) + ") cannot serve an endpoint service; use NetworkLoadBalancerArns.");
        }
    }

    private static void checkRegions(View view, List<String> regions) {
        String own = view.scope().region();
        for (String r : regions) {
            if (r.equals(own)) continue;
            if (Regions.find(r).isEmpty()) throw AwsException.invalidParameterValue("The region '" + r + "' is not valid.");
            throw new AwsException("UnsupportedOperation", "localvpc serves endpoint services in their own Region (" + own
                    + "); SupportedRegions " + r + " (cross-Region PrivateLink) is not supported.");
        }
    }

    /** The load balancers an ARN list names: network ones, in the caller's account and region. */
    private static List<LoadBalancer> loadBalancers(View view, List<String> arns) {
        List<LoadBalancer> out = new ArrayList<>();
        String prefix = "arn:aws:elasticloadbalancing:" + view.scope().region() + ":" + view.scope().account() + ":loadbalancer/";
        for (String arn : arns) {
            if (!arn.startsWith(prefix)) {
                throw AwsException.invalidParameter("The load balancer ARN " + arn + " is not valid: the load balancers of a service must be in its account ("
                        + view.scope().account() + ") and Region (" + view.scope().region() + ").");
            }
            LoadBalancer lb = view.find(LoadBalancer.class, arn).orElseThrow(() -> AwsException.invalidParameter(
                    "The load balancer " + arn + " does not exist."));
            if (!LoadBalancer.NETWORK.equals(lb.type())) {
                throw AwsException.invalidParameter("The load balancer " + arn + " is of type " + lb.type()
                        + "; only Network Load Balancers can serve an Interface endpoint service.");
            }
            out.add(lb);
        }
        return out;
    }

    private static List<String> zonesOf(List<LoadBalancer> nlbs) {
        Set<String> zones = new TreeSet<>();
        for (LoadBalancer lb : nlbs) lb.nodes().forEach(n -> zones.add(n.zoneName()));
        return List.copyOf(zones);
    }

    private static List<String> ipTypes(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : given) {
            if (!IP_TYPES.contains(t)) {
                throw AwsException.invalidParameterValue("Value (" + t + ") for parameter SupportedIpAddressType is invalid. Valid values: ipv4, ipv6");
            }
            if (t.equals("ipv6")) {
                throw AwsException.invalidParameter("SupportedIpAddressType ipv6 needs a dualstack Network Load Balancer; localvpc subnets have no IPv6 addresses, so services are ipv4 only.");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    private static String checkDnsName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.length() > 255 || !DOMAIN.matcher(n).matches()) {
            throw AwsException.invalidParameter("The private DNS name '" + name + "' is not a valid domain name.");
        }
        if (n.endsWith(".amazonaws.com") || n.equals("amazonaws.com")) {
            throw AwsException.invalidParameter("The private DNS name '" + name + "' is in a domain owned by AWS; use a domain you own.");
        }
        return n;
    }

    /** The random part of the verification TXT record: its name is {@code _<token>}, its value {@code vpce:<token>}. */
    private static String newToken() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) sb.append(TOKEN_CHARS.charAt(r.nextInt(TOKEN_CHARS.length())));
        return sb.toString();
    }
}
