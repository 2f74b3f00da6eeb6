package io.localvpc.core.path;

import io.localvpc.core.dns.ServiceAddresses;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.InstanceOps;
import io.localvpc.core.ops.InternetGatewayOps;
import io.localvpc.core.ops.SubnetOps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.localvpc.core.path.PathWorld.cidr;
import static io.localvpc.core.path.PathWorld.tcpFromGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path engine end to end on a realistic layout: a public subnet with a NAT gateway, two application
 * subnets and two endpoint subnets in two zones, an S3 gateway endpoint and an SQS interface endpoint with
 * private DNS. Each case checks the verdict, the refusal reason and the deciding hop's sentence.
 */
class PathEngineTest {
    private static final String SQS = "com.amazonaws.us-east-1.sqs";
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final String SQS_NAME = "sqs.us-east-1.amazonaws.com";

    private final PathWorld w = new PathWorld();
    private final ZoneFaults faults = new ZoneFaults();
    private final PathEngine engine = new PathEngine(faults);

    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final Subnet pub = w.subnet(vpc, "10.0.0.0/24", "us-east-1a");
    private final Subnet appA = w.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final Subnet appB = w.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    private final Subnet epA = w.subnet(vpc, "10.0.11.0/24", "us-east-1a");
    private final Subnet epB = w.subnet(vpc, "10.0.12.0/24", "us-east-1b");
    private final String igw = w.internetGateway(vpc);
    private final RouteTable pubTable = w.table(vpc, pub);
    private final RouteTable appTable = w.table(vpc, appA, appB);
    private final NatGateway nat = w.publicNat(pub);
    private final SecurityGroup app = w.group(vpc, "app");
    private final SecurityGroup endpointGroup = w.group(vpc, "endpoint");
    private final VpcEndpoint s3;
    private final VpcEndpoint sqs;
    private final Instance app1;
    private final Instance app2;

    PathEngineTest() {
        w.route(pubTable, "0.0.0.0/0", igw, null);
        w.route(appTable, "0.0.0.0/0", null, nat.id());
        s3 = w.gatewayEndpoint(vpc, S3, appTable);
        w.authorize(endpointGroup, false, tcpFromGroup(443, app.id()));
        sqs = w.interfaceEndpoint(vpc, SQS, List.of(epA, epB), List.of(endpointGroup), true);
        app1 = w.instance(appA, app);
        app2 = w.instance(appB, app);
        w.settle();
    }

    private Verdict decide(String source, String destination, int port) {
        return engine.decide(w.view(), Flow.tcp(source, destination, port));
    }

    private static Target.AwsService delivered(Verdict v) {
        Verdict.Delivered d = assertInstanceOf(Verdict.Delivered.class, v, () -> v.trace().render());
        return assertInstanceOf(Target.AwsService.class, d.target());
    }

