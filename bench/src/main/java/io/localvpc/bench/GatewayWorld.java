package io.localvpc.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** The world the end-to-end benchmarks run in: an instance whose VPC reaches S3 through a gateway endpoint. */
public final class GatewayWorld {
    private GatewayWorld() {
    }

    /** A private VPC whose route table has an S3 gateway endpoint, and a running instance in it; returns the instance. */
    public static String s3GatewayInstance(Ec2Client ec2) throws InterruptedException {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String rtb = ec2.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpc))).routeTables().get(0).routeTableId();
        ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName("com.amazonaws.us-east-1.s3").routeTableIds(rtb));
        String instance = ec2.runInstances(r -> r.imageId("ami-12345678").subnetId(subnet).minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        while (!ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0)
                .state().nameAsString().equals("running")) {
            Thread.sleep(100);
        }
        return instance;
    }

    /**
     * An S3 client as a program on {@code instance} builds one: the AWS SDK (Apache HTTP client) through the workload
     * proxy as an HTTP proxy, trusting localvpc's CA, path style, plain payloads (no aws-chunked signing).
     */
    public static S3Client s3ThroughProxy(int proxyPort, String instance, String caPem) throws Exception {
        SdkHttpClient http = ApacheHttpClient.builder()
                .proxyConfiguration(ProxyConfiguration.builder().endpoint(URI.create("http://127.0.0.1:" + proxyPort))
                        .username(instance).password("x").useSystemPropertyValues(false).useEnvironmentVariableValues(false).build())
                .tlsTrustManagersProvider(trustingOnly(caPem))
                .build();
        return S3Client.builder().region(Region.US_EAST_1).httpClient(http).forcePathStyle(true)
                .serviceConfiguration(PLAIN_PAYLOADS).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "x"))).build();
    }

    /** The SDK's trust managers for localvpc's CA alone. */
    public static TlsTrustManagersProvider trustingOnly(String caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localvpc", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf::getTrustManagers;
    }

    /**
     * Over plain HTTP the SDK would otherwise switch to aws-chunked signing, which the embedded S3 (no signature
     * checks) does not decode; the benchmarks send the same plain requests every way.
     */
    public static final S3Configuration PLAIN_PAYLOADS = S3Configuration.builder().chunkedEncodingEnabled(false).build();

    /** TLS that trusts localvpc's CA only (what {@code localvpc exec} gives a program). */
    public static SSLContext trusting(String caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("localvpc", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }
}
