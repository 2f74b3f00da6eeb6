package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.localvpc.testkit.DynamoDbEndpointTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * localvpc's DynamoDB across restarts (kept under the data directory, forgotten with {@code --in-memory}), and reached
 * by boto3 and the AWS CLI inside an instance ({@code localvpc exec}) through a gateway endpoint whose policy allows
 * one table. The boto3 and CLI parts are skipped without them, except under CI=true.
 */
class DynamoDbDurabilityAndClientsTest {
    private static final String POLICY_ONE_TABLE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"dynamodb:*\",\"Resource\":\"" + DynamoDbEndpointTest.tableArn("Allowed") + "\"}]}";

    /** A private VPC with a DynamoDB gateway endpoint (with {@code policy}, or full access), and its instance A. */
    private static String instanceBehindGateway(Ec2Client ec2, String prefix, String policy) {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc(prefix);
        ec2.createVpcEndpoint(r -> {
            r.vpcId(vpc.vpcId()).serviceName("com.amazonaws.us-east-1.dynamodb").vpcEndpointType(VpcEndpointType.GATEWAY)
                    .routeTableIds(vpc.routeTableId());
            if (policy != null) r.policyDocument(policy);
        });
        return vpc.instanceA();
    }

    private static void createTable(DynamoDbClient ddb, String table) {
        ddb.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }

    @Test
    void tablesAndItemsSurviveARestartWithADataDirectory(@TempDir Path dir) {
        String instance;
        try (LocalVpc first = LocalVpc.builder().port(0).dataDir(dir).start();
             Ec2Client ec2 = LocalVpcExtension.ec2(first.endpoint(), "test", Region.US_EAST_1)) {
            instance = instanceBehindGateway(ec2, "10.130", null);
            try (DynamoDbClient ddb = new Workload(instance, first.proxyAddress(), new Admin(first.endpoint()).caPem()).dynamoDb()) {
                createTable(ddb, "Kept");
                ddb.putItem(r -> r.tableName("Kept").item(Map.of("id", s("k1"), "v", s("before the restart"))));
            }
        }
        assertTrue(Files.exists(dir.resolve("dynamodb").resolve("dynamodb.sqlite")), "the tables are kept under the data directory");
        try (LocalVpc second = LocalVpc.builder().port(0).dataDir(dir).start();
             DynamoDbClient ddb = new Workload(instance, second.proxyAddress(), new Admin(second.endpoint()).caPem()).dynamoDb()) {
            assertEquals("before the restart", ddb.getItem(r -> r.tableName("Kept").key(Map.of("id", s("k1")))).item().get("v").s());
        }
    }

    @Test
    void inMemoryTablesAreGoneAfterARestart() {
        try (LocalVpc first = LocalVpc.builder().port(0).inMemory().start();
             Ec2Client ec2 = LocalVpcExtension.ec2(first.endpoint(), "test", Region.US_EAST_1);
             DynamoDbClient ddb = new Workload(instanceBehindGateway(ec2, "10.131", null), first.proxyAddress(),
                     new Admin(first.endpoint()).caPem()).dynamoDb()) {
            createTable(ddb, "Fleeting");
            assertEquals(List.of("Fleeting"), ddb.listTables().tableNames());
        }
        try (LocalVpc second = LocalVpc.builder().port(0).inMemory().start();
             Ec2Client ec2 = LocalVpcExtension.ec2(second.endpoint(), "test", Region.US_EAST_1);
             DynamoDbClient ddb = new Workload(instanceBehindGateway(ec2, "10.131", null), second.proxyAddress(),
                     new Admin(second.endpoint()).caPem()).dynamoDb()) {
            assertEquals(List.of(), ddb.listTables().tableNames());
            assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(r -> r.tableName("Fleeting")));
        }
    }

    @Test
    void boto3AndTheAwsCliInsideAnInstanceThroughAGatewayEndpointAllowingOneTable(@TempDir Path work) throws Exception {
        RequiredTools.require("python3", "python3-boto3", "-c", "import boto3");
        try (LocalVpc lv = LocalVpc.builder().port(0).inMemory().start();
             Ec2Client ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1)) {
            try (DynamoDbClient admin = new Workload(instanceBehindGateway(ec2, "10.132", null), lv.proxyAddress(),
                    new Admin(lv.endpoint()).caPem()).dynamoDb()) {
                createTable(admin, "Allowed");
                createTable(admin, "Other");
            }
            String instance = instanceBehindGateway(ec2, "10.133", POLICY_ONE_TABLE);
            String program = "import boto3, botocore\n"
                    + "ddb = boto3.client('dynamodb', region_name='us-east-1')\n"
                    + "ddb.put_item(TableName='Allowed', Item={'id': {'S': 'py'}, 'n': {'N': '42'}})\n"
                    + "print(ddb.get_item(TableName='Allowed', Key={'id': {'S': 'py'}})['Item']['n']['N'])\n"
                    + "t = boto3.resource('dynamodb', region_name='us-east-1').Table('Allowed')\n"
                    + "t.update_item(Key={'id': 'py'}, UpdateExpression='ADD n :one', ExpressionAttributeValues={':one': 1})\n"
                    + "print(t.get_item(Key={'id': 'py'})['Item']['n'])\n"
                    + "try:\n"
                    + "    ddb.get_item(TableName='Other', Key={'id': {'S': 'py'}})\n"
                    + "except botocore.exceptions.ClientError as e:\n"
                    + "    print(e.response['Error']['Code'], e.response['Error']['Message'])\n";
            ClientProcess.Result py = ClientProcess.exec(lv.endpoint(), instance, work, "python3", "-c", program);
            assertEquals(0, py.exit(), py.both());
            assertEquals("42\n43\nAccessDeniedException User: arn:aws:iam::000000000000:root is not authorized to perform: dynamodb:GetItem"
                    + " on resource: " + DynamoDbEndpointTest.tableArn("Other") + " because no VPC endpoint policy allows the dynamodb:GetItem"
                    + " action\n", py.stdout(), py.both());

            RequiredTools.require("aws", "awscli", "--version");
            ClientProcess.Result cli = ClientProcess.exec(lv.endpoint(), instance, work, "aws", "dynamodb", "get-item", "--table-name", "Allowed",
                    "--key", "{\"id\":{\"S\":\"py\"}}", "--query", "Item.n.N", "--output", "text");
            assertEquals(0, cli.exit(), cli.both());
            assertEquals("43", cli.stdout().trim(), cli.both());
            ClientProcess.Result denied = ClientProcess.exec(lv.endpoint(), instance, work, "aws", "dynamodb", "scan", "--table-name", "Other");
            assertTrue(denied.exit() != 0, denied.both()); // 254 for CLI v2, 255 for v1 (Debian's)
            assertTrue(denied.stderr().contains("AccessDeniedException") && denied.stderr().contains("dynamodb:Scan"), denied.both());
        }
    }
}
