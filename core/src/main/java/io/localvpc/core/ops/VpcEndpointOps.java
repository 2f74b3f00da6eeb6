package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.AwsManagedPrefixList;
import io.localvpc.core.catalog.EndpointService;
import io.localvpc.core.catalog.EndpointServiceCatalog;
import io.localvpc.core.catalog.ManagedPrefixLists;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpoint.Gateway;
import io.localvpc.core.model.VpcEndpoint.Interface;
import io.localvpc.core.model.VpcEndpointServiceConfiguration;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VPC endpoints of AWS services (Gateway and Interface): creation with AWS's checks, modification with
 * routes, interfaces and DNS names following, deletion, and the questions other resources ask
 * ("which endpoints use this subnet?").
 */
public final class VpcEndpointOps {
    public static final int MAX_INTERFACE_ENDPOINTS_PER_VPC = 50;
    public static final int MAX_GATEWAY_ENDPOINTS_PER_VPC = 255;
    private static final List<String> TYPES = List.of("Interface", "Gateway", "GatewayLoadBalancer", "Resource", "ServiceNetwork");

    private VpcEndpointOps() {
    }

    /** CreateVpcEndpoint's parameters. Null means "not given"; {@code subnetIps} maps a subnet to its requested address. */
    public record Create(String vpcId, String type, String serviceName, String policyDocument, List<String> routeTableIds,
                         List<String> subnetIds, List<String> securityGroupIds, Boolean privateDnsEnabled, String ipAddressType,
                         String dnsRecordIpType, Boolean privateDnsOnlyForInboundResolverEndpoint, Map<String, String> subnetIps,
                         String serviceRegion) {
    }

    /** ModifyVpcEndpoint's parameters; null or empty means "leave as it is". */
    public record Modify(String endpointId, boolean resetPolicy, String policyDocument, List<String> addRouteTableIds,
                         List<String> removeRouteTableIds, List<String> addSubnetIds, List<String> removeSubnetIds,
                         List<String> addSecurityGroupIds, List<String> removeSecurityGroupIds, Boolean privateDnsEnabled,
                         String ipAddressType, String dnsRecordIpType, Boolean privateDnsOnlyForInboundResolverEndpoint,
                         Map<String, String> subnetIps) {
    }

    /** One endpoint DeleteVpcEndpoints could not delete, reported instead of failing the call. */
    public record Failure(String resourceId, String code, String message) {
    }

    // ---------------------------------------------------------------- queries

    /** The endpoint a request names, if Describe would still list it. */
    public static VpcEndpoint require(View view, String id) {
        IdKind.VPC_ENDPOINT.check(id);
        return view.find(VpcEndpoint.class, id).filter(e -> e.isVisible(view.now())).orElseThrow(() -> IdKind.VPC_ENDPOINT.notFound(id));
    }

    /** Endpoints (not being deleted) that use a VPC, subnet, route table or security group: these block its deletion. */
    public static List<String> endpointsUsing(View view, String resourceId) {
        List<String> out = new ArrayList<>();
        for (VpcEndpoint e : view.all(VpcEndpoint.class)) {
            if (!e.isActive()) continue;
            boolean uses = e.vpcId().equals(resourceId)
                    || (e.variant() instanceof Gateway g && g.routeTableIds().contains(resourceId))
                    || (e.variant() instanceof Interface i && (i.subnetIds().contains(resourceId) || i.groupIds().contains(resourceId)));
            if (uses) out.add(e.id());
        }
        return out;
    }

    // ---------------------------------------------------------------- create

    public static VpcEndpoint create(Tx tx, Create req) {
        return create(tx, req, ProviderEndpointServices.NONE, null);
    }

