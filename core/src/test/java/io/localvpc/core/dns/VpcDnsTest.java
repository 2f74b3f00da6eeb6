package io.localvpc.core.dns;

import io.localvpc.core.model.DnsEntry;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.VpcEndpointOps;
import io.localvpc.core.path.PathWorld;
import io.localvpc.core.path.ZoneFaults;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Amazon-provided resolver of a VPC answers, rule by rule. */
class VpcDnsTest {
    private static final String SQS = "com.amazonaws.us-east-1.sqs";
    private static final String SQS_NAME = "sqs.us-east-1.amazonaws.com";

    private final PathWorld w = new PathWorld();
    private final ZoneFaults faults = new ZoneFaults();
    private final Vpc a = w.vpc("10.0.0.0/16");
    private final Vpc b = w.vpc("10.1.0.0/16");
    private final Subnet a1 = w.subnet(a, "10.0.1.0/24", "us-east-1a");
    private final Subnet a2 = w.subnet(a, "10.0.2.0/24", "us-east-1b");
    private final Subnet b1 = w.subnet(b, "10.1.1.0/24", "us-east-1a");

    private DnsAnswer resolve(Vpc vpc, String name) {
        return VpcDns.resolve(w.view(), vpc.id(), name, faults);
    }

    private static List<String> addresses(DnsAnswer answer) {
        return assertInstanceOf(DnsAnswer.Addresses.class, answer, () -> String.valueOf(answer)).addresses();
    }

    private static String source(DnsAnswer answer) {
        return assertInstanceOf(DnsAnswer.Addresses.class, answer, () -> String.valueOf(answer)).source();
    }

    private List<String> ipsOf(VpcEndpoint e) {
        return w.interfacesOf(e).stream().map(NetworkInterface::privateIpAddress).toList();
    }

    private List<String> publicSqs() {
        return ServiceAddresses.forName("us-east-1", SQS_NAME).orElseThrow().addresses();
    }

    @Test
    void privateDnsAnswersInsideTheEndpointsVpcOnlyOnceAvailable() {
        VpcEndpoint e = w.interfaceEndpoint(a, SQS, List.of(a1, a2), List.of(), true);
        // pending: the private zone is not live yet; the public name answers
        assertEquals(publicSqs(), addresses(resolve(a, SQS_NAME)));
        assertTrue(source(resolve(a, SQS_NAME)).startsWith("public name of"));
        w.settle();
        assertEquals(ipsOf(e).stream().sorted().toList(), addresses(resolve(a, SQS_NAME)).stream().sorted().toList());
        assertEquals("private DNS name of " + e.id(), source(resolve(a, SQS_NAME)));
        assertEquals(addresses(resolve(a, SQS_NAME)), addresses(resolve(a, "SQS.US-EAST-1.amazonaws.com.")), "case and the root dot do not matter");
        // another VPC still sees the public addresses
        assertEquals(publicSqs(), addresses(resolve(b, SQS_NAME)));
    }

    @Test
    void withoutPrivateDnsTheServiceNameStaysPublic() {
        w.interfaceEndpoint(a, SQS, List.of(a1), List.of(), false);
        w.settle();
        assertEquals(publicSqs(), addresses(resolve(a, SQS_NAME)));
    }

    @Test
    void regionalAndZonalVpceNames() {
        VpcEndpoint e = w.interfaceEndpoint(a, SQS, List.of(a1, a2), List.of(), true);
        w.settle();
        List<DnsEntry> entries = ((VpcEndpoint.Interface) e.variant()).dnsEntries();
        String regional = entries.get(0).dnsName();
        assertTrue(regional.startsWith(e.id() + "-") && regional.endsWith(".sqs.us-east-1.vpce.amazonaws.com"), regional);
        String zonalB = entries.stream().map(DnsEntry::dnsName).filter(n -> n.contains("-us-east-1b.")).findFirst().orElseThrow();
        assertEquals(ipsOf(e).stream().sorted().toList(), addresses(resolve(a, regional)).stream().sorted().toList());
        assertEquals("regional name of " + e.id(), source(resolve(a, regional)));
        assertEquals(List.of(w.interfaceIn(e, a2).privateIpAddress()), addresses(resolve(a, zonalB)));
        assertEquals("zonal name of " + e.id(), source(resolve(a, zonalB)));
        // vpce names are public DNS: other VPCs resolve them too (reaching the addresses is the path engine's question)
        assertEquals(List.of(w.interfaceIn(e, a2).privateIpAddress()), addresses(resolve(b, zonalB)));
    }

