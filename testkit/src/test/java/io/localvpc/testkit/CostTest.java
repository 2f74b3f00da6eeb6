package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A known workload's bill: S3 traffic from the other zone through a NAT gateway, and through an interface endpoint in
 * two zones, priced by GET /_localvpc/cost and compared with the same sums done here from AWS's price list.
 */
@ExtendWith(LocalVpcExtension.class)
class CostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    private static JsonNode cost(URI endpoint) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_localvpc/cost?account=000000000000&region=us-east-1"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode line(JsonNode bill, String id) {
        for (JsonNode r : bill.path("resources")) if (r.path("id").asText().equals(id)) return r;
        throw new AssertionError("no line for " + id + " in " + bill.toPrettyString());
    }

    private static BigDecimal usd(JsonNode amount) {
        return amount.decimalValue().setScale(6, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal byHand(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_EVEN);
    }

    /** Connections are metered when they close, just after the client returns: read until {@code id} has bytes. */
    private static JsonNode costOnceMetered(URI endpoint, String id) throws Exception {
        JsonNode bill = cost(endpoint);
        for (int i = 0; i < 100 && line(bill, id).path("bytesProcessed").asLong() == 0; i++) {
            Thread.sleep(50);
            bill = cost(endpoint);
        }
        return bill;
    }

    @Test
    void s3ThroughANatGatewayFromTheOtherZoneCostsWhatThePriceListSays(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.81");
        String publicSubnet = net.subnet(vpc.vpcId(), "10.81.0.0/24", Layouts.ZONE_A);
        String publicTable = net.routeTable(vpc.vpcId(), publicSubnet);
        net.routeToGateway(publicTable, "0.0.0.0/0", net.internetGateway(vpc.vpcId()));
        String nat = net.natGateway(publicSubnet);
        net.routeToNat(vpc.routeTableId(), "0.0.0.0/0", nat);

        // Instance B is in the other zone than the NAT gateway: its bytes cross zones on the way.
        try (S3Client s3 = new Workload(vpc.instanceB(), lv.proxyAddress(), new Admin(endpoint).caPem()).s3(true)) {
            s3.createBucket(r -> r.bucket("cost-nat"));
            s3.putObject(r -> r.bucket("cost-nat").key("one-mib"), RequestBody.fromBytes(new byte[1 << 20]));
        }
        JsonNode bill = costOnceMetered(endpoint, nat);
        JsonNode line = line(bill, nat);
        long bytes = line.path("bytesProcessed").asLong();
        assertTrue(bytes > 1 << 20, "the PUT's MiB and the TLS around it: " + line);
        BigDecimal gb = new BigDecimal(bytes).divide(GIB, 12, RoundingMode.HALF_EVEN);
        assertEquals(1, line.path("hours").asLong(), "a NAT gateway minutes old bills one hour");
        assertEquals(byHand(new BigDecimal("0.045")), usd(line.path("hourly")));
        assertEquals(byHand(gb.multiply(new BigDecimal("0.045"))), usd(line.path("processing")), "$0.045 per GB processed");
        assertEquals(bytes, line.path("bytesAcrossZones").asLong(), "every byte came from the other zone");
        assertEquals(byHand(gb.multiply(new BigDecimal("0.01"))), usd(line.path("acrossZones")), "$0.01 per GB each way between zones");
        assertEquals(byHand(new BigDecimal("0.045").add(gb.multiply(new BigDecimal("0.045"))).add(gb.multiply(new BigDecimal("0.01")))),
                usd(line.path("total")));

        // The same bytes /metrics counted under the NAT gateway.
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertEquals((double) bytes, MetricsTest.sum(MetricsTest.parse(metrics), "localvpc_path_bytes_total", Map.of("via", nat)));

        JsonNode whatIf = null;
        for (JsonNode t : bill.path("traffic")) if (t.path("via").asText().equals(nat)) whatIf = t;
        assertTrue(whatIf != null, bill.toPrettyString());
        assertEquals("s3", whatIf.path("service").asText());
        List<String> paths = new java.util.ArrayList<>();
        whatIf.path("alternatives").forEach(a -> paths.add(a.path("path").asText()));
        assertEquals(List.of("gateway-endpoint", "interface-endpoint"), paths);
        assertEquals(byHand(BigDecimal.ZERO), usd(whatIf.path("alternatives").get(0).path("processing")));
        assertEquals(byHand(gb.multiply(new BigDecimal("0.01"))), usd(whatIf.path("alternatives").get(1).path("processing")));
        assertTrue(whatIf.path("summary").asText().startsWith("s3 traffic of " + vpc.vpcId() + " through " + nat + ": "), whatIf.toString());
    }

    @Test
    void anInterfaceEndpointBillsEachZoneByTheHourAndItsBytes(Ec2Client ec2, LocalVpc lv, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.82");
        String vpce = net.s3InterfaceEndpoint(vpc.vpcId(), List.of(vpc.subnetA(), vpc.subnetB())).vpcEndpointId();
        try (S3Client s3 = new Workload(vpc.instanceA(), lv.proxyAddress(), new Admin(endpoint).caPem()).s3ForInterfaceEndpoint(true)) {
            s3.createBucket(r -> r.bucket("cost-vpce"));
            s3.putObject(r -> r.bucket("cost-vpce").key("k"), RequestBody.fromBytes(new byte[64 * 1024]));
        }
        JsonNode line = line(costOnceMetered(endpoint, vpce), vpce);
        long bytes = line.path("bytesProcessed").asLong();
        BigDecimal gb = new BigDecimal(bytes).divide(GIB, 12, RoundingMode.HALF_EVEN);
        assertEquals("interface-endpoint", line.path("kind").asText());
        assertEquals(2, line.path("zones").asInt());
        assertEquals(byHand(new BigDecimal("0.02")), usd(line.path("hourly")), "one started hour in each of two zones at $0.01");
        assertEquals(byHand(gb.multiply(new BigDecimal("0.01"))), usd(line.path("processing")));
        assertEquals(0, line.path("bytesAcrossZones").asLong(), "instance A used the interface in its own zone");
        assertEquals(byHand(new BigDecimal("0.02").add(gb.multiply(new BigDecimal("0.01")))), usd(line.path("total")));
    }
}
