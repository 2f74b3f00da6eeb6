package io.localvpc.bench;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import io.localvpc.testkit.LocalVpcExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What the NLB health checks cost: one localvpc process with 1,000 ip targets (each an interface whose port 8080 is
 * published to one loopback program) in a target group checked over TCP every {@code interval} seconds, its process
 * CPU per second of wall time while checking, side by side with the same process idle (same state, no listener, so
 * nothing is checked). The program's accept thread is subtracted: it plays the targets, not localvpc.
 * Run: bench/health.sh [targets] [interval seconds] [window seconds]
 */
public final class HealthCheckCostBenchmark {
    private HealthCheckCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int interval = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        // a line per API call would be measured too: only warnings are logged
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (var h : root.getHandlers()) h.setLevel(java.util.logging.Level.WARNING);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ServerSocket program = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!program.isClosed()) {
                    try (Socket s = program.accept()) {
                        s.setSoLinger(true, 0);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "bench-target-program");
            acceptor.setDaemon(true);
            acceptor.start();
            Settings settings = Settings.defaults().withPort(0).withInMemory(true).withProxyPort(0);
            try (LocalVpc lv = LocalVpc.builder().settings(settings).start();
                 Ec2Client ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
                 ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1)
                         .httpClient(UrlConnectionHttpClient.create())
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
                String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
                String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.0.0/20").availabilityZone("us-east-1a")).subnet().subnetId();
                String group = ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc), f -> f.name("group-name").values("default")))
                        .securityGroups().get(0).groupId();
                HttpClient admin = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
                List<TargetDescription> all = new ArrayList<>();
                for (int i = 0; i < targets; i++) {
                    var eni = ec2.createNetworkInterface(r -> r.subnetId(subnet).groups(group)).networkInterface();
                    String body = "{\"target\":\"" + eni.networkInterfaceId() + "\",\"port\":\"8080\",\"hostPort\":\"127.0.0.1:" + program.getLocalPort() + "\"}";
                    HttpResponse<String> published = admin.send(HttpRequest.newBuilder(lv.endpoint().resolve("/_localvpc/published"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (published.statusCode() != 200) throw new IllegalStateException(published.body());
                    all.add(TargetDescription.builder().id(eni.privateIpAddress()).build());
                }
                // the default group admits its own members: the NLB's nodes, in it, reach every target
                String lb = elb.createLoadBalancer(r -> r.name("bench").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                        .subnets(subnet).securityGroups(group)).loadBalancers().get(0).loadBalancerArn();
                String tg = elb.createTargetGroup(r -> r.name("bench").protocol(ProtocolEnum.TCP).port(8080).vpcId(vpc).targetType(TargetTypeEnum.IP)
                        .healthCheckIntervalSeconds(interval).healthCheckTimeoutSeconds(Math.min(5, interval)).healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
                for (int i = 0; i < all.size(); i += 100) {
                    List<TargetDescription> batch = all.subList(i, Math.min(all.size(), i + 100));
                    elb.registerTargets(r -> r.targetGroupArn(tg).targets(batch));
                }
                System.gc();
                Thread.sleep(5_000);
                double idle = cpuPerSecond(os, threads, acceptor.getId(), window);
                long checksBefore = lv.dataPlane().healthChecks().checks();
                elb.createListener(r -> r.loadBalancerArn(lb).protocol(ProtocolEnum.TCP).port(80)
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
                Thread.sleep(Math.max(15, 2 * interval) * 1000L); // the load balancer becomes active, the first checks spread out
                long checksAtStart = lv.dataPlane().healthChecks().checks();
                double checking = cpuPerSecond(os, threads, acceptor.getId(), window);
                long checks = lv.dataPlane().healthChecks().checks() - checksAtStart;
                var states = elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
                        .collect(java.util.stream.Collectors.groupingBy(d -> d.targetHealth().stateAsString()
                                + (d.targetHealth().reason() == null ? "" : " " + d.targetHealth().reasonAsString()), java.util.TreeMap::new,
                                java.util.stream.Collectors.counting()));
                long healthy = states.getOrDefault("healthy", 0L);
                System.out.printf("targets %d, interval %d s, windows of %d s%n", targets, interval, window);
                System.out.printf("idle (no listener; checks started before the listener: %d): %.1f ms CPU per s%n", checksBefore, idle);
                System.out.printf("checking: %.1f ms CPU per s, %.1f checks/s, %.3f ms CPU per check (idle subtracted), %d of %d healthy%n",
                        checking, checks / (double) window, (checking - idle) * window / Math.max(1, checks), healthy, targets);
                System.out.printf("ratio checking / idle: %.1f%n", checking / Math.max(0.01, idle));
                System.out.println("target health at the end: " + states);
                elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
                        .filter(d -> !d.targetHealth().stateAsString().equals("healthy")).map(d -> d.targetHealth().description()).distinct().limit(3)
                        .forEach(d -> System.out.println("  not healthy: " + d));
            }
        }
    }

    /** Process CPU milliseconds per second of wall time over {@code seconds}, without the target program's thread. */
    private static double cpuPerSecond(com.sun.management.OperatingSystemMXBean os, ThreadMXBean threads, long programThread, int seconds)
            throws InterruptedException {
        long cpu0 = os.getProcessCpuTime() - threads.getThreadCpuTime(programThread);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long cpu1 = os.getProcessCpuTime() - threads.getThreadCpuTime(programThread);
        long t1 = System.nanoTime();
        return (cpu1 - cpu0) / 1e6 / ((t1 - t0) / 1e9);
    }
}
