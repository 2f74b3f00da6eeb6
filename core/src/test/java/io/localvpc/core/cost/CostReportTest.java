package io.localvpc.core.cost;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bills checked against sums done by hand from AWS's price list (the numbers are written out here, not taken from AwsPrices). */
class CostReportTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final long GIB = 1L << 30;

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount).setScale(6);
    }

    private static CostReport.ResourceCost line(CostReport.Bill bill, String id) {
        return bill.resources().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no line for " + id + ": " + bill));
    }

    @Test
    void anInterfaceEndpointANatGatewayAndAGatewayEndpointAddUpAsByHand() {
        CostLedger ledger = new CostLedger();
        // Interface endpoint in 2 zones for 90 minutes: 2 started hours x 2 zones x $0.01.
        ledger.lived(new ResourceLife("111111111111", "us-east-1", "vpce-i", "interface-endpoint", "vpc-1", "sqs", 2, T0, null));
        // NAT gateway for 30 minutes: 1 hour x $0.045.
        ledger.lived(new ResourceLife("111111111111", "us-east-1", "nat-1", "nat-gateway", "vpc-1", null, 1, T0.plus(Duration.ofMinutes(60)), null));
        ledger.lived(new ResourceLife("111111111111", "us-east-1", "vpce-g", "gateway-endpoint", "vpc-1", "s3", 0, T0, null));
        // 2 GiB through the interface endpoint from its own zone, 1 GiB from the other zone.
        ledger.addTraffic(new MeteredPath("111111111111", "us-east-1", "vpc-1", "interface-endpoint", "vpce-i", "sqs", "use1-az1", "use1-az1"), GIB, GIB);
        ledger.addTraffic(new MeteredPath("111111111111", "us-east-1", "vpc-1", "interface-endpoint", "vpce-i", "sqs", "use1-az2", "use1-az1"), GIB / 2, GIB / 2);
        // 4 GiB of S3 through the NAT gateway, from the NAT's zone; 5 GiB through the gateway endpoint.
        ledger.addTraffic(new MeteredPath("111111111111", "us-east-1", "vpc-1", "nat-gateway", "nat-1", "s3", "use1-az1", "use1-az1"), 3 * GIB, GIB);
        ledger.addTraffic(new MeteredPath("111111111111", "us-east-1", "vpc-1", "gateway-endpoint", "vpce-g", "s3", "use1-az1", null), GIB, 4 * GIB);

        CostReport.Bill bill = CostReport.of(ledger.snapshot(), T0.plus(Duration.ofMinutes(90)), null, null);

        CostReport.ResourceCost endpoint = line(bill, "vpce-i");
        assertEquals(2, endpoint.hours());
        assertEquals(usd("0.04"), endpoint.hourly());
        assertEquals(3 * GIB, endpoint.bytesProcessed());
        assertEquals(usd("0.03"), endpoint.processing(), "3 GB x $0.01");
        assertEquals(usd("0.01"), endpoint.acrossZones(), "1 GB from the other zone x $0.01 (0.5 GB each way)");
        assertEquals(usd("0.08"), endpoint.total());

        CostReport.ResourceCost nat = line(bill, "nat-1");
        assertEquals(1, nat.hours());
        assertEquals(usd("0.045"), nat.hourly());
        assertEquals(usd("0.18"), nat.processing(), "4 GB x $0.045");
        assertEquals(usd("0.225"), nat.total());

        assertEquals(usd("0"), line(bill, "vpce-g").total(), "gateway endpoints are free");
        assertEquals(usd("0.305"), bill.total());

        CostReport.PathCost s3ThroughNat = bill.traffic().stream().filter(t -> t.via().equals("nat-1")).findFirst().orElseThrow();
        assertEquals(List.of("gateway-endpoint", "interface-endpoint"), s3ThroughNat.alternatives().stream().map(CostReport.Alternative::path).toList());
        assertEquals(usd("0"), s3ThroughNat.alternatives().get(0).processing());
        assertEquals(usd("0.04"), s3ThroughNat.alternatives().get(1).processing(), "4 GB x $0.01");
        assertEquals(usd("0.01"), s3ThroughNat.alternatives().get(1).perHour(), "one zone x $0.01");
        assertEquals("s3 traffic of vpc-1 through nat-1: 4.00 GB → $0.18 by the byte; through a gateway endpoint → $0.00;"
                + " through an interface endpoint → $0.04 + $0.01/hour", s3ThroughNat.summary());

        CostReport.PathCost sqs = bill.traffic().stream().filter(t -> t.via().equals("vpce-i")).findFirst().orElseThrow();
        assertEquals(List.of("nat-gateway"), sqs.alternatives().stream().map(CostReport.Alternative::path).toList(), "no gateway endpoint exists for SQS");
        assertEquals(2, sqs.alternatives().get(0).zones(), "the traffic came from two zones");
        assertEquals(usd("0.09"), sqs.alternatives().get(0).perHour());
    }

    @Test
    void aFilterKeepsOneAccountAndRegion() {
        CostLedger ledger = new CostLedger();
        ledger.lived(new ResourceLife("111111111111", "us-east-1", "nat-a", "nat-gateway", "vpc-1", null, 1, T0, null));
        ledger.lived(new ResourceLife("222222222222", "eu-west-1", "nat-b", "nat-gateway", "vpc-2", null, 1, T0, null));
        CostReport.Bill bill = CostReport.of(ledger.snapshot(), T0.plusSeconds(1), "222222222222", "eu-west-1");
        assertEquals(List.of("nat-b"), bill.resources().stream().map(CostReport.ResourceCost::id).toList());
    }

    @Test
    void aDeletedResourceStopsAccruingHoursAndHoursStartWhole() {
        ResourceLife life = new ResourceLife("1", "us-east-1", "nat-1", "nat-gateway", "vpc", null, 1, T0, T0.plus(Duration.ofMinutes(61)));
        assertEquals(2, life.billedHours(T0.plus(Duration.ofDays(3))));
        assertEquals(1, new ResourceLife("1", "us-east-1", "nat-1", "nat-gateway", "vpc", null, 1, T0, null).billedHours(T0));
        CostLedger ledger = new CostLedger();
        ledger.lived(new ResourceLife("1", "us-east-1", "nat-1", "nat-gateway", "vpc", null, 1, T0, null));
        ledger.ended("nat-1", T0.plus(Duration.ofMinutes(10)));
        ledger.lived(new ResourceLife("1", "us-east-1", "nat-1", "nat-gateway", "vpc", null, 1, T0, null));
        assertEquals(1, ledger.snapshot().resources().get(0).billedHours(T0.plus(Duration.ofDays(1))), "an end once seen is kept");
        assertEquals(T0.plus(Duration.ofMinutes(10)), ledger.snapshot().resources().get(0).endedAt());
    }

    @Test
    void interfaceEndpointProcessingFollowsTheMonthlyTiers() {
        BigDecimal pb = BigDecimal.valueOf(1L << 20); // GB in a PB
        assertEquals(0, new BigDecimal("10485.76").compareTo(AwsPrices.interfaceEndpointProcessing(pb)), "1 PB at $0.01");
        // 6 PB: 1 PB at $0.01, 4 PB at $0.006, 1 PB at $0.004.
        BigDecimal expected = pb.multiply(new BigDecimal("0.01")).add(pb.multiply(BigDecimal.valueOf(4)).multiply(new BigDecimal("0.006")))
                .add(pb.multiply(new BigDecimal("0.004")));
        assertEquals(0, expected.compareTo(AwsPrices.interfaceEndpointProcessing(pb.multiply(BigDecimal.valueOf(6)))));
    }
}
