package io.localvpc.core.path;

import io.localvpc.core.dns.ServiceAddresses;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.state.View;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Real {@code aws ec2 describe-*} output (a private application subnet pair with a NAT default route and
 * S3/DynamoDB gateway endpoints; its security groups and network ACL) replayed through the checks.
 */
class AwsDescribeFixtureTest {
    private final View view = new PathWorld().view(); // us-east-1: the AWS-managed prefix lists the fixtures name
    private final Map<String, RouteTable> tables = byId(AwsDescribeFixtures.routeTables(AwsDescribeFixtures.load("/fixtures/describe-route-tables.json")), RouteTable::id);
    private final Map<String, SecurityGroup> groups = byId(AwsDescribeFixtures.securityGroups(AwsDescribeFixtures.load("/fixtures/describe-security-groups.json")), SecurityGroup::id);
    private final List<NetworkAcl> acls = AwsDescribeFixtures.networkAcls(AwsDescribeFixtures.load("/fixtures/describe-network-acls.json"));

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, t -> t));
    }

    private static long ip(String text) {
        return Ipv4.parse(text);
    }

    private static long service(String host) {
        return ip(ServiceAddresses.forName("us-east-1", host).orElseThrow().addresses().get(0));
    }

    @Test
    void routesOfThePrivateTable() {
        RouteLookup rt = RouteLookup.compile(view, tables.get("rtb-0c5d8a1f3e7b29461"));
        assertEquals("local", rt.lookup(ip("10.20.40.7")).gatewayId());
        assertEquals("vpce-0d7f1b3a5c9e24681", rt.lookup(service("my-bucket.s3.us-east-1.amazonaws.com")).gatewayId());
        assertEquals("vpce-0e8a2c4b6d1f35792", rt.lookup(service("dynamodb.us-east-1.amazonaws.com")).gatewayId());
        assertEquals("nat-04e1c7a9b3d5f2680", rt.lookup(service("sqs.us-east-1.amazonaws.com")).natGatewayId());
        Route vpn = rt.lookup(ip("192.168.4.4"));
        assertEquals("eni-0f3a5c7e9b1d24680", vpn.networkInterfaceId());
        assertEquals(2, tables.get("rtb-0c5d8a1f3e7b29461").associations().size());
    }

    @Test
    void routesOfTheMainTableIgnoreIpv6() {
        RouteTable main = tables.get("rtb-09e1b3d5f7a2c4680");
        assertEquals(true, main.isMain());
        RouteLookup rt = RouteLookup.compile(view, main);
        assertEquals("igw-0c1e3a5b7d9f24680", rt.lookup(service("my-bucket.s3.us-east-1.amazonaws.com")).gatewayId());
        assertEquals("0.0.0.0/0", rt.lookup(ip("1.1.1.1")).destinationCidrBlock());
    }

    @Test
    void securityGroupsReferencingEachOther() {
        SecurityGroupCheck app = SecurityGroupCheck.compile(view, groups.get("sg-0b5d7f9a1c3e24680"));
        SecurityGroupCheck endpoints = SecurityGroupCheck.compile(view, groups.get("sg-0e2a4c6b8d1f35791"));
        Set<String> appMember = Set.of("sg-0b5d7f9a1c3e24680");
        Set<String> endpointMember = Set.of("sg-0e2a4c6b8d1f35791");

        // app → an interface endpoint ENI (member of the endpoints group) on 443, and back in
        SecurityGroupRule out = app.allowsEgress(6, 443, ip("10.20.64.10"), endpointMember);
        assertEquals("sg-0e2a4c6b8d1f35791", out.referencedGroupId());
        assertEquals("interface endpoints", out.description());
        assertNotNull(endpoints.allowsIngress(6, 443, ip("10.20.1.10"), appMember));
        assertNull(endpoints.allowsIngress(6, 443, ip("10.20.1.10"), Set.of()));
        // app → S3 through its prefix list only on 443
        assertEquals("pl-63a5400a", app.allowsEgress(6, 443, service("s3.us-east-1.amazonaws.com"), Set.of()).prefixListId());
        assertNull(app.allowsEgress(6, 80, service("s3.us-east-1.amazonaws.com"), Set.of()));
        assertNull(app.allowsEgress(6, 443, service("sqs.us-east-1.amazonaws.com"), Set.of()), "no public SQS: only through the endpoint");
        // app → database subnets, two CIDRs in one permission
        assertEquals("10.20.48.0/20", app.allowsEgress(6, 5432, ip("10.20.50.5"), Set.of()).cidrIpv4());
        assertNull(app.allowsEgress(6, 5432, ip("10.20.64.5"), Set.of()));
        // ingress: 8080 from the VPC; ssh only from IPv6 (never an IPv4 flow)
        assertEquals("load balancer subnets", app.allowsIngress(6, 8080, ip("10.20.3.3"), Set.of()).description());
        assertNull(app.allowsIngress(6, 22, ip("10.20.3.3"), Set.of()));
        assertNotNull(endpoints.allowsEgress(17, 53, ip("8.8.8.8"), Set.of()));
    }

    @Test
    void theNetworkAclInRuleNumberOrder() {
        NetworkAcl acl = acls.get(0);
        assertEquals(List.of("subnet-0a1f5c3e9b7d24680", "subnet-0b2e6d4f8a1c35791"), acl.associations().stream().map(a -> a.subnetId()).toList());
        NetworkAclCheck c = NetworkAclCheck.compile(acl);
        NetworkAclEntry e = c.inbound(6, 8080, ip("10.20.99.4"));
        assertEquals(90, e.ruleNumber());
        assertEquals("deny", e.ruleAction());
        assertEquals(100, c.inbound(6, 8080, ip("10.20.98.4")).ruleNumber());
        assertEquals(120, c.inbound(6, 50000, ip("3.5.1.1")).ruleNumber(), "S3's replies on the ephemeral port");
        assertEquals(32767, c.inbound(6, 443, ip("3.5.1.1")).ruleNumber());
        assertEquals(130, c.inbound(1, 0, ip("3.5.1.1")).ruleNumber());
        assertEquals(100, c.outbound(6, 443, ip("3.5.1.1")).ruleNumber());
        assertEquals(110, c.outbound(17, 53, ip("10.20.0.2")).ruleNumber());
        assertEquals(32767, c.outbound(17, 53, ip("8.8.8.8")).ruleNumber());
    }
}
