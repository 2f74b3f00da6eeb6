package io.localvpc.bench.net;

import io.localvpc.core.state.Scope;
import io.localvpc.server.LocalVpc;
import io.localvpc.testkit.LocalVpcExtension;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Small requests to one program over four paths in one run: straight to it, through HAProxy in TCP mode, through a
 * Network Load Balancer in the client's VPC, and from a consumer account's instance through its interface endpoint,
 * across PrivateLink, through the provider's Network Load Balancer to the provider's instance that the program plays.
 * Two measures per path: 64-byte round trips on one open connection (p50/p99), and one new connection per request
 * (connect, 64 bytes each way, close) from 4 client threads (requests/s, p50/p99): on the localvpc paths each new
 * connection is one path decision. Prints Markdown rows for BENCHMARKS.md.
 *
 * <p>localvpc runs in this process; the world is made through its APIs as users make it (EC2 in two accounts, ELBv2
 * in the provider's), and the target is healthy by the real health checks before anything is measured.
 * Run: bench/privatelink.sh
 */
public final class PrivateLinkBenchmark {
    private static final int TARGET_PORT = 8080;
    private static final int LISTENER_PORT = 80;
    private static final int THREADS = 4;
    private static final int REQUESTS_PER_THREAD = 2_500;

    private PrivateLinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (Sink sink = new Sink(); TcpPathBenchmark.HaProxy haproxy = TcpPathBenchmark.HaProxy.start(sink.port());
             LocalVpc lv = LocalVpc.builder().inMemory().port(0).start()) {
            World w = World.build(lv, sink.port());
            List<Paths.Route> routes = new ArrayList<>(List.of(Paths.Route.direct(sink.port())));
            if (haproxy != null) routes.add(Paths.Route.haproxy(haproxy.port));
            int proxy = lv.proxyAddress().getPort();
            routes.add(new Paths.Route("localvpc, instance → NLB → target", proxy, w.providerClient, w.nodeAddress, LISTENER_PORT));
            routes.add(new Paths.Route("localvpc, consumer → interface endpoint → PrivateLink → NLB → target", proxy, w.consumerClient,
                    w.endpointAddress, LISTENER_PORT));
            System.out.println("| path | 64 B round trip on one connection p50 / p99 | new connection per request (4 threads): requests/s, p50 / p99 |");
            System.out.println("| --- | --- | --- |");
            double[] rps = new double[routes.size()];
            for (int r = 0; r < routes.size(); r++) {
                Paths.Route route = routes.get(r);
                TcpPathBenchmark.latency(route); // warm-up
                Histogram open = TcpPathBenchmark.latency(route);
                Histogram perRequest = new Histogram(60_000_000_000L, 3);
                connectionPerRequest(route, 500, perRequest); // warm-up
                perRequest.reset();
                long start = System.nanoTime();
                connectionPerRequest(route, REQUESTS_PER_THREAD, perRequest);
                rps[r] = THREADS * REQUESTS_PER_THREAD / ((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "| %s | %.0f / %.0f µs | %.0f req/s, %.0f / %.0f µs |%n", route.label(),
                        open.getValueAtPercentile(50) / 1000.0, open.getValueAtPercentile(99) / 1000.0, rps[r],
                        perRequest.getValueAtPercentile(50) / 1000.0, perRequest.getValueAtPercentile(99) / 1000.0);
            }
            if (haproxy != null) {
                System.out.printf(Locale.ROOT, "%nrequests/s ratio to HAProxy: instance → NLB %.2f, across PrivateLink %.2f; to direct: %.2f, %.2f%n",
                        rps[2] / rps[1], rps[3] / rps[1], rps[2] / rps[0], rps[3] / rps[0]);
            }
        }
    }

    /** {@code THREADS} clients, each opening {@code n} connections in turn: 'E', 64 bytes out and back, close. */
    private static void connectionPerRequest(Paths.Route route, int n, Histogram into) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Histogram>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    Histogram h = new Histogram(60_000_000_000L, 3);
                    byte[] msg = new byte[64];
                    for (int i = 0; i < n; i++) {
                        long t0 = System.nanoTime();
                        try (Socket s = route.open()) {
                            s.setSoLinger(true, 0); // no TIME_WAIT pile-up over tens of thousands of connections
                            OutputStream out = s.getOutputStream();
                            out.write('E');
                            out.write(msg);
                            out.flush();
                            new DataInputStream(s.getInputStream()).readFully(msg);
                        }
                        h.recordValue(System.nanoTime() - t0);
                    }
                    return h;
                }));
            }
            for (Future<Histogram> f : done) into.add(f.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A provider account (111111111111) whose instance the sink plays on port 8080, behind an NLB and an endpoint
     * service; a client instance in the provider's VPC; a consumer account (222222222222) with an instance and an
     * interface endpoint to the service.
     */
    private record World(String providerClient, String nodeAddress, String consumerClient, String endpointAddress) {
        static World build(LocalVpc lv, int sinkPort) throws InterruptedException {
            Scope provider = new Scope("111111111111", "us-east-1");
            Scope consumer = new Scope("222222222222", "us-east-1");
            java.net.URI api = lv.endpoint();
            try (Ec2Client p = LocalVpcExtension.ec2(api, provider.account(), Region.US_EAST_1);
                 Ec2Client c = LocalVpcExtension.ec2(api, consumer.account(), Region.US_EAST_1)) {
                String pVpc = p.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
                String pSubnet = p.createSubnet(r -> r.vpcId(pVpc).cidrBlock("10.1.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
                String web = p.createSecurityGroup(r -> r.vpcId(pVpc).groupName("web").description("web")).groupId();
                p.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(x -> x.ipProtocol("tcp").fromPort(TARGET_PORT).toPort(TARGET_PORT)
                        .ipRanges(ip -> ip.cidrIp("10.1.0.0/16"))));
                String server = p.runInstances(r -> r.imageId("ami-12345678").subnetId(pSubnet).securityGroupIds(web).minCount(1).maxCount(1))
                        .instances().get(0).instanceId();
                String pClient = p.runInstances(r -> r.imageId("ami-12345678").subnetId(pSubnet).minCount(1).maxCount(1)).instances().get(0).instanceId();
                String cVpc = c.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
                String cSubnet = c.createSubnet(r -> r.vpcId(cVpc).cidrBlock("10.2.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
                String endpointGroup = c.createSecurityGroup(r -> r.vpcId(cVpc).groupName("endpoint").description("endpoint")).groupId();
                c.authorizeSecurityGroupIngress(r -> r.groupId(endpointGroup).ipPermissions(x -> x.ipProtocol("tcp").fromPort(LISTENER_PORT)
                        .toPort(LISTENER_PORT).ipRanges(ip -> ip.cidrIp("10.2.0.0/16"))));
                String cClient = c.runInstances(r -> r.imageId("ami-12345678").subnetId(cSubnet).minCount(1).maxCount(1)).instances().get(0).instanceId();
                for (String[] i : new String[][]{{provider.account(), server}, {provider.account(), pClient}, {consumer.account(), cClient}}) {
                    Ec2Client ec2 = i[0].equals(provider.account()) ? p : c;
                    while (!ec2.describeInstances(r -> r.instanceIds(i[1])).reservations().get(0).instances().get(0).state().nameAsString().equals("running")) {
                        Thread.sleep(50);
                    }
                }
                lv.dataPlane().published().publish(server, String.valueOf(TARGET_PORT), "127.0.0.1:" + sinkPort);

                // the provider's NLB, target group, listener and endpoint service, made as a provider makes them
                String nodeAddress;
                String serviceName;
                try (ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().endpointOverride(api).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(provider.account(), "test"))).build()) {
                    String lbArn = elb.createLoadBalancer(r -> r.name("bench").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                            .subnets(pSubnet)).loadBalancers().get(0).loadBalancerArn();
                    String tgArn = elb.createTargetGroup(r -> r.name("bench").protocol(ProtocolEnum.TCP).port(TARGET_PORT).vpcId(pVpc)
                            .targetType(TargetTypeEnum.INSTANCE).healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)
                            .healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
                    elb.registerTargets(r -> r.targetGroupArn(tgArn).targets(t -> t.id(server).port(TARGET_PORT)));
                    elb.createListener(r -> r.loadBalancerArn(lbArn).protocol(ProtocolEnum.TCP).port(LISTENER_PORT)
                            .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tgArn)));
                    // the health checker checks the target (the sink accepts the checks' connections): wait until it is healthy
                    for (int i = 0; i < 600 && !elb.describeTargetHealth(r -> r.targetGroupArn(tgArn)).targetHealthDescriptions().get(0)
                            .targetHealth().state().equals(TargetHealthStateEnum.HEALTHY); i++) {
                        Thread.sleep(100);
                    }
                    nodeAddress = p.describeNetworkInterfaces(r -> r.filters(f -> f.name("vpc-id").values(pVpc))).networkInterfaces().stream()
                            .filter(n -> n.interfaceTypeAsString().equals("network_load_balancer")).findFirst().orElseThrow().privateIpAddress();
                    String serviceId = p.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(lbArn).acceptanceRequired(false))
                            .serviceConfiguration().serviceId();
                    p.modifyVpcEndpointServicePermissions(r -> r.serviceId(serviceId).addAllowedPrincipals("arn:aws:iam::" + consumer.account() + ":root"));
                    while (!p.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0)
                            .serviceStateAsString().equals("Available")) {
                        Thread.sleep(50);
                    }
                    serviceName = p.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0).serviceName();
                }
                // the consumer's interface endpoint to it
                VpcEndpoint endpoint = c.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(cVpc).serviceName(serviceName)
                        .subnetIds(cSubnet).securityGroupIds(endpointGroup)).vpcEndpoint();
                while (!c.describeVpcEndpoints(r -> r.vpcEndpointIds(endpoint.vpcEndpointId())).vpcEndpoints().get(0).stateAsString().equals("available")) {
                    Thread.sleep(50);
                }
                String endpointAddress = c.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.networkInterfaceIds())).networkInterfaces()
                        .get(0).privateIpAddress();
                return new World(pClient, nodeAddress, cClient, endpointAddress);
            }
        }
    }
}
