package io.localvpc.testkit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Network Load Balancers, target groups and listeners made through the ELBv2 API, as the tests of the path through them
 * need them: one account's client, a load balancer waited for until it is active, groups whose health checks run every
 * 5 s with thresholds of 2 (so a target turns healthy or unhealthy within about 10 s), and the nodes' addresses by subnet.
 */
final class NlbSetup {
    /** A load balancer: its ARN, name, DNS name, and each node's address and interface by subnet. */
    record Nlb(String arn, String name, String dnsName, Map<String, String> addressBySubnet, Map<String, String> interfaceBySubnet) {
        String address(String subnetId) {
            return addressBySubnet.get(subnetId);
        }

        /** {@code net/<name>/<id>}, as refusals name it. */
        String shortName() {
            return arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        }
    }

    final ElasticLoadBalancingV2Client elb;
    private final Ec2Client ec2;
    private final String account;

    NlbSetup(URI endpoint, String account) {
        this.account = account;
        this.ec2 = LocalVpcExtension.ec2(endpoint, account, Region.US_EAST_1);
        this.elb = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, LocalVpcExtension.SECRET))).build();
    }

    /** An internal NLB with a node in each subnet, active; {@code attributes} set by ModifyLoadBalancerAttributes. */
    Nlb nlb(String name, Map<String, String> attributes, String... subnetIds) {
        var lb = elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnetIds)).loadBalancers().get(0);
        if (!attributes.isEmpty()) {
            elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
                    .attributes(attributes.entrySet().stream().map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute
                            .builder().key(e.getKey()).value(e.getValue()).build()).toList()));
        }
        Layouts.awaitValue("state of " + name, "active", () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(lb.loadBalancerArn()))
                .loadBalancers().get(0).state().codeAsString());
        Map<String, String> addresses = new LinkedHashMap<>();
        Map<String, String> interfaces = new LinkedHashMap<>();
        for (AvailabilityZone z : lb.availabilityZones()) {
            String address = z.loadBalancerAddresses().get(0).privateIPv4Address();
            addresses.put(z.subnetId(), address);
            interfaces.put(z.subnetId(), ec2.describeNetworkInterfaces(r -> r.filters(f -> f.name("addresses.private-ip-address").values(address),
                    f -> f.name("subnet-id").values(z.subnetId()))).networkInterfaces().get(0).networkInterfaceId());
        }
        return new Nlb(lb.loadBalancerArn(), name, lb.dnsName(), addresses, interfaces);
    }

    /** A group of {@code targetProtocol} on {@code port} with the instances registered, and a listener forwarding to it; the group's ARN. */
    String forward(Nlb lb, String listenerProtocol, int listenerPort, String targetProtocol, int port, String... instanceIds) {
        String name = lb.name() + "-" + listenerPort;
        String tg = elb.createTargetGroup(r -> r.name(name).protocol(targetProtocol).port(port).vpcId(vpcOf(lb))
                .healthCheckProtocol(ProtocolEnum.TCP).healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)
                .healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
        for (String i : instanceIds) elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(i)));
        elb.createListener(r -> {
            r.loadBalancerArn(lb.arn()).protocol(listenerProtocol).port(listenerPort).defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg));
            if ("TLS".equals(listenerProtocol)) r.certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:" + account + ":certificate/0f3c1e4a-8a52-4d7e-9d3b-5f1c2a7e9b01"));
        });
        return tg;
    }

    private String vpcOf(Nlb lb) {
        return elb.describeLoadBalancers(r -> r.loadBalancerArns(lb.arn())).loadBalancers().get(0).vpcId();
    }

    Supplier<TargetHealth> health(String groupArn, String instanceId) {
        return () -> elb.describeTargetHealth(r -> r.targetGroupArn(groupArn)).targetHealthDescriptions().stream()
                .filter(d -> d.target().id().equals(instanceId)).findFirst().orElseThrow().targetHealth();
    }

    void awaitHealthy(String groupArn, String... instanceIds) {
        for (String i : instanceIds) Elbv2Clients.awaitHealth(i + " in " + groupArn, "healthy", 40, health(groupArn, i));
    }
}