    @Test
    void s3WildcardNames() {
        // no endpoint: the bucket name resolves to S3's public addresses, which are inside S3's prefix list
        DnsAnswer pub = resolve(a, "my-bucket.s3.us-east-1.amazonaws.com");
        assertEquals(ServiceAddresses.forName("us-east-1", "s3.us-east-1.amazonaws.com").orElseThrow().addresses(), addresses(pub));
        assertEquals("public name of com.amazonaws.us-east-1.s3", source(pub));

        VpcEndpoint e = w.interfaceEndpoint(a, "com.amazonaws.us-east-1.s3", List.of(a1), List.of(), true);
        w.settle();
        List<String> eni = ipsOf(e);
        assertEquals(eni, addresses(resolve(a, "my-bucket.s3.us-east-1.amazonaws.com")));
        assertEquals(eni, addresses(resolve(a, "s3.us-east-1.amazonaws.com")));
        String regional = ((VpcEndpoint.Interface) e.variant()).dnsEntries().get(0).dnsName();
        assertTrue(regional.startsWith("*."), regional);
        assertEquals(eni, addresses(resolve(a, "bucket" + regional.substring(1))));
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(a, regional.substring(2) + ".example"));
        // not a sub-name of the wildcard: ".s3.us-east-1.amazonaws.com" itself has no label before it
        assertEquals(addresses(pub), addresses(resolve(b, "my-bucket.s3.us-east-1.amazonaws.com")));
    }

    @Test
    void instanceHostNames() {
        Instance i = w.instance(a1);
        String ip = i.privateIpAddress();
        String host = "ip-" + ip.replace('.', '-') + ".ec2.internal";
        assertEquals(List.of(ip), addresses(resolve(a, host)));
        assertEquals("private host name of " + i.primaryNetworkInterfaceId(), source(resolve(a, host)));
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(b, host), "another VPC has no such interface");
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(a, "ip-10-0-1-250.ec2.internal"), "nobody holds that address");
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(a, "ip-10-0-1-999.ec2.internal"));
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(a, "ip-" + ip.replace('.', '-') + ".us-east-1.compute.internal"),
                "us-east-1 uses ec2.internal");
    }

    @Test
    void resourceNamesAnswerOnlyWhereTheSubnetAsksForTheirARecord() {
        Instance i = w.instance(a1);
        String name = i.id() + ".ec2.internal";
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(a, name), "off by default, as on AWS");
        w.write(tx -> tx.put(tx.find(Subnet.class, a1.id()).orElseThrow().withResourceNameDnsARecordOnLaunch(true)));
        assertEquals(List.of(i.privateIpAddress()), addresses(resolve(a, name)));
        assertEquals("resource name of " + i.id(), source(resolve(a, name)));
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(b, name), "another VPC does not see it");
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(a, "i-0123456789abcdef0.ec2.internal"), "no such instance");
    }

    @Test
    void dnsSupportOffRefusesEverything() {
        w.interfaceEndpoint(a, SQS, List.of(a1), List.of(), true);
        w.settle();
        w.write(tx -> tx.put(tx.find(Vpc.class, a.id()).orElseThrow().withDnsSupport(false)));
        assertInstanceOf(DnsAnswer.Refused.class, resolve(a, SQS_NAME));
        assertInstanceOf(DnsAnswer.Refused.class, resolve(a, "s3.us-east-1.amazonaws.com"));
        assertInstanceOf(DnsAnswer.Addresses.class, resolve(b, SQS_NAME), "the other VPC keeps its resolver");
    }

    @Test
    void downZonesDropOutOfAnswers() {
        VpcEndpoint e = w.interfaceEndpoint(a, SQS, List.of(a1, a2), List.of(), true);
        w.settle();
        faults.takeDown(a1.availabilityZoneId());
        assertEquals(List.of(w.interfaceIn(e, a2).privateIpAddress()), addresses(resolve(a, SQS_NAME)));
        String zonalA = ((VpcEndpoint.Interface) e.variant()).dnsEntries().stream().map(DnsEntry::dnsName)
                .filter(n -> n.contains("-us-east-1a.")).findFirst().orElseThrow();
        DnsAnswer zonal = resolve(a, zonalA);
        assertInstanceOf(DnsAnswer.Unavailable.class, zonal);
        assertTrue(((DnsAnswer.Unavailable) zonal).reason().contains(a1.availabilityZoneId()), zonal.toString());
        faults.takeDown(a2.availabilityZoneId());
        assertInstanceOf(DnsAnswer.Unavailable.class, resolve(a, SQS_NAME), "every interface down: SERVFAIL, not the public address");
        faults.bringUp(a1.availabilityZoneId());
        assertEquals(List.of(w.interfaceIn(e, a1).privateIpAddress()), addresses(resolve(a, SQS_NAME)));
        faults.bringUp(a2.availabilityZoneId());
        assertEquals(ipsOf(e).stream().sorted().toList(), addresses(resolve(a, SQS_NAME)).stream().sorted().toList(), "every zone back");
    }

    @Test
    void unknownNamesAndVpcs() {
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(a, "example.com"));
        assertInstanceOf(DnsAnswer.NoSuchName.class, resolve(a, "sqs.eu-west-1.amazonaws.com"), "another region's service is not answered in us-east-1");
        assertInstanceOf(DnsAnswer.Refused.class, VpcDns.resolve(w.view(), "vpc-0123456789abcdef0", SQS_NAME, faults));
    }

    @Test
    void aDeletedEndpointNoLongerAnswers() {
        VpcEndpoint e = w.interfaceEndpoint(a, SQS, List.of(a1), List.of(), true);
        w.settle();
        w.write(tx -> VpcEndpointOps.delete(tx, List.of(e.id())));
        assertEquals(publicSqs(), addresses(resolve(a, SQS_NAME)));
    }
}