    private static void refused(Verdict v, Verdict.Reason reason, Hop.Kind kind, String sentence) {
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class, v, () -> v.trace().render());
        assertEquals(reason, r.reason(), () -> v.trace().render());
        Hop decisive = v.trace().decisive();
        assertEquals(kind, decisive.kind(), () -> v.trace().render());
        assertEquals(sentence, decisive.describe());
        assertEquals(sentence, v.summary());
    }

    private String eniIp(Subnet s) {
        return w.interfaceIn(sqs, s).privateIpAddress();
    }

    private String ip(Instance i) {
        return i.privateIpAddress();
    }

    private String eniOf(Instance i) {
        return i.primaryNetworkInterfaceId();
    }

    // ---- gateway endpoint

    @Test
    void s3ThroughTheGatewayEndpoint() {
        Verdict v = decide(app1.id(), "my-bucket.s3.us-east-1.amazonaws.com", 443);
        Target.AwsService t = delivered(v);
        assertEquals(S3, t.serviceName());
        assertEquals(new Target.GatewayEndpoint(s3.id()), t.via());
        assertEquals("my-bucket.s3.us-east-1.amazonaws.com", t.host());
        assertEquals("delivered to " + S3 + " via " + s3.id(), v.summary());
        Hop route = v.trace().hops().stream().filter(h -> h.kind() == Hop.Kind.ROUTE).findFirst().orElseThrow();
        assertEquals(appTable.id() + " route pl-63a5400a → " + s3.id() + " (longest prefix match for " + t.address() + ")", route.describe());
        assertEquals(List.of(Hop.Kind.SOURCE, Hop.Kind.DNS, Hop.Kind.ROUTE, Hop.Kind.SECURITY_GROUP_EGRESS, Hop.Kind.NETWORK_ACL_OUT,
                Hop.Kind.NETWORK_ACL_RETURN_IN, Hop.Kind.ENDPOINT, Hop.Kind.DELIVERED), v.trace().hops().stream().map(Hop::kind).toList());
    }

    @Test
    void s3WithoutTheGatewayEndpointGoesThroughTheNatGateway() {
        Instance inPub = w.instance(pub, app); // the public table has no endpoint route
        Verdict v = decide(inPub.id(), "s3.us-east-1.amazonaws.com", 443);
        refused(v, Verdict.Reason.NETWORK_UNREACHABLE, Hop.Kind.INTERNET_GATEWAY, eniOf(inPub) + " has no public IPv4 address, so " + igw
                + " cannot carry its traffic (give it an Elastic IP, launch into a subnet that maps public IPs, or route through a NAT gateway)");
    }

    // ---- interface endpoint

    @Test
    void interfaceEndpointWithPrivateDnsIsReachedInTheSourcesZone() {
        Verdict a = decide(app1.id(), SQS_NAME, 443);
        Target.AwsService ta = delivered(a);
        assertEquals(SQS, ta.serviceName());
        assertEquals(new Target.InterfaceEndpoint(sqs.id(), w.interfaceIn(sqs, epA).id(), epA.availabilityZoneId()), ta.via());
        assertEquals(eniIp(epA), ta.address());
        assertEquals("delivered to " + SQS + " via " + sqs.id(), a.summary());
        Hop ingress = a.trace().hops().stream().filter(h -> h.kind() == Hop.Kind.SECURITY_GROUP_INGRESS).findFirst().orElseThrow();
        assertTrue(ingress.describe().startsWith(endpointGroup.id() + " ingress rule sgr-"), ingress.describe());
        assertTrue(ingress.describe().endsWith(" allows tcp 443 from " + app.id() + " (from " + ip(app1) + ", tcp " + eniIp(epA) + ":443)"), ingress.describe());

        Target.AwsService tb = delivered(decide(app2.id(), SQS_NAME, 443));
        assertEquals(w.interfaceIn(sqs, epB).id(), ((Target.InterfaceEndpoint) tb.via()).networkInterfaceId());
    }

    @Test
    void aDownZoneSendsTrafficToTheOtherZonesInterface() {
        faults.takeDown(epA.availabilityZoneId());
        Target.AwsService t = delivered(decide(app1.id(), SQS_NAME, 443));
        assertEquals(w.interfaceIn(sqs, epB).id(), ((Target.InterfaceEndpoint) t.via()).networkInterfaceId());
        // a client that kept the old address is refused at the endpoint
        String zone = epA.availabilityZoneId();
        refused(decide(app1.id(), eniIp(epA), 443), Verdict.Reason.HOST_UNREACHABLE, Hop.Kind.ENDPOINT,
                w.interfaceIn(sqs, epA).id() + " of " + sqs.id() + " is in " + zone + ", which is down (localvpc fault az " + zone + " up restores it)");
    }

    @Test
    void everyZoneDownIsUnresolvable() {
        faults.takeDown(epA.availabilityZoneId());
        faults.takeDown(epB.availabilityZoneId());
        refused(decide(app1.id(), SQS_NAME, 443), Verdict.Reason.HOST_UNREACHABLE, Hop.Kind.DNS,
                "cannot resolve " + SQS_NAME + ": private DNS name of " + sqs.id() + ": no interface in a healthy zone (down: "
                        + epA.availabilityZoneId() + ", " + epB.availabilityZoneId() + ")");
    }

    @Test
    void aPendingInterfaceEndpointIsNotReachable() {
        VpcEndpoint sts = w.interfaceEndpoint(vpc, "com.amazonaws.us-east-1.sts", List.of(epA), List.of(endpointGroup), false);
        String ip = w.interfaceIn(sts, epA).privateIpAddress();
        refused(decide(app1.id(), ip, 443), Verdict.Reason.HOST_UNREACHABLE, Hop.Kind.ENDPOINT, sts.id() + " is pending, not available");
    }

    @Test
    void theEndpointOfVpcAIsNotReachableFromVpcB() {
        Vpc other = w.vpc("10.1.0.0/16");
        Subnet s = w.subnet(other, "10.1.1.0/24", "us-east-1a");
        Instance i = w.instance(s);
        RouteTable main = w.mainTable(other);
        // its private name stays public in VPC B, and VPC B has no way out
        String publicIp = ServiceAddresses.forName("us-east-1", SQS_NAME).orElseThrow().addresses().get(0);
        refused(decide(i.id(), SQS_NAME, 443), Verdict.Reason.NETWORK_UNREACHABLE, Hop.Kind.ROUTE, "no route to " + publicIp + " in " + main.id());
        // the regional vpce name resolves anywhere, but its addresses are VPC A's
        String regional = ((VpcEndpoint.Interface) sqs.variant()).dnsEntries().get(0).dnsName();
        Verdict v = decide(i.id(), regional, 443);
        String chosen = v.trace().hops().get(1).describe();
        assertTrue(chosen.startsWith(regional + " → 10.0.1"), chosen);
        assertEquals(Hop.Kind.ROUTE, v.trace().decisive().kind());
        assertTrue(v.summary().startsWith("no route to 10.0.1") && v.summary().endsWith(" in " + main.id()), v.summary());
    }

    // ---- NAT and internet gateways

    @Test
    void throughTheNatGateway() {
        Verdict v = decide(app1.id(), "sts.us-east-1.amazonaws.com", 443);
        Target.AwsService t = delivered(v);
        assertEquals("com.amazonaws.us-east-1.sts", t.serviceName());
        assertEquals(new Target.NatGateway(nat.id()), t.via());
        Hop natHop = v.trace().hops().stream().filter(h -> h.kind() == Hop.Kind.NAT_GATEWAY).findFirst().orElseThrow();
        assertEquals("NAT gateway " + nat.id() + " as " + nat.publicIp() + ", then " + igw, natHop.describe());
    }

    @Test
    void aPendingNatGatewayRefuses() {
        NatGateway fresh = w.publicNat(pub);
        RouteTable t = w.table(vpc);
        Subnet s = w.subnet(vpc, "10.0.5.0/24", "us-east-1a");
        w.write(tx -> io.localvpc.core.ops.RouteTableOps.associate(tx, t.id(), s.id()));
        w.route(t, "0.0.0.0/0", null, fresh.id());
        Instance i = w.instance(s);
        refused(decide(i.id(), "sts.us-east-1.amazonaws.com", 443), Verdict.Reason.NETWORK_UNREACHABLE, Hop.Kind.NAT_GATEWAY,
                fresh.id() + " is pending, not available");
    }

    @Test
    void aPrivateNatGatewayRefuses() {
        NatGateway priv = w.privateNat(pub);
        Subnet s = w.subnet(vpc, "10.0.5.0/24", "us-east-1a");
        RouteTable t = w.table(vpc, s);
        w.route(t, "0.0.0.0/0", null, priv.id());
        Instance i = w.instance(s);
        w.settle();
        refused(decide(i.id(), "sts.us-east-1.amazonaws.com", 443), Verdict.Reason.NETWORK_UNREACHABLE, Hop.Kind.NAT_GATEWAY,
                priv.id() + " is a private NAT gateway; it reaches other networks through transit or virtual private gateways, which localvpc does not model");
    }

    @Test
    void aNatGatewayWhoseSubnetDoesNotRouteToTheInternetGatewayRefuses() {
        Subnet natSubnet = w.subnet(vpc, "10.0.6.0/24", "us-east-1a"); // main table: local route only
        NatGateway stranded = w.publicNat(natSubnet);
        Subnet s = w.subnet(vpc, "10.0.5.0/24", "us-east-1a");
        RouteTable t = w.table(vpc, s);
        w.route(t, "0.0.0.0/0", null, stranded.id());
        Instance i = w.instance(s);
        w.settle();
        String sts = ServiceAddresses.forName("us-east-1", "sts.us-east-1.amazonaws.com").orElseThrow().addresses().get(0);
        refused(decide(i.id(), "sts.us-east-1.amazonaws.com", 443), Verdict.Reason.NETWORK_UNREACHABLE, Hop.Kind.ROUTE,
                "no route to " + sts + " in " + w.mainTable(vpc).id());
    }

    @Test
    void aNatGatewayWhoseSubnetRoutesToAnotherNatIsNotCalledABlackhole() {
        Subnet natSubnet = w.subnet(vpc, "10.0.6.0/24", "us-east-1a");
        NatGateway chained = w.publicNat(natSubnet);
        RouteTable natTable = w.table(vpc, natSubnet);
        w.route(natTable, "0.0.0.0/0", null, nat.id()); // active route, but to a NAT gateway, not an internet gateway
        Subnet s = w.subnet(vpc, "10.0.5.0/24", "us-east-1a");
        RouteTable t = w.table(vpc, s);
        w.route(t, "0.0.0.0/0", null, chained.id());
        Instance i = w.instance(s);
        w.settle();
        Verdict v = decide(i.id(), "sts.us-east-1.amazonaws.com", 443);
        assertEquals(Hop.Kind.NAT_GATEWAY, v.trace().decisive().kind());
        assertTrue(v.summary().contains("not to an attached internet gateway"), v.summary());
        assertTrue(!v.summary().contains("blackhole"), v.summary());
    }

    @Test
    void throughTheInternetGatewayWithAPublicIp() {
        w.write(tx -> SubnetOps.setMapPublicIpOnLaunch(tx, pub.id(), true));
        Instance web = w.instance(pub, app);
        NetworkInterface eni = w.primaryInterface(web);
        Verdict v = decide(web.id(), SQS_NAME, 443);
        // the private DNS name resolves to the endpoint inside the VPC, whatever the subnet
        assertInstanceOf(Target.InterfaceEndpoint.class, delivered(v).via());
        Verdict sts = decide(web.id(), "sts.us-east-1.amazonaws.com", 443);
        assertEquals(new Target.InternetGateway(igw), delivered(sts).via());
        Hop igwHop = sts.trace().hops().stream().filter(h -> h.kind() == Hop.Kind.INTERNET_GATEWAY).findFirst().orElseThrow();
        assertEquals("internet gateway " + igw + " as " + eni.publicIp(), igwHop.describe());
        refused(decide(web.id(), "8.8.8.8", 443), Verdict.Reason.HOST_UNREACHABLE, Hop.Kind.REFUSED,
                "8.8.8.8 is outside the emulated world (not an AWS service address localvpc knows); localvpc never sends traffic off this machine");
    }

    // ---- filters

    @Test
    void securityGroupEgressWithout443Refuses() {
        SecurityGroup locked = w.revokeAllEgress(w.group(vpc, "locked"));
        w.authorize(locked, true, cidr("tcp", 80, 80, "0.0.0.0/0"));
        NetworkInterface src = w.eni(appA, null, locked);
        refused(decide(src.id(), SQS_NAME, 443), Verdict.Reason.NOT_ALLOWED, Hop.Kind.SECURITY_GROUP_EGRESS,
                "security groups " + locked.id() + " on " + src.id() + " allow no egress to tcp " + eniIp(epA) + ":443");
        assertInstanceOf(Verdict.Refused.class, decide(src.id(), "my-bucket.s3.us-east-1.amazonaws.com", 443));
    }

    @Test
    void theEndpointsSecurityGroupMustAdmitTheSource() {
        SecurityGroup stranger = w.group(vpc, "stranger");
        NetworkInterface src = w.eni(appA, null, stranger);
        NetworkInterface target = w.interfaceIn(sqs, epA);
        refused(decide(src.id(), SQS_NAME, 443), Verdict.Reason.NOT_ALLOWED, Hop.Kind.SECURITY_GROUP_INGRESS,
                "security groups " + endpointGroup.id() + " on " + target.id() + " allow no ingress from " + src.privateIpAddress()
                        + " to tcp " + eniIp(epA) + ":443");
    }

    @Test
    void aNetworkAclDenyNamesTheAclAndRule() {
        NetworkAcl acl = w.networkAcl(vpc);
        w.aclEntry(acl, 50, false, "tcp", "deny", "10.0.1.0/24", 443, 443);
        w.aclEntry(acl, 100, false, "-1", "allow", "0.0.0.0/0", null, null);
        w.aclEntry(acl, 100, true, "-1", "allow", "0.0.0.0/0", null, null);
        w.associate(acl, epA);
        refused(decide(app1.id(), SQS_NAME, 443), Verdict.Reason.NOT_ALLOWED, Hop.Kind.NETWORK_ACL_IN,
                acl.id() + " inbound rule 50 denies tcp port 443 from " + ip(app1));
        // zone b's application subnet is not in 10.0.1.0/24 and reaches its own zone's interface
        assertInstanceOf(Verdict.Delivered.class, decide(app2.id(), SQS_NAME, 443));
    }

    @Test
    void aNetworkAclWithoutEphemeralPortsBlocksTheReturnTraffic() {
        NetworkAcl acl = w.networkAcl(vpc);
        w.aclEntry(acl, 100, true, "-1", "allow", "0.0.0.0/0", null, null);
        w.aclEntry(acl, 100, false, "tcp", "allow", "0.0.0.0/0", 443, 443); // forgot 1024-65535 for replies
        w.associate(acl, appA);
        refused(decide(app1.id(), SQS_NAME, 443), Verdict.Reason.NOT_ALLOWED, Hop.Kind.NETWORK_ACL_RETURN_IN,
                acl.id() + " inbound (return traffic) rule * denies tcp port " + Flow.DEFAULT_EPHEMERAL_PORT + " from " + eniIp(epA));
        // the same gap breaks the gateway endpoint path too
        Verdict s3 = decide(app1.id(), "my-bucket.s3.us-east-1.amazonaws.com", 443);
        assertEquals(Hop.Kind.NETWORK_ACL_RETURN_IN, s3.trace().decisive().kind());
        w.aclEntry(acl, 110, false, "tcp", "allow", "0.0.0.0/0", 1024, 65535);
        assertInstanceOf(Verdict.Delivered.class, decide(app1.id(), SQS_NAME, 443));
    }

    @Test
    void theEndpointSubnetsOutboundAclMustAllowTheReply() {
        NetworkAcl acl = w.networkAcl(vpc);
        w.aclEntry(acl, 100, false, "-1", "allow", "0.0.0.0/0", null, null);
        w.aclEntry(acl, 100, true, "tcp", "allow", "0.0.0.0/0", 443, 443);
        w.associate(acl, epA);
        refused(decide(app1.id(), SQS_NAME, 443), Verdict.Reason.NOT_ALLOWED, Hop.Kind.NETWORK_ACL_RETURN_OUT,
                acl.id() + " outbound (return traffic) rule * denies tcp port " + Flow.DEFAULT_EPHEMERAL_PORT + " to " + ip(app1));
    }

    @Test
    void flowsWithinOneSubnetSkipNetworkAcls() {
        NetworkAcl denyAll = w.networkAcl(vpc); // only the * rules
        w.associate(denyAll, appA);
        SecurityGroup db = w.group(vpc, "db");
        w.authorize(db, false, tcpFromGroup(5432, app.id()));
        Instance dbHost = w.instance(appA, db);
        Verdict v = decide(app1.id(), ip(dbHost), 5432);
        Verdict.Delivered d = assertInstanceOf(Verdict.Delivered.class, v, () -> v.trace().render());
        assertEquals(new Target.Interface(eniOf(dbHost), dbHost.id(), ip(dbHost), 5432, null), d.target());
        assertTrue(v.trace().hops().stream().noneMatch(h -> h.kind().name().startsWith("NETWORK_ACL")), v.trace().render());
        // across subnets the deny-all ACL applies
        Instance dbB = w.instance(appB, db);
        refused(decide(app1.id(), ip(dbB), 5432), Verdict.Reason.NOT_ALLOWED, Hop.Kind.NETWORK_ACL_OUT,
                denyAll.id() + " outbound rule * denies tcp port 5432 to " + ip(dbB));
    }

    @Test
    void instanceHostNamesReachInstances() {
        SecurityGroup db = w.group(vpc, "db");
        w.authorize(db, false, tcpFromGroup(5432, app.id()));
        Instance dbHost = w.instance(appB, db);
        String host = "ip-" + ip(dbHost).replace('.', '-') + ".ec2.internal";
        Verdict v = decide(app1.id(), host, 5432);
        assertEquals("delivered to " + eniOf(dbHost) + " (" + ip(dbHost) + ")", v.summary());
        refused(decide(app1.id(), host, 5433), Verdict.Reason.NOT_ALLOWED, Hop.Kind.SECURITY_GROUP_INGRESS,
                "security groups " + db.id() + " on " + eniOf(dbHost) + " allow no ingress from " + ip(app1) + " to tcp " + ip(dbHost) + ":5433");
    }

    // ---- sources, routes and DNS

    @Test
    void aStoppedInstanceIsNoSource() {
        w.write(tx -> InstanceOps.stop(tx, List.of(app1.id()), Duration.ZERO));
        refused(decide(app1.id(), SQS_NAME, 443), Verdict.Reason.UNKNOWN_SOURCE, Hop.Kind.SOURCE,
                "instance " + app1.id() + " is stopped, not running; start it first (aws ec2 start-instances --instance-ids " + app1.id() + ")");
        refused(decide("i-0123456789abcdef0", SQS_NAME, 443), Verdict.Reason.UNKNOWN_SOURCE, Hop.Kind.SOURCE,
                "no instance i-0123456789abcdef0 in " + PathWorld.SCOPE.key());
        refused(decide("web-1", SQS_NAME, 443), Verdict.Reason.UNKNOWN_SOURCE, Hop.Kind.SOURCE,
                "the workload identity 'web-1' is neither an instance id (i-…) nor a network interface id (eni-…)");
    }

    @Test
    void noRouteNamesTheTable() {
        Vpc isolated = w.vpc("10.9.0.0/16");
        Subnet s = w.subnet(isolated, "10.9.0.0/24", "us-east-1a");
        Instance i = w.instance(s);
        refused(decide(i.id(), "203.0.113.5", 443), Verdict.Reason.NETWORK_UNREACHABLE, Hop.Kind.ROUTE,
                "no route to 203.0.113.5 in " + w.mainTable(isolated).id());
    }

    @Test
    void aBlackholeRouteRefuses() {
        w.write(tx -> io.localvpc.core.ops.NatGatewayOps.delete(tx, nat.id()));
        refused(decide(app1.id(), "sts.us-east-1.amazonaws.com", 443), Verdict.Reason.NETWORK_UNREACHABLE, Hop.Kind.ROUTE,
                appTable.id() + " route 0.0.0.0/0 → " + nat.id() + " is a blackhole (its target no longer carries traffic)");
        // the gateway endpoint route is unaffected
        assertInstanceOf(Verdict.Delivered.class, decide(app1.id(), "my-bucket.s3.us-east-1.amazonaws.com", 443));
    }

    @Test
    void dnsSupportOffRefusesNamesButNotAddresses() {
        w.write(tx -> tx.put(tx.find(Vpc.class, vpc.id()).orElseThrow().withDnsSupport(false)));
        refused(decide(app1.id(), SQS_NAME, 443), Verdict.Reason.HOST_UNREACHABLE, Hop.Kind.DNS,
                "cannot resolve " + SQS_NAME + ": VPC " + vpc.id() + " has enableDnsSupport off, so its resolver answers nothing");
        assertInstanceOf(Verdict.Delivered.class, decide(app1.id(), eniIp(epA), 443));
    }

    @Test
    void unknownNamesAreUnresolvable() {
        Verdict v = decide(app1.id(), "example.com", 443);
        assertEquals(Verdict.Reason.HOST_UNREACHABLE, ((Verdict.Refused) v).reason());
        assertTrue(v.summary().startsWith("cannot resolve example.com: example.com is neither an AWS service name"), v.summary());
    }

    @Test
    void decisionsFollowTheStateWithoutStaleCaches() {
        assertInstanceOf(Verdict.Delivered.class, decide(app1.id(), SQS_NAME, 443));
        SecurityGroup locked = w.revokeAllEgress(w.defaultGroup(vpc));
        w.write(tx -> io.localvpc.core.ops.NetworkInterfaceOps.modifyGroups(tx, eniOf(app1), List.of(locked.id())));
        refused(decide(app1.id(), SQS_NAME, 443), Verdict.Reason.NOT_ALLOWED, Hop.Kind.SECURITY_GROUP_EGRESS,
                "security groups " + locked.id() + " on " + eniOf(app1) + " allow no egress to tcp " + eniIp(epA) + ":443");
    }
}
