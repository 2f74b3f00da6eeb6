package io.localvpc.core.cost;

import java.math.BigDecimal;

/**
 * AWS's public on-demand prices that the cost model uses, for us-east-1 (N. Virginia), from the AWS PrivateLink,
 * Amazon VPC (NAT gateway) and EC2 data transfer pricing pages as of 2026-12. Other regions are priced with these
 * too, and the report says so. A GB here is 2^30 bytes, as AWS bills data.
 */
public final class AwsPrices {
    /** Where and when these numbers were read. */
    public static final String SOURCE = "AWS public on-demand prices for us-east-1 (aws.amazon.com/privatelink/pricing,"
            + " aws.amazon.com/vpc/pricing, aws.amazon.com/ec2/pricing/on-demand data transfer), read 2026-12";
    public static final String REGION = "us-east-1";

    /** Interface endpoint: per endpoint per AZ per hour; a partial hour bills as a whole one. */
    public static final BigDecimal INTERFACE_ENDPOINT_AZ_HOUR = new BigDecimal("0.01");
    /** Interface endpoint data processed, per GB, by monthly tier: the first 1 PB, the next 4 PB, above 5 PB. */
    public static final BigDecimal INTERFACE_ENDPOINT_GB_FIRST_PB = new BigDecimal("0.01");
    public static final BigDecimal INTERFACE_ENDPOINT_GB_NEXT_4_PB = new BigDecimal("0.006");
    public static final BigDecimal INTERFACE_ENDPOINT_GB_ABOVE_5_PB = new BigDecimal("0.004");
    /** Gateway endpoints (S3, DynamoDB) cost nothing, by the hour or by the byte. */
    public static final BigDecimal GATEWAY_ENDPOINT = BigDecimal.ZERO;
    /** NAT gateway: per hour (partial hours whole) and per GB processed. */
    public static final BigDecimal NAT_GATEWAY_HOUR = new BigDecimal("0.045");
    public static final BigDecimal NAT_GATEWAY_GB = new BigDecimal("0.045");
    /** Data between availability zones in one region, per GB, charged in each direction. */
    public static final BigDecimal CROSS_AZ_GB_EACH_WAY = new BigDecimal("0.01");

    static final long GB = 1L << 30;
    private static final long PB_IN_GB = 1L << 20;

    private AwsPrices() {
    }

    /** The interface endpoint processing charge for {@code gb} processed in one month, tier by tier. */
    public static BigDecimal interfaceEndpointProcessing(BigDecimal gb) {
        BigDecimal first = BigDecimal.valueOf(PB_IN_GB);
        BigDecimal next = BigDecimal.valueOf(4 * PB_IN_GB);
        BigDecimal inFirst = gb.min(first);
        BigDecimal inNext = gb.subtract(first).max(BigDecimal.ZERO).min(next);
        BigDecimal above = gb.subtract(first).subtract(next).max(BigDecimal.ZERO);
        return inFirst.multiply(INTERFACE_ENDPOINT_GB_FIRST_PB)
                .add(inNext.multiply(INTERFACE_ENDPOINT_GB_NEXT_4_PB))
                .add(above.multiply(INTERFACE_ENDPOINT_GB_ABOVE_5_PB));
    }

    /** Bytes as billed gigabytes (2^30 bytes each), exactly. */
    public static BigDecimal gigabytes(long bytes) {
        return new BigDecimal(bytes).divide(BigDecimal.valueOf(GB), 12, java.math.RoundingMode.HALF_EVEN);
    }
}
