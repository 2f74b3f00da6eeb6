package io.localvpc.api.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.AwsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every parameter of a served action that can ask for something localvpc does not build (IPv6, IPAM pools,
 * Outposts, edge associations…), in one table. Such a parameter is accepted as long as its value asks for
 * nothing: absent, false, zero, empty, or a default AWS itself would apply ({@code InstanceTenancy=default}).
 * Any other value is refused with {@code UnsupportedOperation} naming the parameter and what it asks for,
 * before the action runs. Clients send many of these with neutral values on every call (Terraform sends
 * {@code AmazonProvidedIpv6CidrBlock=false} on every VPC), so refusing them by presence would break them.
 */
public final class UnbuiltFeatures {
    /** One parameter: its path in the decoded request ({@code NetworkInterfaces[].Ipv6AddressCount}), the values that ask for nothing beyond neutral ones, and what other values ask for. */
    record Entry(String path, Set<String> acceptedValues, String asksFor) {
    }

    private static final Map<String, List<Entry>> BY_ACTION = new HashMap<>();

    static {
        String ipv6 = "IPv6 addressing (localvpc is IPv4 only)";
        String ipam = "IPAM pools";
        action("CreateVpc")
                .unbuilt("AmazonProvidedIpv6CidrBlock", "an Amazon-provided IPv6 CIDR block (" + ipv6 + ")")
                .unbuilt("Ipv6CidrBlock", ipv6).unbuilt("Ipv6Pool", ipv6).unbuilt("Ipv6CidrBlockNetworkBorderGroup", ipv6)
                .unbuilt("Ipv6IpamPoolId", ipam).unbuilt("Ipv6NetmaskLength", ipam)
                .unbuilt("Ipv4IpamPoolId", ipam).unbuilt("Ipv4NetmaskLength", ipam)
                .unbuilt("VpcEncryptionControl", "VPC encryption controls");
        action("AssociateVpcCidrBlock")
                .unbuilt("AmazonProvidedIpv6CidrBlock", "an Amazon-provided IPv6 CIDR block (" + ipv6 + ")")
                .unbuilt("Ipv6CidrBlock", ipv6).unbuilt("Ipv6Pool", ipv6).unbuilt("Ipv6CidrBlockNetworkBorderGroup", ipv6)
                .unbuilt("Ipv6IpamPoolId", ipam).unbuilt("Ipv6NetmaskLength", ipam)
                .unbuilt("Ipv4IpamPoolId", ipam).unbuilt("Ipv4NetmaskLength", ipam);
        action("CreateSubnet")
                .unbuilt("Ipv6CidrBlock", ipv6).unbuilt("Ipv6Native", "an IPv6-only subnet (" + ipv6 + ")")
                .unbuilt("Ipv6IpamPoolId", ipam).unbuilt("Ipv6NetmaskLength", ipam)
                .unbuilt("Ipv4IpamPoolId", ipam).unbuilt("Ipv4NetmaskLength", ipam)
                .unbuilt("OutpostArn", "AWS Outposts");
        action("ModifySubnetAttribute")
                .unbuilt("AssignIpv6AddressOnCreation.Value", ipv6).unbuilt("EnableDns64.Value", "DNS64 (" + ipv6 + ")")
                .unbuilt("EnableResourceNameDnsAAAARecordOnLaunch.Value", ipv6)
                .unbuilt("PrivateDnsHostnameTypeOnLaunch", "resource-name host names for instances", "ip-name")
                .unbuilt("MapCustomerOwnedIpOnLaunch.Value", "AWS Outposts customer-owned IPs")
                .unbuilt("CustomerOwnedIpv4Pool", "AWS Outposts customer-owned IPs")
                .unbuilt("EnableLniAtDeviceIndex", "local network interfaces (AWS Outposts)")
                .unbuilt("DisableLniAtDeviceIndex.Value", "local network interfaces (AWS Outposts)");
        action("ModifyVpcAttribute").unbuilt("EnableNetworkAddressUsageMetrics.Value", "Network Address Usage metrics");
        action("AllocateAddress")
                .unbuilt("Address", "a specific (BYOIP or recovered) Elastic IP address")
                .unbuilt("PublicIpv4Pool", "public IPv4 pools other than Amazon's", "amazon")
                .unbuilt("CustomerOwnedIpv4Pool", "AWS Outposts customer-owned IPs").unbuilt("IpamPoolId", ipam);
        action("AssociateRouteTable")
                .unbuilt("GatewayId", "gateway route tables (edge associations)")
                .unbuilt("PublicIpv4Pool", "public IPv4 pools other than Amazon's");
        for (String a : List.of("CreateRoute", "ReplaceRoute")) {
            action(a).unbuilt("DestinationIpv6CidrBlock", ipv6)
                    .unbuilt("VpcEndpointId", "routes to Gateway Load Balancer endpoints")
                    .unbuilt("TransitGatewayId", "transit gateways").unbuilt("LocalGatewayId", "local gateways (AWS Outposts)")
                    .unbuilt("CarrierGatewayId", "carrier gateways (Wavelength)").unbuilt("CoreNetworkArn", "AWS Cloud WAN")
                    .unbuilt("OdbNetworkArn", "Oracle Database@AWS networks")
                    .unbuilt("EgressOnlyInternetGatewayId", "egress-only internet gateways (" + ipv6 + ")")
                    .unbuilt("VpcPeeringConnectionId", "VPC peering");
        }
        action("ReplaceRoute").unbuilt("LocalTarget", "restoring the local route's target (middlebox routing)");
        action("CreateNatGateway")
                .unbuilt("AvailabilityMode", "regional NAT gateways", "zonal")
                .unbuilt("AvailabilityZoneAddresses", "regional NAT gateways")
                .unbuilt("SecondaryAllocationIds", "NAT gateways with secondary addresses")
                .unbuilt("SecondaryPrivateIpAddresses", "NAT gateways with secondary addresses")
                .unbuilt("SecondaryPrivateIpAddressCount", "NAT gateways with secondary addresses");
        action("CreateNetworkInterface")
                .unbuilt("Ipv6Addresses", ipv6).unbuilt("Ipv6AddressCount", ipv6).unbuilt("EnablePrimaryIpv6", ipv6)
                .unbuilt("Ipv6Prefixes", ipv6).unbuilt("Ipv6PrefixCount", ipv6)
                .unbuilt("Ipv4Prefixes", "IPv4 prefix delegation").unbuilt("Ipv4PrefixCount", "IPv4 prefix delegation")
                .unbuilt("PrivateIpAddresses", "addresses given as a list (use PrivateIpAddress and SecondaryPrivateIpAddressCount)")
                .unbuilt("ConnectionTrackingSpecification", "connection tracking timeouts")
                .unbuilt("InterfaceType", "network interfaces other than standard ones (EFA, trunk, branch)", "interface");
        action("ModifyNetworkInterfaceAttribute")
                .unbuilt("EnablePrimaryIpv6", ipv6).unbuilt("EnaSrdSpecification", "ENA Express")
                .unbuilt("ConnectionTrackingSpecification", "connection tracking timeouts")
                .unbuilt("AssociatePublicIpAddress", "public IPv4 addresses on existing interfaces")
                .unbuilt("AssociatedSubnetIds", "multi-subnet network interfaces");
        action("RunInstances")
                .unbuilt("Ipv6AddressCount", ipv6).unbuilt("Ipv6Addresses", ipv6).unbuilt("EnablePrimaryIpv6", ipv6)
                .unbuilt("LaunchTemplate", "launch templates")
                .unbuilt("ElasticGpuSpecification", "Elastic Graphics").unbuilt("ElasticInferenceAccelerators", "Elastic Inference")
                .unbuilt("InstanceMarketOptions", "Spot Instances")
                .unbuilt("SecondaryInterfaces", "secondary interfaces")
                .unbuilt("NetworkInterfaces[].Ipv6AddressCount", ipv6).unbuilt("NetworkInterfaces[].Ipv6Addresses", ipv6)
                .unbuilt("NetworkInterfaces[].Ipv6Prefixes", ipv6).unbuilt("NetworkInterfaces[].Ipv6PrefixCount", ipv6)
                .unbuilt("NetworkInterfaces[].PrimaryIpv6", ipv6)
                .unbuilt("NetworkInterfaces[].Ipv4Prefixes", "IPv4 prefix delegation")
                .unbuilt("NetworkInterfaces[].Ipv4PrefixCount", "IPv4 prefix delegation")
                .unbuilt("NetworkInterfaces[].PrivateIpAddresses", "addresses given as a list (use PrivateIpAddress and SecondaryPrivateIpAddressCount)")
                .unbuilt("NetworkInterfaces[].AssociateCarrierIpAddress", "carrier IPs (Wavelength)")
                .unbuilt("NetworkInterfaces[].InterfaceType", "network interfaces other than standard ones (EFA, trunk, branch)", "interface");
        action("RunInstances")
                .unbuilt("EbsOptimized", "EBS optimization (instances have no volumes)")
                .unbuilt("Monitoring.Enabled", "detailed monitoring")
                .unbuilt("HibernationOptions.Configured", "hibernation");
        action("StopInstances").unbuilt("Hibernate", "hibernation");
        for (String a : List.of("CreateVpcEndpoint", "ModifyVpcEndpoint")) {
            action(a).unbuilt("DnsOptions.PrivateDnsPreference", "custom private DNS domains")
                    .unbuilt("DnsOptions.PrivateDnsSpecifiedDomains", "custom private DNS domains")
                    .unbuilt("SubnetConfigurations[].Ipv6", ipv6);
        }
        action("StartNetworkInsightsAnalysis").unbuilt("AdditionalAccounts", "cross-account analyses (AWS Organizations)");
        action("CreateVpcEndpoint")
                .unbuilt("ServiceNetworkArn", "VPC Lattice service-network endpoints")
                .unbuilt("ResourceConfigurationArn", "VPC Lattice resource endpoints");
    }