    /**
     * Creates an endpoint; a provider's service ({@code com.amazonaws.vpce.…}) is found through {@code directory} and
     * must admit the caller ({@code callerArn}, null when unknown) and be {@code Available}.
     */
    public static VpcEndpoint create(Tx tx, Create req, ProviderEndpointServices directory, String callerArn) {
        String type = req.type() == null ? "Gateway" : req.type();
        if (!TYPES.contains(type)) {
            throw new AwsException("InvalidVpcEndpointType", "The VPC endpoint type '" + type + "' is not valid. Valid types (case-sensitive): "
                    + String.join(", ", TYPES) + ".");
        }
        Vpc vpc = VpcOps.require(tx, req.vpcId());
        String region = tx.scope().region();
        if (req.serviceRegion() != null && !req.serviceRegion().equals(region)) {
            throw AwsException.invalidParameter("localvpc serves endpoints to services in the VPC's own Region (" + region
                    + "); ServiceRegion " + req.serviceRegion() + " (cross-Region PrivateLink) is not supported.");
        }
        if (req.serviceName() == null || req.serviceName().isEmpty()) throw AwsException.missingParameter("ServiceName");
        VpcEndpointServiceConfiguration provided = null;
        if (ProviderEndpointServices.isProviderServiceName(req.serviceName())) {
            provided = directory.seenFrom(tx).byName(region, req.serviceName())
                    .filter(f -> f.admits(tx.scope().account(), callerArn))
                    .filter(f -> f.configuration().state(tx.now()) == VpcEndpointServiceConfiguration.State.AVAILABLE)
                    .map(ProviderEndpointServices.Found::configuration)
                    .orElseThrow(() -> noSuchService(req.serviceName()));
        }
        EndpointService service = provided != null ? EndpointConnectionOps.asEndpointService(provided, region)
                : EndpointServiceCatalog.find(region, req.serviceName()).orElseThrow(() -> noSuchService(req.serviceName()));
        if (!service.offers(type)) {
            throw AwsException.invalidParameter("Endpoint type (" + type + ") does not match service type ("
                    + String.join(", ", new java.util.TreeSet<>(service.types())) + ").");
        }
        boolean gateway = type.equals("Gateway");
        if (!gateway && !type.equals("Interface")) {
            throw AwsException.invalidParameter("localvpc models Gateway and Interface endpoints only; " + type + " endpoints are not supported.");
        }
        if (gateway && !req.subnetIds().isEmpty()) {
            throw AwsException.invalidParameter("Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.");
        }
        if (gateway && !req.securityGroupIds().isEmpty()) {
            throw AwsException.invalidParameter("Security group IDs are only supported for Interface type VPC Endpoints.");
        }
        if (gateway && !req.subnetIps().isEmpty()) {
            throw AwsException.invalidParameter("Subnet configurations are only supported for Interface type VPC Endpoints.");
        }
        if (gateway && Boolean.TRUE.equals(req.privateDnsEnabled())) {
            throw AwsException.invalidParameter("Private DNS can only be enabled for Interface type VPC Endpoints.");
        }
        if (!gateway && !req.routeTableIds().isEmpty()) {
            throw AwsException.invalidParameter("Route table IDs are only supported for Gateway type VPC Endpoint.");
        }
        String ipAddressType = checkIpAddressType(req.ipAddressType());
        String dnsRecordIpType = checkDnsRecordIpType(req.dnsRecordIpType());
        checkInboundResolverOption(tx, vpc.id(), service, gateway, req.privateDnsOnlyForInboundResolverEndpoint());
        String policy = policyFor(service, type, req.policyDocument());

        long sameType = tx.all(VpcEndpoint.class).stream()
                .filter(e -> e.isActive() && e.vpcId().equals(vpc.id()) && e.endpointType().equals(type)).count();
        int quota = gateway ? MAX_GATEWAY_ENDPOINTS_PER_VPC : MAX_INTERFACE_ENDPOINTS_PER_VPC;
        if (sameType >= quota) {
            throw new AwsException("VpcEndpointLimitExceeded", "The maximum number of " + type + " VPC endpoints in VPC " + vpc.id()
                    + " (" + quota + ") has been reached. Delete an endpoint before creating another.");
        }

        String id = tx.newId("vpce");
        Instant now = tx.now();
        if (gateway) {
            List<RouteTable> tables = routeTables(tx, vpc.id(), req.routeTableIds());
            GatewayEndpointRoutes.add(tx, id, prefixListOf(region, service).id(), tables);
            return tx.put(new VpcEndpoint(id, tx.scope().account(), vpc.id(), service.serviceName(), region, policy, ipAddressType, null,
                    now, now, null, null, new Gateway(tables.stream().map(RouteTable::id).toList())));
        }

        boolean privateDns = req.privateDnsEnabled() == null ? !service.privateDnsNames().isEmpty() : req.privateDnsEnabled();
        if (privateDns && provided != null) checkProviderPrivateDns(provided);
        if (privateDns) checkPrivateDns(tx, vpc, service, id);
        List<Subnet> subnets = subnets(tx, vpc.id(), service, req.subnetIds(), List.of());
        checkSubnetIps(req.subnetIps(), req.subnetIds());
        List<String> groups = groups(tx, vpc.id(), req.securityGroupIds());
        List<String> enis = new ArrayList<>();
        for (Subnet s : subnets) enis.add(InterfaceEndpointEnis.create(tx, id, s, req.subnetIps().get(s.id()), groups).id());
        String token = EndpointDnsNames.newToken();
        String zone = EndpointDnsNames.newPrivateHostedZoneId();
        Interface variant = new Interface(subnets.stream().map(Subnet::id).toList(), enis, groups, privateDns, token, zone,
                EndpointDnsNames.entries(id, token, service, zonesOf(subnets), privateDns, zone));
        VpcEndpoint.ServiceConnection connection = provided == null ? null : EndpointConnectionOps.newConnection(provided, now);
        // Waiting for the provider: provisioning starts when it accepts (and sets availableAt then).
        Instant availableAt = connection != null && connection.decision().equals(VpcEndpoint.ServiceConnection.PENDING_ACCEPTANCE)
                ? now : now.plus(EndpointProvisioning.delay());
        return tx.put(new VpcEndpoint(id, tx.scope().account(), vpc.id(), service.serviceName(), region, policy, ipAddressType,
                dnsRecordIpType, now, availableAt, null, null, variant, connection));
    }

