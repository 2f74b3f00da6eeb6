package io.localvpc.bench;

import io.localvpc.testkit.LocalVpcExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SNIHostName;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * localvpc in a JVM of its own, with a private VPC whose route table has a DynamoDB gateway endpoint (its policy allows
 * DynamoDB on the benchmark's table only, so every request is judged) and a running instance: connections are opened
 * as a program on that instance opens them, {@code CONNECT dynamodb.us-east-1.amazonaws.com:443} through the workload
 * proxy as the instance, then TLS trusting localvpc's CA.
 */
final class DynamoDbEndpointTarget implements AutoCloseable {
    static final String HOST = "dynamodb.us-east-1.amazonaws.com";

    private final LaunchedServer server;
    private final int proxyPort;
    private final String instance;
    private final SSLContext tls;

    private DynamoDbEndpointTarget(LaunchedServer server, int proxyPort, String instance, SSLContext tls) {
        this.server = server;
        this.proxyPort = proxyPort;
        this.instance = instance;
        this.tls = tls;
    }

    static DynamoDbEndpointTarget start(List<String> command) throws Exception {
        LaunchedServer server = LaunchedServer.start(command);
        try {
            URI api = URI.create("http://127.0.0.1:" + server.port);
            String instance;
            try (Ec2Client ec2 = LocalVpcExtension.ec2(api, "test", Region.US_EAST_1)) {
                String vpc = ec2.createVpc(c -> c.cidrBlock("10.0.0.0/16")).vpc().vpcId();
                String subnet = ec2.createSubnet(c -> c.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
                String rtb = ec2.describeRouteTables(c -> c.filters(f -> f.name("vpc-id").values(vpc))).routeTables().get(0).routeTableId();
                ec2.createVpcEndpoint(c -> c.vpcId(vpc).serviceName("com.amazonaws.us-east-1.dynamodb").routeTableIds(rtb)
                        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:*\","
                                + "\"Resource\":\"arn:aws:dynamodb:us-east-1:000000000000:table/Bench\"}]}"));
                instance = ec2.runInstances(c -> c.imageId("ami-12345678").subnetId(subnet).minCount(1).maxCount(1)).instances().get(0).instanceId();
                while (!ec2.describeInstances(c -> c.instanceIds(instance)).reservations().get(0).instances().get(0).state().nameAsString()
                        .equals("running")) {
                    Thread.sleep(100);
                }
            }
            return new DynamoDbEndpointTarget(server, server.proxyPort(), instance, GatewayWorld.trusting(server.get("/_localvpc/ca.pem")));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    long pid() {
        return server.process.pid();
    }

    /** A TLS connection to DynamoDB's name through the proxy, as the instance. */
    Socket connect() throws IOException {
        Socket raw = new Socket("127.0.0.1", proxyPort);
        try {
            raw.setTcpNoDelay(true);
            String auth = Base64.getEncoder().encodeToString((instance + ":x").getBytes(StandardCharsets.US_ASCII));
            raw.getOutputStream().write(("CONNECT " + HOST + ":443 HTTP/1.1\r\nHost: " + HOST + ":443\r\nProxy-Authorization: Basic " + auth
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            raw.getOutputStream().flush();
            InputStream in = raw.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read(); // byte by byte: nothing of the TLS stream that follows may be read here
                if (b < 0) throw new IOException("the proxy closed the connection: " + head);
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 200")) throw new IOException("the proxy refused: " + head);
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, HOST, 443, true);
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(HOST)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(params);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