    private UnbuiltFeatures() {
    }

    /** The whole table, by action (for tests that check it against the model). */
    static Map<String, List<Entry>> entries() {
        return Map.copyOf(BY_ACTION);
    }

    /** Refuses the request if any of its parameters asks for something this table says localvpc does not build. */
    public static void check(Ec2Request in) {
        List<Entry> entries = BY_ACTION.get(in.action());
        if (entries == null) return;
        for (Entry e : entries) {
            for (JsonNode value : values(in.params(), e.path())) {
                if (asksForNothing(value) || (value.isValueNode() && e.acceptedValues().contains(value.asText()))) continue;
                throw new AwsException("UnsupportedOperation", "localvpc does not build " + e.asksFor() + ": " + wirePath(in, e.path())
                        + "=" + shorten(value) + " is not supported. Leave it out" + (e.acceptedValues().isEmpty() ? "" : " or use "
                        + String.join(" or ", e.acceptedValues())) + " (see the README's Limitations).");
            }
        }
    }

    /** Absent, false, zero, empty text, an empty list, or a structure whose members all ask for nothing. */
    static boolean asksForNothing(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return true;
        if (v.isBoolean()) return !v.booleanValue();
        if (v.isNumber()) return v.longValue() == 0;
        if (v.isTextual()) return v.textValue().isEmpty();
        for (JsonNode child : v) if (!asksForNothing(child)) return false;
        return true;
    }

    /** The values at a path such as {@code NetworkInterfaces[].Ipv6AddressCount} or {@code DnsOptions.PrivateDnsPreference}. */
    private static List<JsonNode> values(JsonNode root, String path) {
        List<JsonNode> current = List.of(root);
        for (String step : path.split("\\.")) {
            boolean each = step.endsWith("[]");
            String name = each ? step.substring(0, step.length() - 2) : step;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                JsonNode child = n.get(name);
                if (child == null) continue;
                if (each) child.forEach(next::add);
                else next.add(child);
            }
            current = next;
        }
        return current;
    }

    private static String wirePath(Ec2Request in, String path) {
        String first = path.split("[.\\[]")[0];
        String rest = path.substring(first.length()).replace("[]", ".N");
        return in.wireName(first) + rest;
    }

    private static String shorten(JsonNode v) {
        String s = v.isValueNode() ? v.asText() : v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static Builder action(String action) {
        return new Builder(BY_ACTION.computeIfAbsent(action, a -> new ArrayList<>()));
    }

    private record Builder(List<Entry> entries) {
        Builder unbuilt(String path, String asksFor, String... accepted) {
            entries.add(new Entry(path, Set.of(accepted), asksFor));
            return this;
        }
    }
}