    private static AwsException noSuchService(String name) {
        return new AwsException("InvalidServiceName", "The Vpc Endpoint Service '" + name + "' does not exist");
    }

    /** Private DNS on an endpoint to a provider's service needs the service's private DNS name, verified. */
    private static void checkProviderPrivateDns(VpcEndpointServiceConfiguration c) {
        if (c.privateDnsName() == null) {
            throw AwsException.invalidParameter("Private DNS can't be enabled because the service " + c.serviceName() + " does not provide a private DNS name.");
        }
        if (!"verified".equals(c.privateDnsState())) {
            throw AwsException.invalidParameter("Private DNS can't be enabled because the private DNS name " + c.privateDnsName() + " of the service "
                    + c.serviceName() + " is not verified (" + c.privateDnsState() + "). The provider verifies it with StartVpcEndpointServicePrivateDnsVerification.");
        }
    }

    // ---------------------------------------------------------------- modify

    public static VpcEndpoint modify(Tx tx, Modify req) {
        return modify(tx, req, ProviderEndpointServices.NONE);
    }

    public static VpcEndpoint modify(Tx tx, Modify req, ProviderEndpointServices directory) {
        VpcEndpoint e = require(tx, req.endpointId());
        if (!e.isActive()) {
            throw new AwsException("IncorrectState", "The VPC endpoint " + e.id() + " is " + e.state(tx.now()) + " and can no longer be modified.");
        }
        VpcEndpointServiceConfiguration provided = e.connection() == null ? null : directory.seenFrom(tx).byName(e.serviceRegion(), e.serviceName())
                .map(ProviderEndpointServices.Found::configuration).orElseThrow(() -> noSuchService(e.serviceName()));
        EndpointService service = provided != null ? EndpointConnectionOps.asEndpointService(provided, e.serviceRegion())
                : EndpointServiceCatalog.find(e.serviceRegion(), e.serviceName()).orElseThrow(() -> noSuchService(e.serviceName()));
        if (provided != null && Boolean.TRUE.equals(req.privateDnsEnabled())) checkProviderPrivateDns(provided);
        boolean gateway = e.variant() instanceof Gateway;
        if (req.resetPolicy() && req.policyDocument() != null) {
            throw AwsException.invalidParameterCombination("Specify either PolicyDocument or ResetPolicy, not both.");
        }
        String policy = e.policyDocument();
        if (req.resetPolicy()) policy = policyFor(service, e.endpointType(), null);
        if (req.policyDocument() != null) policy = policyFor(service, e.endpointType(), req.policyDocument());
        if (req.ipAddressType() != null) checkIpAddressType(req.ipAddressType());
        if (req.dnsRecordIpType() != null) checkDnsRecordIpType(req.dnsRecordIpType());
        checkInboundResolverOption(tx, e.vpcId(), service, gateway, req.privateDnsOnlyForInboundResolverEndpoint());

        VpcEndpoint updated = e.withPolicyDocument(policy);
        if (gateway) {
            if (!req.addSubnetIds().isEmpty() || !req.removeSubnetIds().isEmpty()) {
                throw AwsException.invalidParameter("Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.");
            }
            if (!req.addSecurityGroupIds().isEmpty() || !req.removeSecurityGroupIds().isEmpty()) {
                throw AwsException.invalidParameter("Security group IDs are only supported for Interface type VPC Endpoints.");
            }
            if (Boolean.TRUE.equals(req.privateDnsEnabled())) {
                throw AwsException.invalidParameter("Private DNS can only be enabled for Interface type VPC Endpoints.");
            }
            updated = updated.withVariant(modifyGateway(tx, e, (Gateway) e.variant(), service, req));
        } else {
            if (!req.addRouteTableIds().isEmpty() || !req.removeRouteTableIds().isEmpty()) {
                throw AwsException.invalidParameter("Route table IDs are only supported for Gateway type VPC Endpoint.");
            }
            updated = updated.withVariant(modifyInterface(tx, e, (Interface) e.variant(), service, req));
        }
        return tx.put(updated);
    }

