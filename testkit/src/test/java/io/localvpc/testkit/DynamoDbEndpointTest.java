package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * localvpc's own DynamoDB behind the DynamoDB endpoints and the public path, reached by the AWS SDK for Java v2
 * (plain and enhanced clients) from programs inside instances: tables per account and region, endpoint policies
 * judged per table and per item ({@code dynamodb:LeadingKeys}), and AWS's AccessDeniedException when they refuse.
 */
@ExtendWith(LocalVpcExtension.class)
class DynamoDbEndpointTest {
    private static final String ACCOUNT = "000000000000";
    private static final String DYNAMODB = "com.amazonaws.us-east-1.dynamodb";
    private static final ObjectMapper JSON = new ObjectMapper();

    static String tableArn(String table) {
        return "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + table;
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static String gatewayEndpoint(Ec2Client ec2, Layouts.PrivateVpc vpc, String policy) {
        return ec2.createVpcEndpoint(r -> {
            r.vpcId(vpc.vpcId()).serviceName(DYNAMODB).vpcEndpointType(VpcEndpointType.GATEWAY).routeTableIds(vpc.routeTableId());
            if (policy != null) r.policyDocument(policy);
        }).vpcEndpoint().vpcEndpointId();
    }

    /** A VPC whose gateway endpoint allows everything: where the tests' tables are made, as an administrator would. */
    private static Workload adminWorkload(Ec2Client ec2, LocalVpc lv, URI endpoint, String prefix) {
        Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc(prefix);
        gatewayEndpoint(ec2, vpc, null);
        return new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem());
    }

