package io.localvpc.bench.s3;

import io.localvpc.bench.GatewayWorld;
import io.localvpc.server.LocalVpc;
import io.localvpc.testkit.LocalVpcExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.util.Locale;

/**
 * S3 PUT and GET through the whole data path (workload proxy, path engine, gateway endpoint, TLS with
 * localvpc's CA, request classification and policy evaluation, then the embedded S3) side by side with
 * the same SDK client talking straight to the embedded S3. Prints Markdown rows.
 * Run: bench/s3.sh [rounds]
 */
public final class S3PathBenchmark {
    /** Both clients send plain payloads, so the comparison is of the same requests. */
    private static final S3Configuration SAME_SETTINGS = GatewayWorld.PLAIN_PAYLOADS;
    /** The measured requests of a row are taken in this many slices, alternating between the two paths. */
    private static final int SLICES = 10;

    private S3PathBenchmark() {
    }

    /**
     * @param args optionally the number of rounds (default 1): each round measures every row again in the same
     *             process
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        try (LocalVpc vpc = LocalVpc.builder().port(0).inMemory().start();
             Ec2Client ec2 = LocalVpcExtension.ec2(vpc.endpoint(), "test", Region.US_EAST_1)) {
            String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
            String rtb = ec2.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpcId))).routeTables().get(0).routeTableId();
            ec2.createVpcEndpoint(r -> r.vpcId(vpcId).serviceName("com.amazonaws.us-east-1.s3").routeTableIds(rtb));
            String instance = ec2.runInstances(r -> r.imageId("ami-12345678").subnetId(subnet).minCount(1).maxCount(1)).instances().get(0).instanceId();
            while (!ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0).state().nameAsString().equals("running")) {
                Thread.sleep(100);
            }
            String caPem = vpc.dataPlane().ca().certificatePem();
            URI s3Direct = vpc.dataPlane().embeddedS3Endpoint();
            try (S3Client through = throughEndpoint(vpc, instance, caPem); S3Client direct = direct(s3Direct)) {
                through.createBucket(r -> r.bucket("bench"));
                for (int round = 1; round <= rounds; round++) {
                    if (rounds > 1) System.out.println("round " + round + " of " + rounds + ":");
                    System.out.println("| operation | through the endpoint | direct to the embedded S3 | ratio |");
                    System.out.println("| --- | --- | --- | --- |");
                    compare("PUT 4 KiB", through, direct, 4 * 1024, 2000, true);
                    compare("GET 4 KiB", through, direct, 4 * 1024, 2000, false);
                    compare("PUT 8 MiB", through, direct, 8 * 1024 * 1024, 40, true);
                    compare("GET 8 MiB", through, direct, 8 * 1024 * 1024, 40, false);
                    tlsCeiling(vpc, caPem, 8 * 1024 * 1024, 40);
                }
            }
        }
    }

    /**
     * One row: a warm-up of {@code count} requests a side (unmeasured; the first row's warm-up also compiles the code
     * both paths share), then {@code count} requests a side measured in {@link #SLICES} alternating slices, so the
     * JIT's progress and the machine's other load fall on both paths alike.
     */
    /**
     * The same GETs from a server that answers every request with the object, over TLS with the front's engine and
     * over plain HTTP, read by the same client: what TLS alone costs this client, the best ratio a TLS path can have.
     */
    private static void tlsCeiling(LocalVpc vpc, String caPem, int size, int count) throws Exception {
        byte[] data = new byte[size];
        io.netty.handler.ssl.SslContext tls = io.localvpc.dataplane.tls.SniContexts.standalone(vpc.dataPlane().ca().leafFor("localhost"));
        try (FixedObjectServer overTls = new FixedObjectServer(data, tls); FixedObjectServer plain = new FixedObjectServer(data, null);
             S3Client tlsClient = trustingClient(overTls.endpoint(), caPem); S3Client plainClient = direct(plain.endpoint())) {
            timeSides("GET 8 MiB of a fixed answer, TLS against plain HTTP (the ceiling)", tlsClient, plainClient, data, "k", size, count, false);
        }
    }

    private static S3Client trustingClient(URI endpoint, String caPem) throws Exception {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .serviceConfiguration(SAME_SETTINGS).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.builder().tlsTrustManagersProvider(GatewayWorld.trustingOnly(caPem)).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "x"))).build();
    }

    private static void compare(String what, S3Client through, S3Client direct, int size, int count, boolean put) {
        byte[] data = new byte[size];
        String key = "k-" + size;
        through.putObject(r -> r.bucket("bench").key(key), RequestBody.fromBytes(data));
        timeSides(what, through, direct, data, key, size, count, put);
    }

    private static void timeSides(String what, S3Client through, S3Client direct, byte[] data, String key, int size, int count, boolean put) {
        run(through, data, key, count, put);
        run(direct, data, key, count, put);
        long throughNanos = 0;
        long directNanos = 0;
        for (int slice = 0; slice < SLICES; slice++) {
            throughNanos += run(through, data, key, count / SLICES, put);
            directNanos += run(direct, data, key, count / SLICES, put);
        }
        double a = (count / SLICES) * SLICES / (throughNanos / 1e9);
        double b = (count / SLICES) * SLICES / (directNanos / 1e9);
        String unit = size >= 1024 * 1024 ? "MiB/s" : "ops/s";
        double av = size >= 1024 * 1024 ? a * size / 1048576.0 : a;
        double bv = size >= 1024 * 1024 ? b * size / 1048576.0 : b;
        System.out.printf(Locale.ROOT, "| %s (%d requests, 1 client) | %.0f %s | %.0f %s | %.2f |%n", what, count, av, unit, bv, unit, a / b);
    }

    /** Nanoseconds taken by {@code count} sequential PUTs or GETs of one key. */
    private static long run(S3Client s3, byte[] data, String key, int count, boolean put) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (put) s3.putObject(r -> r.bucket("bench").key(key), RequestBody.fromBytes(data));
            else s3.getObjectAsBytes(r -> r.bucket("bench").key(key));
        }
        return System.nanoTime() - start;
    }

    private static S3Client throughEndpoint(LocalVpc vpc, String instance, String caPem) throws Exception {
        return GatewayWorld.s3ThroughProxy(vpc.proxyAddress().getPort(), instance, caPem);
    }

    private static S3Client direct(URI endpoint) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .serviceConfiguration(SAME_SETTINGS).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.builder().build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "x"))).build();
    }
}