    private static Gateway modifyGateway(Tx tx, VpcEndpoint e, Gateway g, EndpointService service, Modify req) {
        Set<String> tables = new LinkedHashSet<>(g.routeTableIds());
        for (String id : req.removeRouteTableIds()) {
            Lookup.require(tx, RouteTable.class, IdKind.ROUTE_TABLE, id);
            if (!tables.contains(id)) {
                throw AwsException.invalidParameter("Route table " + id + " is not associated with VPC endpoint " + e.id() + ".");
            }
        }
        List<String> adding = req.addRouteTableIds().stream().distinct().filter(id -> !tables.contains(id) || req.removeRouteTableIds().contains(id)).toList();
        GatewayEndpointRoutes.remove(tx, e.id(), req.removeRouteTableIds());
        req.removeRouteTableIds().forEach(tables::remove);
        List<RouteTable> added = routeTables(tx, e.vpcId(), adding);
        GatewayEndpointRoutes.add(tx, e.id(), prefixListOf(e.serviceRegion(), service).id(), added);
        added.forEach(t -> tables.add(t.id()));
        return new Gateway(List.copyOf(tables));
    }

    private static Interface modifyInterface(Tx tx, VpcEndpoint e, Interface i, EndpointService service, Modify req) {
        List<String> subnetIds = new ArrayList<>(i.subnetIds());
        List<String> eniIds = new ArrayList<>(i.networkInterfaceIds());
        for (String id : req.removeSubnetIds()) {
            Lookup.require(tx, Subnet.class, IdKind.SUBNET, id);
            int at = subnetIds.indexOf(id);
            if (at < 0) throw AwsException.invalidParameter("Subnet " + id + " is not associated with VPC endpoint " + e.id() + ".");
            InterfaceEndpointEnis.remove(tx, List.of(eniIds.get(at)));
            subnetIds.remove(at);
            eniIds.remove(at);
        }
        List<String> groups = new ArrayList<>(i.groupIds());
        if (!req.addSecurityGroupIds().isEmpty() || !req.removeSecurityGroupIds().isEmpty()) {
            for (String id : req.removeSecurityGroupIds()) {
                Lookup.require(tx, SecurityGroup.class, IdKind.SECURITY_GROUP, id);
                if (!groups.remove(id)) {
                    throw AwsException.invalidParameter("Security group " + id + " is not associated with VPC endpoint " + e.id() + ".");
                }
            }
            if (!req.addSecurityGroupIds().isEmpty()) {
                for (String id : groups(tx, e.vpcId(), req.addSecurityGroupIds())) if (!groups.contains(id)) groups.add(id);
            }
            if (groups.isEmpty()) {
                throw AwsException.invalidParameter("An interface VPC endpoint needs at least one security group; add another group before removing the last one.");
            }
            InterfaceEndpointEnis.setGroups(tx, eniIds, groups);
        }
        List<String> adding = req.addSubnetIds().stream().distinct().filter(id -> !subnetIds.contains(id)).toList();
        checkSubnetIps(req.subnetIps(), req.addSubnetIds());
        List<Subnet> kept = subnetIds.stream().map(id -> tx.find(Subnet.class, id).orElseThrow()).toList();
        for (Subnet s : subnets(tx, e.vpcId(), service, adding, kept)) {
            subnetIds.add(s.id());
            eniIds.add(InterfaceEndpointEnis.create(tx, e.id(), s, req.subnetIps().get(s.id()), groups).id());
        }
        boolean privateDns = req.privateDnsEnabled() == null ? i.privateDnsEnabled() : req.privateDnsEnabled();
        if (privateDns && !i.privateDnsEnabled()) checkPrivateDns(tx, VpcOps.require(tx, e.vpcId()), service, e.id());
        List<Subnet> all = subnetIds.stream().map(id -> tx.find(Subnet.class, id).orElseThrow()).toList();
        return new Interface(subnetIds, eniIds, groups, privateDns, i.dnsToken(), i.privateHostedZoneId(),
                EndpointDnsNames.entries(e.id(), i.dnsToken(), service, zonesOf(all), privateDns, i.privateHostedZoneId()));
    }

