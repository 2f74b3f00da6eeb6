package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AllowedPrincipal;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PrivateLink from the provider's side through the EC2 API, in two accounts (and a third that is never allowed): the
 * service configuration's lifecycle and shapes, permissions, discovery, consumer endpoints with acceptance and
 * rejection, their DNS names in the consumer VPC's resolver, private DNS, deletion rules, and connection notifications
 * published to an upstream playing SNS.
 */
class EndpointServiceProviderTest {
    private static final String PROVIDER = "111111111111";
    private static final String CONSUMER = "222222222222";
    private static final String STRANGER = "333333333333";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RecordingUpstream sns;
    private static LocalVpc lv;
    private static Ec2Client provider;
    private static Ec2Client consumer;
    private static Ec2Client stranger;
    private static Layouts providerNet;
    private static Layouts consumerNet;

    @BeforeAll
    static void start() throws Exception {
        sns = new RecordingUpstream();
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true).withUpstreams(Map.of("sns", sns.url()))).start();
        provider = LocalVpcExtension.ec2(lv.endpoint(), PROVIDER, Region.US_EAST_1);
        consumer = LocalVpcExtension.ec2(lv.endpoint(), CONSUMER, Region.US_EAST_1);
        stranger = LocalVpcExtension.ec2(lv.endpoint(), STRANGER, Region.US_EAST_1);
        providerNet = new Layouts(provider);
        consumerNet = new Layouts(consumer);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Ec2Client c : new Ec2Client[]{provider, consumer, stranger}) if (c != null) c.close();
        if (lv != null) lv.close();
        if (sns != null) sns.close();
    }

    /** A provider VPC with subnets in us-east-1a and us-east-1b and an NLB over both; its ARN. */
    private static String nlb(String prefix) {
        String vpc = providerNet.vpc(prefix + ".0.0/16");
        String a = providerNet.subnet(vpc, prefix + ".1.0/24", Layouts.ZONE_A);
        String b = providerNet.subnet(vpc, prefix + ".2.0/24", Layouts.ZONE_B);
        return ProviderNlbs.create(lv, PROVIDER, "nlb-" + prefix.replace('.', '-'), a, b);
    }

    private static ServiceConfiguration service(String nlbArn, boolean acceptance) {
        ServiceConfiguration c = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(nlbArn).acceptanceRequired(acceptance))
                .serviceConfiguration();
        Layouts.awaitValue("service " + c.serviceId(), "Available", () -> describe(c.serviceId()).serviceStateAsString());
        return c;
    }

    private static ServiceConfiguration describe(String serviceId) {
        return provider.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0);
    }

    private static void allow(String serviceId, String principal) {
        provider.modifyVpcEndpointServicePermissions(r -> r.serviceId(serviceId).addAllowedPrincipals(principal));
    }

    private record ConsumerVpc(String vpcId, String subnetA, String subnetB, String subnetC) {
    }

    private static ConsumerVpc consumerVpc(String prefix) {
        String vpc = consumerNet.vpc(prefix + ".0.0/16");
        return new ConsumerVpc(vpc, consumerNet.subnet(vpc, prefix + ".1.0/24", Layouts.ZONE_A), consumerNet.subnet(vpc, prefix + ".2.0/24", Layouts.ZONE_B),
                consumerNet.subnet(vpc, prefix + ".3.0/24", "us-east-1c"));
    }

    private static VpcEndpoint endpoint(ConsumerVpc vpc, String serviceName) {
        return consumer.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE).serviceName(serviceName)
                .subnetIds(vpc.subnetA(), vpc.subnetB())).vpcEndpoint();
    }

    private static String state(String endpointId) {
        return consumer.describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)).vpcEndpoints().get(0).stateAsString();
    }

    private static VpcEndpointConnection connection(String serviceId, String endpointId) {
        List<VpcEndpointConnection> found = provider.describeVpcEndpointConnections(r -> r.filters(
                Filter.builder().name("service-id").values(serviceId).build(), Filter.builder().name("vpc-endpoint-id").values(endpointId).build()))
                .vpcEndpointConnections();
        assertEquals(1, found.size(), "connections of " + endpointId + ": " + found);
        return found.get(0);
    }

    private static Ec2Exception refused(String code, Runnable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        return e;
    }

    @Test
    void aServiceConfigurationGoesFromPendingToAvailableWithAwsShapes() {
        String arn = nlb("10.50");
        ServiceConfiguration created = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(arn)
                .privateDnsName("api.example.com").clientToken("svc-token-1")
                .tagSpecifications(t -> t.resourceType("vpc-endpoint-service").tags(g -> g.key("team").value("payments")))).serviceConfiguration();
        String id = created.serviceId();
        assertTrue(id.matches("vpce-svc-[0-9a-f]{17}"), id);
        assertEquals("com.amazonaws.vpce.us-east-1." + id, created.serviceName());
        assertEquals("Pending", created.serviceStateAsString(), "a fresh service is Pending, as on AWS");
        assertEquals("Interface", created.serviceType().get(0).serviceTypeAsString());
        assertEquals(List.of("us-east-1a", "us-east-1b"), created.availabilityZones(), "the zones of the NLB's nodes");
        assertEquals(List.of(id + ".us-east-1.vpce.amazonaws.com"), created.baseEndpointDnsNames());
        assertTrue(created.acceptanceRequired(), "acceptance is required unless the request says otherwise");
        assertFalse(created.managesVpcEndpoints());
        assertEquals(List.of(arn), created.networkLoadBalancerArns());
        assertEquals(List.of("ipv4"), created.supportedIpAddressTypesAsStrings());
        assertEquals("pendingVerification", created.privateDnsNameConfiguration().stateAsString());
        assertEquals("TXT", created.privateDnsNameConfiguration().type());
        String token = created.privateDnsNameConfiguration().value().substring("vpce:".length());
        assertEquals("_" + token, created.privateDnsNameConfiguration().name());
        assertEquals("payments", created.tags().get(0).value());

        String again = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(arn).privateDnsName("api.example.com")
                .clientToken("svc-token-1").tagSpecifications(t -> t.resourceType("vpc-endpoint-service").tags(g -> g.key("team").value("payments"))))
                .serviceConfiguration().serviceId();
        assertEquals(id, again, "the same ClientToken gives the same service");

        Layouts.awaitValue("service state", "Available", () -> describe(id).serviceStateAsString());
        List<ServiceConfiguration> byState = provider.describeVpcEndpointServiceConfigurations(r -> r.filters(
                Filter.builder().name("service-state").values("Available").build(), Filter.builder().name("service-id").values(id).build()))
                .serviceConfigurations();
        assertEquals(1, byState.size());
        assertTrue(provider.describeVpcEndpointServiceConfigurations(r -> r.filters(Filter.builder().name("tag:team").values("other").build()))
                .serviceConfigurations().stream().noneMatch(c -> c.serviceId().equals(id)));

        provider.createTags(r -> r.resources(id).tags(t -> t.key("env").value("dev")));
        assertEquals("vpc-endpoint-service", provider.describeTags(r -> r.filters(Filter.builder().name("resource-id").values(id).build()))
                .tags().get(0).resourceTypeAsString());

        assertTrue(provider.startVpcEndpointServicePrivateDnsVerification(r -> r.serviceId(id)).returnValue());
        assertEquals("verified", describe(id).privateDnsNameConfiguration().stateAsString(), "localvpc trusts the verification call");

        provider.modifyVpcEndpointServiceConfiguration(r -> r.serviceId(id).acceptanceRequired(false).privateDnsName("other.example.com"));
        ServiceConfiguration modified = describe(id);
        assertFalse(modified.acceptanceRequired());
        assertEquals("pendingVerification", modified.privateDnsNameConfiguration().stateAsString(), "a new name must be verified again");

        refused("UnsupportedOperation", () -> provider.createVpcEndpointServiceConfiguration(r -> r.gatewayLoadBalancerArns(
                "arn:aws:elasticloadbalancing:us-east-1:" + PROVIDER + ":loadbalancer/gwy/g/0123456789abcdef")));
        refused("InvalidParameter", () -> provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(arn.replace(PROVIDER, CONSUMER))));
        refused("InvalidParameter", () -> consumer.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(arn)));
        refused("InvalidParameter", () -> provider.createVpcEndpointServiceConfiguration(r -> r.acceptanceRequired(true)));
        refused("UnsupportedOperation", () -> provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(arn).supportedRegions("eu-west-1")));
        refused("InvalidVpcEndpointServiceId.NotFound", () -> consumer.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(id)));

        List<UnsuccessfulItem> failed = provider.deleteVpcEndpointServiceConfigurations(r -> r.serviceIds(id, "vpce-svc-0123456789abcdef0")).unsuccessful();
        assertEquals(1, failed.size());
        assertEquals("InvalidVpcEndpointService.NotFound", failed.get(0).error().code());
        refused("InvalidVpcEndpointServiceId.NotFound", () -> describe(id));
    }

    @Test
    void onlyAllowedPrincipalsDiscoverTheServiceAndConnectToIt() {
        ServiceConfiguration svc = service(nlb("10.51"), false);
        String name = svc.serviceName();
        ConsumerVpc vpc = consumerVpc("10.61");

        assertTrue(consumer.describeVpcEndpointServices().serviceNames().stream().noneMatch(name::equals), "not listed before it is allowed");
        refused("InvalidServiceName", () -> consumer.describeVpcEndpointServices(r -> r.serviceNames(name)));
        refused("InvalidServiceName", () -> endpoint(vpc, name));
        refused("InvalidPrincipal", () -> allow(svc.serviceId(), "prin1"));

        var added = provider.modifyVpcEndpointServicePermissions(r -> r.serviceId(svc.serviceId())
                .addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root", "arn:aws:iam::" + STRANGER + ":role/deployer")).addedPrincipals();
        assertEquals(2, added.size());
        List<AllowedPrincipal> allowed = provider.describeVpcEndpointServicePermissions(r -> r.serviceId(svc.serviceId())).allowedPrincipals();
        assertEquals(List.of("Account", "Role"), allowed.stream().map(AllowedPrincipal::principalTypeAsString).sorted().toList());
        assertTrue(allowed.stream().allMatch(p -> p.servicePermissionId().matches("vpce-svc-perm-[0-9a-f]{17}")), allowed.toString());

        ServiceDetail seen = consumer.describeVpcEndpointServices(r -> r.serviceNames(name)).serviceDetails().get(0);
        assertEquals(PROVIDER, seen.owner());
        assertFalse(seen.acceptanceRequired());
        assertFalse(seen.vpcEndpointPolicySupported(), "AWS supports no endpoint policies on endpoint services");
        assertEquals(List.of("us-east-1a", "us-east-1b"), seen.availabilityZones());
        assertEquals(List.of(svc.serviceId() + ".us-east-1.vpce.amazonaws.com"), seen.baseEndpointDnsNames());
        assertTrue(consumer.describeVpcEndpointServices().serviceNames().contains(name), "listed in the full list once allowed");
        // The stranger's account root is not allowed; only one of its roles is (and this caller is its root).
        assertTrue(stranger.describeVpcEndpointServices().serviceNames().stream().noneMatch(name::equals));

        refused("InvalidParameter", () -> consumer.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName(name).subnetIds(vpc.subnetC())));
        refused("InvalidParameter", () -> consumer.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName(name).subnetIds(vpc.subnetA()).policyDocument("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}")));

        VpcEndpoint e = endpoint(vpc, name);
        assertEquals("pending", e.stateAsString(), "without acceptance the endpoint provisions at once");
        Layouts.awaitValue("endpoint", "available", () -> state(e.vpcEndpointId()));

        provider.modifyVpcEndpointServicePermissions(r -> r.serviceId(svc.serviceId()).removeAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));
        refused("InvalidServiceName", () -> consumer.describeVpcEndpointServices(r -> r.serviceNames(name)));
        assertEquals("available", state(e.vpcEndpointId()), "taking the permission away leaves existing connections, as on AWS");
    }

    @Test
    void theProviderAcceptsAndRejectsConnectionsAndALiveServiceCannotBeDeleted() throws Exception {
        ServiceConfiguration svc = service(nlb("10.52"), true);
        allow(svc.serviceId(), "*");
        ConsumerVpc vpc = consumerVpc("10.62");

        VpcEndpoint accepted = endpoint(vpc, svc.serviceName());
        VpcEndpoint rejected = endpoint(consumerVpc("10.63"), svc.serviceName());
        assertEquals("pendingAcceptance", accepted.stateAsString());
        VpcEndpointConnection waiting = connection(svc.serviceId(), accepted.vpcEndpointId());
        assertEquals("pendingAcceptance", waiting.vpcEndpointStateAsString());
        assertEquals(CONSUMER, waiting.vpcEndpointOwner());
        assertEquals(List.of(svc.networkLoadBalancerArns().get(0)), waiting.networkLoadBalancerArns());
        assertEquals("us-east-1", waiting.vpcEndpointRegion());
        assertEquals(3, waiting.dnsEntries().size(), "regional and one zonal name per zone");

        refused("DryRunOperation", () -> provider.acceptVpcEndpointConnections(r -> r.serviceId(svc.serviceId())
                .vpcEndpointIds(accepted.vpcEndpointId()).dryRun(true)));
        assertEquals("pendingAcceptance", state(accepted.vpcEndpointId()), "a DryRun accepts nothing, not even in the consumer's account");

        List<UnsuccessfulItem> none = provider.acceptVpcEndpointConnections(r -> r.serviceId(svc.serviceId()).vpcEndpointIds(accepted.vpcEndpointId()))
                .unsuccessful();
        assertTrue(none.isEmpty(), none.toString());
        Layouts.awaitValue("accepted endpoint", "available", () -> state(accepted.vpcEndpointId()));
        assertTrue(provider.rejectVpcEndpointConnections(r -> r.serviceId(svc.serviceId()).vpcEndpointIds(rejected.vpcEndpointId())).unsuccessful().isEmpty());
        assertEquals("rejected", state(rejected.vpcEndpointId()));

        List<UnsuccessfulItem> wrong = provider.acceptVpcEndpointConnections(r -> r.serviceId(svc.serviceId())
                .vpcEndpointIds(rejected.vpcEndpointId(), "vpce-0123456789abcdef0")).unsuccessful();
        assertEquals(List.of("IncorrectState", "InvalidVpcEndpoint.NotFound"), wrong.stream().map(u -> u.error().code()).sorted().toList());
        refused("InvalidVpcEndpointServiceId.NotFound", () -> consumer.acceptVpcEndpointConnections(r -> r.serviceId(svc.serviceId())
                .vpcEndpointIds(accepted.vpcEndpointId())));

        UnsuccessfulItem inUse = provider.deleteVpcEndpointServiceConfigurations(r -> r.serviceIds(svc.serviceId())).unsuccessful().get(0);
        assertEquals("ExistingVpcEndpointConnections", inUse.error().code());

        consumer.deleteVpcEndpoints(r -> r.vpcEndpointIds(accepted.vpcEndpointId()));
        Layouts.awaitValue("connection after the consumer deleted it", "deleted",
                () -> connection(svc.serviceId(), accepted.vpcEndpointId()).vpcEndpointStateAsString());
        assertTrue(provider.deleteVpcEndpointServiceConfigurations(r -> r.serviceIds(svc.serviceId())).unsuccessful().isEmpty(),
                "only deleted and rejected connections are left");
    }

    @Test
    void theOwnerAcceptsAnEndpointInItsOwnAccount() {
        ServiceConfiguration svc = service(nlb("10.55"), true);
        String vpc = providerNet.vpc("10.56.0.0/16");
        String subnet = providerNet.subnet(vpc, "10.56.1.0/24", Layouts.ZONE_A);
        String id = provider.createVpcEndpoint(r -> r.vpcId(vpc).vpcEndpointType(VpcEndpointType.INTERFACE).serviceName(svc.serviceName())
                .subnetIds(subnet)).vpcEndpoint().vpcEndpointId();
        assertEquals("pendingAcceptance", connection(svc.serviceId(), id).vpcEndpointStateAsString(), "the owner needs no permission, but accepts too");
        assertTrue(provider.acceptVpcEndpointConnections(r -> r.serviceId(svc.serviceId()).vpcEndpointIds(id)).unsuccessful().isEmpty());
        // One account: the decision is written in the request's own transaction, not lost under it.
        Layouts.awaitValue("own endpoint", "available", () -> provider.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0).stateAsString());
    }

    @Test
    void theConsumerVpcResolvesTheEndpointNamesAndTheVerifiedPrivateName() throws Exception {
        ServiceConfiguration svc = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(nlb("10.53"))
                .acceptanceRequired(false).privateDnsName("orders.example.com")).serviceConfiguration();
        Layouts.awaitValue("service", "Available", () -> describe(svc.serviceId()).serviceStateAsString());
        allow(svc.serviceId(), "arn:aws:iam::" + CONSUMER + ":root");
        ConsumerVpc vpc = consumerVpc("10.64");

        refused("InvalidParameter", () -> consumer.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName(svc.serviceName()).subnetIds(vpc.subnetA()).privateDnsEnabled(true)));
        assertEquals("pendingVerification", consumer.describeVpcEndpointServices(r -> r.serviceNames(svc.serviceName())).serviceDetails().get(0)
                .privateDnsNameVerificationState().toString());
        provider.startVpcEndpointServicePrivateDnsVerification(r -> r.serviceId(svc.serviceId()));

        VpcEndpoint e = consumer.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName(svc.serviceName()).subnetIds(vpc.subnetA(), vpc.subnetB()).privateDnsEnabled(true)).vpcEndpoint();
        Layouts.awaitValue("endpoint", "available", () -> state(e.vpcEndpointId()));
        List<String> names = e.dnsEntries().stream().map(DnsEntry::dnsName).toList();
        String suffix = "." + svc.serviceId() + ".us-east-1.vpce.amazonaws.com";
        assertTrue(names.get(0).matches(e.vpcEndpointId() + "-[a-z0-9]{8}" + java.util.regex.Pattern.quote(suffix)), names.get(0));
        assertEquals(names.get(0).replace(suffix, "-us-east-1a" + suffix), names.get(1));
        assertEquals(names.get(0).replace(suffix, "-us-east-1b" + suffix), names.get(2));
        assertEquals("orders.example.com", names.get(3));

        List<String> eniIps = consumer.describeNetworkInterfaces(r -> r.networkInterfaceIds(
                consumer.describeVpcEndpoints(d -> d.vpcEndpointIds(e.vpcEndpointId())).vpcEndpoints().get(0).networkInterfaceIds()))
                .networkInterfaces().stream().map(n -> n.privateIpAddress()).sorted().toList();
        InetSocketAddress resolver = new Admin(lv.endpoint()).resolver(vpc.vpcId());
        assertEquals(eniIps, DnsQueries.dnsjava(resolver, names.get(0), false), "the regional name: every endpoint interface");
        assertEquals(1, DnsQueries.dnsjava(resolver, names.get(1), false).size(), "a zonal name: the interface in that zone");
        assertEquals(eniIps, DnsQueries.dnsjava(resolver, "orders.example.com", false), "the verified private name, in the consumer VPC");
        InetSocketAddress providerResolver = new Admin(lv.endpoint()).resolver(provider.describeVpcs(r -> r.filters(
                Filter.builder().name("cidr-block").values("10.53.0.0/16").build())).vpcs().get(0).vpcId());
        assertEquals(org.xbill.DNS.Rcode.NXDOMAIN, DnsQueries.rcode(providerResolver, "orders.example.com"), "only the consumer VPC holds the name");
    }

    @Test
    void connectionEventsArePublishedToTheSnsTopicOfEachNotification() throws Exception {
        ServiceConfiguration svc = service(nlb("10.54"), true);
        allow(svc.serviceId(), "arn:aws:iam::" + CONSUMER + ":root");
        String topic = "arn:aws:sns:us-east-1:" + PROVIDER + ":endpoint-events";
        var n = provider.createVpcEndpointConnectionNotification(r -> r.serviceId(svc.serviceId()).connectionNotificationArn(topic)
                .connectionEvents("Connect", "Accept", "Delete")).connectionNotification();
        assertTrue(n.connectionNotificationId().matches("vpce-nfn-[0-9a-f]{17}"), n.connectionNotificationId());
        assertEquals("Enabled", n.connectionNotificationStateAsString());
        assertEquals("Topic", n.connectionNotificationTypeAsString());
        refused("InvalidParameter", () -> provider.createVpcEndpointConnectionNotification(r -> r.serviceId(svc.serviceId())
                .connectionNotificationArn("arn:aws:sqs:us-east-1:" + PROVIDER + ":q").connectionEvents("Connect")));
        refused("InvalidParameter", () -> provider.createVpcEndpointConnectionNotification(r -> r.serviceId(svc.serviceId())
                .connectionNotificationArn(topic).connectionEvents("Connected")));
        sns.clear();

        VpcEndpoint e = endpoint(consumerVpc("10.65"), svc.serviceName());
        String connect = awaitPublish(topic);
        assertTrue(connect.contains("Credential=" + PROVIDER + "/"), "signed as the notification's account: " + connect);
        assertTrue(connect.contains("/us-east-1/sns/aws4_request"), connect);
        JsonNode message = JSON.readTree(form(connect).get("Message"));
        assertEquals(e.vpcEndpointId(), message.get("endpointId").asText());
        assertEquals(svc.serviceId(), message.get("endpointServiceId").asText());
        assertEquals("pendingAcceptance", message.get("endpointState").asText());
        assertEquals(CONSUMER, message.get("awsAccountId").asText());

        sns.clear();
        provider.acceptVpcEndpointConnections(r -> r.serviceId(svc.serviceId()).vpcEndpointIds(e.vpcEndpointId()));
        assertEquals("pending", JSON.readTree(form(awaitPublish(topic)).get("Message")).get("endpointState").asText());

        provider.modifyVpcEndpointConnectionNotification(r -> r.connectionNotificationId(n.connectionNotificationId()).connectionEvents("Reject"));
        assertEquals(List.of("Reject"), provider.describeVpcEndpointConnectionNotifications(r -> r.connectionNotificationId(n.connectionNotificationId()))
                .connectionNotificationSet().get(0).connectionEvents());
        sns.clear();
        consumer.deleteVpcEndpoints(r -> r.vpcEndpointIds(e.vpcEndpointId()));

        JsonNode events = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(lv.endpoint().resolve("/_localvpc/endpoint-connection-events")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> mine = new java.util.ArrayList<>();
        for (JsonNode ev : events) if (ev.get("vpcEndpointId").asText().equals(e.vpcEndpointId())) mine.add(ev.get("event").asText());
        assertEquals(List.of("Connect", "Accept", "Delete"), mine, "every event is recorded, notified or not");
        Thread.sleep(300);
        assertTrue(sns.requests().isEmpty(), "Delete is no longer among the notification's events: " + sns.requests());

        assertTrue(provider.deleteVpcEndpointConnectionNotifications(r -> r.connectionNotificationIds(n.connectionNotificationId())).unsuccessful().isEmpty());
        assertEquals("InvalidConnectionNotification", provider.deleteVpcEndpointConnectionNotifications(r -> r.connectionNotificationIds(
                n.connectionNotificationId())).unsuccessful().get(0).error().code());
    }

    /** The first SNS Publish to {@code topic} the upstream received (waits for the publisher's thread). */
    private static String awaitPublish(String topic) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String r : sns.requests()) {
                Map<String, String> f = form(r);
                if ("Publish".equals(f.get("Action")) && topic.equals(f.get("TopicArn"))) return r;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fail("no Publish to " + topic + " arrived; requests: " + sns.requests());
    }

    /** The form parameters of a recorded request's body. */
    private static Map<String, String> form(String request) {
        String body = request.substring(request.indexOf("\r\n\r\n") + 4);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
