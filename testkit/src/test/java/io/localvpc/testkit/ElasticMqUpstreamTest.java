package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import io.localvpc.server.Settings;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQS played by a real third-party emulator, ElasticMQ (in this JVM, on an ephemeral loopback port), as the one
 * upstream of every service localvpc does not play itself ({@code --upstream '*=…'}). Debian's AWS CLI and boto3
 * run inside an instance of a private subnet and reach SQS through an interface endpoint whose policy allows only
 * the {@code orders-*} queues: what the policy allows reaches ElasticMQ, what it refuses never does. SQS's legacy
 * name {@code queue.amazonaws.com}, which an interface endpoint's private DNS does not cover, is refused with the
 * reason without a NAT path and works over the public path with one.
 */
class ElasticMqUpstreamTest {
    private static final String DEBIAN_AWS = "/usr/bin/aws";
    private static final String DEBIAN_PYTHON = "/usr/bin/python3";
    private static final String SQS = "com.amazonaws.us-east-1.sqs";
    private static SQSRestServer elasticMq;
    private static URI elasticMqUrl;
    private static LocalVpc lv;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSAccountId("000000000000")
                .withAWSRegion("us-east-1").start();
        elasticMqUrl = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
        lv = LocalVpc.builder().settings(Settings.defaults().withPort(0).withInMemory(true).withUpstreams(Map.of("*", elasticMqUrl))).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
        if (elasticMq != null) elasticMq.stopAndWait();
    }

    /** The queues ElasticMQ holds, asked of it directly (not through localvpc). */
    private static String queuesInElasticMq() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(elasticMqUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&Version=2012-11-05")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String sqsEndpoint(Layouts net, String vpcId, String subnetId, String policy) {
        String id = ec2.createVpcEndpoint(r -> {
            r.vpcId(vpcId).serviceName(SQS).vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(subnetId).privateDnsEnabled(true);
            if (policy != null) r.policyDocument(policy);
        }).vpcEndpoint().vpcEndpointId();
        Layouts.awaitValue("endpoint " + id + " state", "available", () -> net.describeEndpoint(id).stateAsString());
        return id;
    }

    private static InstanceExec.Result aws(String instance, Path work, String... args) throws Exception {
        String[] program = new String[args.length + 1];
        program[0] = DEBIAN_AWS;
        System.arraycopy(args, 0, program, 1, args.length);
        return InstanceExec.run(lv.endpoint(), instance, work, program);
    }

    @Test
    void theAwsCliAndBoto3ReachElasticMqThroughAnInterfaceEndpointAsItsPolicyAllows(@TempDir Path work) throws Exception {
        RequiredTools.require(DEBIAN_AWS, "awscli", "--version");
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.83");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":[\"sqs:CreateQueue\",\"sqs:GetQueueUrl\",\"sqs:SendMessage\",\"sqs:ReceiveMessage\"],"
                + "\"Resource\":\"arn:aws:sqs:us-east-1:000000000000:orders-*\"}]}";
        String vpce = sqsEndpoint(net, vpc.vpcId(), vpc.subnetA(), policy);
        Admin.Trace trace = new Admin(lv.endpoint()).trace(vpc.instanceA(), "sqs.us-east-1.amazonaws.com", 443);
        assertEquals(List.of(vpce), trace.resources("ENDPOINT"), trace.text());

        InstanceExec.Result created = aws(vpc.instanceA(), work, "sqs", "create-queue", "--queue-name", "orders-cli", "--output", "text");
        assertEquals(0, created.exit(), created.both());
        String queueUrl = created.stdout().trim();
        assertTrue(queueUrl.endsWith("/orders-cli"), created.both());
        InstanceExec.Result sent = aws(vpc.instanceA(), work, "sqs", "send-message", "--queue-url", queueUrl, "--message-body", "parcel-17");
        assertEquals(0, sent.exit(), sent.both());
        InstanceExec.Result received = aws(vpc.instanceA(), work, "sqs", "receive-message", "--queue-url", queueUrl);
        assertEquals(0, received.exit(), received.both());
        assertTrue(received.stdout().contains("parcel-17"), received.both());

        InstanceExec.Result refused = aws(vpc.instanceA(), work, "sqs", "create-queue", "--queue-name", "audit-cli");
        assertNotEquals(0, refused.exit(), refused.both());
        assertTrue(refused.stderr().contains("AccessDenied") && refused.stderr().contains("sqs:CreateQueue")
                && refused.stderr().contains("arn:aws:sqs:us-east-1:000000000000:audit-cli")
                && refused.stderr().contains("no VPC endpoint policy allows"), refused.both());
        InstanceExec.Result purge = aws(vpc.instanceA(), work, "sqs", "purge-queue", "--queue-url", queueUrl);
        assertNotEquals(0, purge.exit(), "sqs:PurgeQueue is not in the policy: " + purge.both());
        assertTrue(purge.stderr().contains("sqs:PurgeQueue"), purge.both());

        RequiredTools.require(DEBIAN_PYTHON, "python3-boto3", "-c", "import boto3");
        String script = String.join("\n",
                "import boto3, botocore.exceptions",
                "sqs = boto3.client('sqs', region_name='us-east-1')",
                "url = sqs.create_queue(QueueName='orders-py')['QueueUrl']",
                "sqs.send_message(QueueUrl=url, MessageBody='parcel-42')",
                "print('received', sqs.receive_message(QueueUrl=url)['Messages'][0]['Body'])",
                "try:",
                "    sqs.create_queue(QueueName='audit-py')",
                "    print('created audit-py')",
                "except botocore.exceptions.ClientError as e:",
                "    print('refused', e.response['Error']['Code'], e.response['Error']['Message'])");
        InstanceExec.Result py = InstanceExec.run(lv.endpoint(), vpc.instanceB(), work, DEBIAN_PYTHON, "-c", script);
        assertEquals(0, py.exit(), py.both());
        assertTrue(py.stdout().contains("received parcel-42"), py.both());
        assertTrue(py.stdout().contains("refused AccessDenied User: arn:aws:iam::000000000000:root is not authorized to perform: "
                + "sqs:CreateQueue on resource: arn:aws:sqs:us-east-1:000000000000:audit-py"), py.both());

        String queues = queuesInElasticMq();
        assertTrue(queues.contains("orders-cli") && queues.contains("orders-py"), queues);
        assertFalse(queues.contains("audit-"), "refused calls never reach ElasticMQ: " + queues);
    }

    @Test
    void sqsLegacyNameIsNotCoveredByTheEndpointsPrivateDnsAndNeedsANatPath(@TempDir Path work) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.84");
        String vpce = sqsEndpoint(net, vpc.vpcId(), vpc.subnetA(), null);
        Admin admin = new Admin(lv.endpoint());
        String why = "queue.amazonaws.com is SQS's legacy public name (" + SQS + "); the private DNS of " + vpce
                + " covers sqs.us-east-1.amazonaws.com; no route to the public address ";

        Admin.Trace trap = admin.trace(vpc.instanceA(), "queue.amazonaws.com", 443);
        assertFalse(trap.delivered(), trap.text());
        assertTrue(trap.summary().startsWith(why) && trap.summary().endsWith(" in " + vpc.routeTableId()), trap.text());
        Workload w = new Workload(vpc.instanceA(), lv.proxyAddress(), admin.caPem());
        Workload.ProxyReply reply = w.connect("queue.amazonaws.com", 443);
        assertNotEquals(200, reply.status());
        assertNotNull(reply.refusal(), reply.toString());
        assertTrue(reply.refusal().startsWith(why), reply.refusal());
        // The regional name is the endpoint's, from the same instance.
        assertEquals(List.of(vpce), admin.trace(vpc.instanceA(), "sqs.us-east-1.amazonaws.com", 443).resources("ENDPOINT"));

        RequiredTools.require(DEBIAN_AWS, "awscli", "--version");
        InstanceExec.Result legacy = aws(vpc.instanceA(), work, "--endpoint-url", "https://queue.amazonaws.com", "sqs", "list-queues");
        assertNotEquals(0, legacy.exit(), legacy.both());

        // A NAT path: the legacy name reaches SQS over the public path (no endpoint, so no endpoint policy).
        String publicSubnet = net.subnet(vpc.vpcId(), "10.84.9.0/24", Layouts.ZONE_A);
        String publicTable = net.routeTable(vpc.vpcId(), publicSubnet);
        net.routeToGateway(publicTable, "0.0.0.0/0", net.internetGateway(vpc.vpcId()));
        String nat = net.natGateway(publicSubnet);
        net.routeToNat(vpc.routeTableId(), "0.0.0.0/0", nat);
        Admin.Trace viaNat = admin.trace(vpc.instanceA(), "queue.amazonaws.com", 443);
        assertTrue(viaNat.delivered(), viaNat.text());
        assertEquals(nat, viaNat.via(), viaNat.text());
        InstanceExec.Result created = aws(vpc.instanceA(), work, "--endpoint-url", "https://queue.amazonaws.com", "sqs", "create-queue",
                "--queue-name", "via-nat", "--output", "text");
        assertEquals(0, created.exit(), created.both());
        assertTrue(queuesInElasticMq().contains("via-nat"));
    }
}