    // ---------------------------------------------------------------- delete

    /**
     * Deletes each endpoint: its routes and interfaces go at once, the endpoint shows {@code deleting} and
     * then {@code deleted} before it vanishes. Bad or unknown ids are reported, not thrown.
     */
    public static List<Failure> delete(Tx tx, List<String> ids) {
        pruneVanished(tx);
        List<Failure> failures = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (!IdKind.VPC_ENDPOINT.isWellFormed(id)) {
                AwsException m = IdKind.VPC_ENDPOINT.malformed(id);
                failures.add(new Failure(id, m.code(), m.getMessage()));
                continue;
            }
            VpcEndpoint e = tx.find(VpcEndpoint.class, id).filter(x -> x.isVisible(tx.now())).orElse(null);
            if (e == null) {
                // Inside Unsuccessful AWS uses InvalidVpcEndpoint.NotFound (not the thrown InvalidVpcEndpointId.NotFound);
                // Terraform and Ansible read a delete of a missing endpoint as done by that code.
                failures.add(new Failure(id, "InvalidVpcEndpoint.NotFound", IdKind.VPC_ENDPOINT.notFound(id).getMessage()));
                continue;
            }
            if (!e.isActive()) continue; // already being deleted: nothing more to do
            if (e.variant() instanceof Gateway g) GatewayEndpointRoutes.remove(tx, e.id(), g.routeTableIds());
            if (e.variant() instanceof Interface i) InterfaceEndpointEnis.remove(tx, i.networkInterfaceIds());
            // A gateway endpoint is only route entries, so it is gone at once; interfaces take a while to tear down.
            Instant deletedAt = e.variant() instanceof Gateway ? tx.now() : tx.now().plus(EndpointProvisioning.delay());
            tx.put(e.withDeletion(tx.now(), deletedAt));
        }
        return failures;
    }

    /** Forgets endpoints whose deleted afterlife is over, so the state does not grow without bound. */
    private static void pruneVanished(Tx tx) {
        // The collection is a snapshot of a persistent map, so removing while iterating it is safe (and needs no copy).
        for (VpcEndpoint e : tx.all(VpcEndpoint.class)) {
            if (!e.isVisible(tx.now())) tx.remove(VpcEndpoint.class, e.id());
        }
    }

    // ---------------------------------------------------------------- checks

    private static String checkIpAddressType(String value) {
        if (value == null || value.equals("ipv4")) return "ipv4";
        if (value.equals("dualstack") || value.equals("ipv6")) {
            throw AwsException.invalidParameter("IpAddressType " + value + " is not supported: localvpc subnets have no IPv6 addresses, so endpoints are ipv4 only.");
        }
        throw AwsException.invalidParameterValue("Value (" + value + ") for parameter IpAddressType is invalid. Valid values: ipv4, dualstack, ipv6");
    }

    private static String checkDnsRecordIpType(String value) {
        if (value == null || value.equals("ipv4")) return "ipv4";
        if (value.equals("dualstack") || value.equals("ipv6") || value.equals("service-defined")) {
            throw AwsException.invalidParameter("DnsRecordIpType " + value + " is not supported: localvpc endpoints have IPv4 addresses only, so their DNS records are ipv4.");
        }
        throw AwsException.invalidParameterValue("Value (" + value + ") for parameter DnsOptions.DnsRecordIpType is invalid. Valid values: ipv4, dualstack, ipv6, service-defined");
    }

    /** PrivateDnsOnlyForInboundResolverEndpoint: Interface only, and AWS requires a gateway endpoint for the service in the VPC. */
    private static void checkInboundResolverOption(View view, String vpcId, EndpointService service, boolean gateway, Boolean value) {
        if (!Boolean.TRUE.equals(value)) return;
        if (gateway) throw AwsException.invalidParameter("DnsOptions PrivateDnsOnlyForInboundResolverEndpoint is applicable only to Interface VPC Endpoints.");
        boolean hasGateway = view.all(VpcEndpoint.class).stream().anyMatch(e -> e.isActive() && e.vpcId().equals(vpcId)
                && e.serviceName().equals(service.serviceName()) && e.variant() instanceof Gateway);
        if (!hasGateway) {
            throw AwsException.invalidParameter("To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC " + vpcId + " must have a Gateway endpoint for the service.");
        }
        throw new AwsException("UnsupportedOperation", "localvpc does not model PrivateDnsOnlyForInboundResolverEndpoint (Route 53 Resolver inbound endpoints).");
    }

    private static String policyFor(EndpointService service, String type, String given) {
        if (given == null) return service.policySupported() ? EndpointPolicies.defaultFor(type) : null;
        if (!service.policySupported()) {
            throw AwsException.invalidParameter("The VPC endpoint service " + service.serviceName() + " does not support endpoint policies.");
        }
        return EndpointPolicies.validate(given);
    }

    private static AwsManagedPrefixList prefixListOf(String region, EndpointService service) {
        return ManagedPrefixLists.forService(region, service.serviceName()).orElseThrow(() -> new IllegalStateException(
                "the catalog offers gateway endpoints for " + service.serviceName() + " but has no managed prefix list for it"));
    }

    private static List<RouteTable> routeTables(View view, String vpcId, List<String> ids) {
        List<RouteTable> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            RouteTable t = Lookup.require(view, RouteTable.class, IdKind.ROUTE_TABLE, id);
            if (!t.vpcId().equals(vpcId)) {
                throw AwsException.invalidParameter("The route table " + id + " belongs to " + t.vpcId() + ", not to " + vpcId
                        + " where the endpoint is. Use route tables of the endpoint's VPC.");
            }
            out.add(t);
        }
        return out;
    }

    /** New subnets for an interface endpoint: in its VPC, in zones the service offers, one per zone counting those it keeps. */
    private static List<Subnet> subnets(View view, String vpcId, EndpointService service, List<String> ids, List<Subnet> kept) {
        Map<String, String> subnetByZone = new LinkedHashMap<>();
        for (Subnet s : kept) subnetByZone.put(s.availabilityZone(), s.id());
        List<Subnet> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Subnet s = Lookup.require(view, Subnet.class, IdKind.SUBNET, id);
            if (!s.vpcId().equals(vpcId)) {
                throw AwsException.invalidParameter("The subnet " + id + " belongs to " + s.vpcId() + ", not to " + vpcId
                        + " where the endpoint is. Use subnets of the endpoint's VPC.");
            }
            if (!service.availabilityZones().contains(s.availabilityZone())) {
                throw AwsException.invalidParameter("The VPC endpoint service " + service.serviceName()
                        + " does not support the availability zone of the subnet: " + id + ".");
            }
            if (subnetByZone.putIfAbsent(s.availabilityZone(), id) != null) {
                throw new AwsException("DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone of " + id
                        + ". VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.");
            }
            out.add(s);
        }
        return out;
    }

    private static void checkSubnetIps(Map<String, String> subnetIps, List<String> subnetIds) {
        for (String subnet : subnetIps.keySet()) {
            if (!subnetIds.contains(subnet)) {
                throw AwsException.invalidParameter("SubnetConfigurations names " + subnet + ", which is not among the request's subnets ("
                        + String.join(", ", subnetIds) + "). Add it to the subnet ids as well.");
            }
        }
    }

    /** The groups for an interface endpoint: the ones given (in its VPC), else the VPC's default group. */
    private static List<String> groups(View view, String vpcId, List<String> ids) {
        if (ids.isEmpty()) return VpcOps.defaultSecurityGroup(view, vpcId).map(g -> List.of(g.id())).orElse(List.of());
        List<String> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            SecurityGroup g = Lookup.require(view, SecurityGroup.class, IdKind.SECURITY_GROUP, id);
            if (!g.vpcId().equals(vpcId)) {
                throw AwsException.invalidParameter("The security group " + id + " belongs to " + g.vpcId() + ", not to " + vpcId
                        + " where the endpoint is. Use security groups of the endpoint's VPC.");
            }
            out.add(id);
        }
        return out;
    }

    /** Private DNS needs both DNS attributes on, and no other endpoint in the VPC holding the same names. */
    private static void checkPrivateDns(View view, Vpc vpc, EndpointService service, String selfId) {
        if (!vpc.enableDnsSupport() || !vpc.enableDnsHostnames()) {
            throw AwsException.invalidParameter("Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for "
                    + vpc.id());
        }
        for (VpcEndpoint other : view.all(VpcEndpoint.class)) {
            if (other.id().equals(selfId) || !other.isActive() || !other.vpcId().equals(vpc.id())) continue;
            if (!(other.variant() instanceof Interface oi) || !oi.privateDnsEnabled()) continue;
            for (var entry : oi.dnsEntries()) {
                if (service.privateDnsNames().contains(entry.dnsName())) {
                    throw AwsException.invalidParameter("private-dns-enabled cannot be set because there is already a conflicting DNS domain for "
                            + entry.dnsName() + " in the VPC " + vpc.id());
                }
            }
        }
    }

    private static List<String> zonesOf(List<Subnet> subnets) {
        return subnets.stream().map(Subnet::availabilityZone).toList();
    }

    /** The endpoint's interfaces, for callers that need the records (addresses, groups). */
    public static List<NetworkInterface> interfacesOf(View view, VpcEndpoint e) {
        if (!(e.variant() instanceof Interface i)) return List.of();
        return i.networkInterfaceIds().stream().map(id -> view.find(NetworkInterface.class, id)).flatMap(java.util.Optional::stream).toList();
    }
}