    private static void createTable(DynamoDbClient ddb, String table, String hashKey, String rangeKey) {
        ddb.createTable(r -> {
            r.tableName(table).billingMode("PAY_PER_REQUEST");
            if (rangeKey == null) {
                r.attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH));
            } else {
                r.attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S),
                                a -> a.attributeName(rangeKey).attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("status").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH), k -> k.attributeName(rangeKey).keyType(KeyType.RANGE))
                        .globalSecondaryIndexes(g -> g.indexName("byStatus").keySchema(k -> k.attributeName("status").keyType(KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL)));
            }
        });
    }

    private static void assertDenied(String action, String resource, Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals(400, e.statusCode(), e.toString());
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode(), e.toString());
        assertEquals("User: arn:aws:iam::" + ACCOUNT + ":root is not authorized to perform: " + action + " on resource: " + resource
                + " because no VPC endpoint policy allows the " + action + " action", e.awsErrorDetails().errorMessage());
    }

    /** An order as an application maps it with the enhanced client. */
    static final class Order {
        private String customer;
        private String order;
        private String status;

        String customer() {
            return customer;
        }

        String status() {
            return status;
        }

        static Order of(String customer, String order, String status) {
            Order o = new Order();
            o.customer = customer;
            o.order = order;
            o.status = status;
            return o;
        }
    }

    private static final TableSchema<Order> ORDER = StaticTableSchema.builder(Order.class).newItemSupplier(Order::new)
            .addAttribute(String.class, a -> a.name("customer").getter(o -> o.customer).setter((o, v) -> o.customer = v)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("order").getter(o -> o.order).setter((o, v) -> o.order = v)
                    .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name("status").getter(o -> o.status).setter((o, v) -> o.status = v))
            .build();

    @Test
    void aGatewayEndpointWhosePolicyAllowsOneTableServesItAndRefusesTheOther(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        try (DynamoDbClient admin = adminWorkload(ec2, lv, endpoint, "10.120").dynamoDb()) {
            createTable(admin, "Orders", "customer", "order");
            createTable(admin, "Audit", "id", null);
            admin.putItem(r -> r.tableName("Audit").item(Map.of("id", s("a1"), "what", s("created"))));
        }
        Layouts.PrivateVpc app = new Layouts(ec2).privateVpc("10.121");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:*\","
                + "\"Resource\":[\"" + tableArn("Orders") + "\",\"" + tableArn("Orders") + "/index/*\"]}]}";
        gatewayEndpoint(ec2, app, policy);
        Workload w = new Workload(app.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem());
        try (DynamoDbClient ddb = w.dynamoDb()) {
            ddb.putItem(r -> r.tableName("Orders").item(Map.of("customer", s("c1"), "order", s("o1"), "status", s("open"))));
            assertEquals("open", ddb.getItem(r -> r.tableName("Orders").key(Map.of("customer", s("c1"), "order", s("o1")))).item().get("status").s());
            assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(r -> r.tableName("Orders")
                    .item(Map.of("customer", s("c1"), "order", s("o1"))).conditionExpression("attribute_not_exists(customer)")));
            assertEquals(1, ddb.query(r -> r.tableName("Orders").indexName("byStatus").keyConditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("open")))).count());

            DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
            DynamoDbTable<Order> orders = enhanced.table("Orders", ORDER);
            orders.putItem(Order.of("c1", "o2", "shipped"));
            assertEquals("shipped", orders.getItem(Key.builder().partitionValue("c1").sortValue("o2").build()).status());
            assertEquals(List.of("open", "shipped"), orders.query(QueryConditional.keyEqualTo(k -> k.partitionValue("c1"))).items().stream()
                    .map(Order::status).toList());

            assertDenied("dynamodb:GetItem", tableArn("Audit"), () -> ddb.getItem(r -> r.tableName("Audit").key(Map.of("id", s("a1")))));
            assertDenied("dynamodb:PutItem", tableArn("Audit"), () -> ddb.putItem(r -> r.tableName("Audit").item(Map.of("id", s("a2")))));
            assertDenied("dynamodb:ListTables", "*", ddb::listTables);
            // A batch or a transaction is refused whole when one of its tables is refused, and then changes nothing.
            assertDenied("dynamodb:BatchGetItem", tableArn("Audit"), () -> ddb.batchGetItem(r -> r.requestItems(Map.of(
                    "Orders", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                            .keys(Map.of("customer", s("c1"), "order", s("o1"))).build(),
                    "Audit", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(Map.of("id", s("a1"))).build()))));
            assertDenied("dynamodb:PutItem", tableArn("Audit"), () -> ddb.transactWriteItems(r -> r.transactItems(
                    t -> t.put(p -> p.tableName("Orders").item(Map.of("customer", s("c9"), "order", s("o9")))),
                    t -> t.put(p -> p.tableName("Audit").item(Map.of("id", s("a9")))))));
            assertTrue(ddb.getItem(r -> r.tableName("Orders").key(Map.of("customer", s("c9"), "order", s("o9")))).item().isEmpty(),
                    "the refused transaction wrote nothing");
        }
    }

    @Test
    void anEndpointPolicyConditionOnLeadingKeysLimitsATenantToItsOwnItems(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        try (DynamoDbClient admin = adminWorkload(ec2, lv, endpoint, "10.122").dynamoDb()) {
            createTable(admin, "Tenants", "tenant", "item");
            admin.putItem(r -> r.tableName("Tenants").item(Map.of("tenant", s("tenant-b"), "item", s("secret"))));
        }
        Layouts.PrivateVpc app = new Layouts(ec2).privateVpc("10.123");
        gatewayEndpoint(ec2, app, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":[\"dynamodb:GetItem\",\"dynamodb:PutItem\",\"dynamodb:Query\",\"dynamodb:BatchWriteItem\"],\"Resource\":\""
                + tableArn("Tenants") + "\",\"Condition\":{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":[\"tenant-a\"]}}}]}");
        Workload w = new Workload(app.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem());
        try (DynamoDbClient ddb = w.dynamoDb()) {
            ddb.putItem(r -> r.tableName("Tenants").item(Map.of("tenant", s("tenant-a"), "item", s("mine"))));
            assertEquals(1, ddb.query(r -> r.tableName("Tenants").keyConditionExpression("tenant = :t")
                    .expressionAttributeValues(Map.of(":t", s("tenant-a")))).count());
            assertDenied("dynamodb:GetItem", tableArn("Tenants"),
                    () -> ddb.getItem(r -> r.tableName("Tenants").key(Map.of("tenant", s("tenant-b"), "item", s("secret")))));
            assertDenied("dynamodb:Query", tableArn("Tenants"), () -> ddb.query(r -> r.tableName("Tenants")
                    .keyConditionExpression("#t = :t AND #i = :i").expressionAttributeNames(Map.of("#t", "tenant", "#i", "item"))
                    .expressionAttributeValues(Map.of(":t", s("tenant-b"), ":i", s("secret")))));
            // a batch with one item of another tenant is refused whole
            assertDenied("dynamodb:BatchWriteItem", tableArn("Tenants"), () -> ddb.batchWriteItem(r -> r.requestItems(Map.of("Tenants", List.of(
                    software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(Map.of("tenant", s("tenant-a"), "item", s("x")))).build(),
                    software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(Map.of("tenant", s("tenant-b"), "item", s("x")))).build())))));
        }
    }

    @Test
    void anInterfaceEndpointServesTheSameTablesOnItsRegionalAndZonalNamesAndItsBytesAreBilled(Ec2Client ec2, LocalVpc lv, URI endpoint)
            throws Exception {
        Layouts net = new Layouts(ec2);
        try (DynamoDbClient admin = adminWorkload(ec2, lv, endpoint, "10.124").dynamoDb()) {
            createTable(admin, "Sessions", "id", null);
        }
        Layouts.PrivateVpc vpc = net.privateVpc("10.125");
        VpcEndpoint e = ec2.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpc.vpcId()).serviceName(DYNAMODB)
                .subnetIds(vpc.subnetA(), vpc.subnetB()).privateDnsEnabled(false)).vpcEndpoint();
        // its names resolve once it is available (pending first, as on AWS): wait, as a user's script would
        Layouts.awaitValue("endpoint " + e.vpcEndpointId() + " state", "available", () -> net.describeEndpoint(e.vpcEndpointId()).stateAsString());
        Workload w = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem());
        String regional = e.dnsEntries().get(0).dnsName();
        String zonal = e.dnsEntries().get(1).dnsName();
        assertTrue(zonal.contains("-us-east-1"), zonal);
        try (DynamoDbClient viaRegional = w.dynamoDb(URI.create("https://" + regional));
             DynamoDbClient viaZonal = w.dynamoDb(URI.create("https://" + zonal))) {
            viaRegional.putItem(r -> r.tableName("Sessions").item(Map.of("id", s("s1"), "user", s("ana"))));
            assertEquals("ana", viaZonal.getItem(r -> r.tableName("Sessions").key(Map.of("id", s("s1")))).item().get("user").s());
            assertTrue(viaZonal.listTables().tableNames().contains("Sessions"));
        }
        long bytes = 0;
        for (int i = 0; i < 100 && bytes == 0; i++) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_localvpc/cost?account=" + ACCOUNT
                    + "&region=us-east-1")).GET().build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode line : JSON.readTree(r.body()).path("resources")) {
                if (line.path("id").asText().equals(e.vpcEndpointId())) bytes = line.path("bytesProcessed").asLong();
            }
            if (bytes == 0) Thread.sleep(50);
        }
        assertTrue(bytes > 0, "the interface endpoint's DynamoDB bytes are metered");
    }

    @Test
    void thePublicPathThroughANatGatewayReachesTheSameTables(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        Layouts net = new Layouts(ec2);
        try (DynamoDbClient admin = adminWorkload(ec2, lv, endpoint, "10.126").dynamoDb()) {
            createTable(admin, "Public", "id", null);
            admin.putItem(r -> r.tableName("Public").item(Map.of("id", s("p1"))));
        }
        Layouts.PrivateVpc vpc = net.privateVpc("10.127");
        String publicSubnet = net.subnet(vpc.vpcId(), "10.127.0.0/24", Layouts.ZONE_A);
        net.routeToGateway(net.routeTable(vpc.vpcId(), publicSubnet), "0.0.0.0/0", net.internetGateway(vpc.vpcId()));
        String nat = net.natGateway(publicSubnet);
        net.routeToNat(vpc.routeTableId(), "0.0.0.0/0", nat);
        Admin.Trace trace = new Admin(endpoint).trace(vpc.instanceA(), "dynamodb.us-east-1.amazonaws.com", 443);
        assertTrue(trace.resources("NAT_GATEWAY").contains(nat), trace.text());
        try (DynamoDbClient ddb = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem()).dynamoDb()) {
            assertFalse(ddb.getItem(r -> r.tableName("Public").key(Map.of("id", s("p1")))).item().isEmpty());
        }
    }

    @Test
    void eachAccountHasItsOwnTables(Ec2Client ec2, LocalVpc lv, URI endpoint) {
        try (DynamoDbClient admin = adminWorkload(ec2, lv, endpoint, "10.128").dynamoDb()) {
            createTable(admin, "Mine", "id", null);
        }
        try (Ec2Client other = LocalVpcExtension.ec2(endpoint, "111111111111", Region.US_EAST_1)) {
            Layouts.PrivateVpc vpc = new Layouts(other).privateVpc("10.129");
            gatewayEndpoint(other, vpc, null);
            try (DynamoDbClient ddb = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem()).dynamoDb(null, "111111111111")) {
                assertFalse(ddb.listTables().tableNames().contains("Mine"), "account 111111111111 does not see account 000000000000's tables");
                createTable(ddb, "Mine", "id", null); // the same name is free in another account
                assertEquals("arn:aws:dynamodb:us-east-1:111111111111:table/Mine", ddb.describeTable(r -> r.tableName("Mine")).table().tableArn());
            }
        }
    }
}
