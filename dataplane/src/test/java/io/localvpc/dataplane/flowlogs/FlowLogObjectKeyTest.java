package io.localvpc.dataplane.flowlogs;

import io.localvpc.core.model.FlowLog;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlowLogObjectKeyTest {
    private static FlowLog log(String destination, boolean hive, boolean perHour) {
        return new FlowLog("fl-0123456789abcdef0", "111122223333", Instant.EPOCH, "vpc-1", "VPC", "ALL", "s3", destination,
                "${version}", 600, "plain-text", hive, perHour, null);
    }

    private static final Instant AT = Instant.parse("2026-03-04T05:06:59Z");

    @Test
    void awsLayoutWithAndWithoutAPrefix() {
        assertEquals("AWSLogs/111122223333/vpcflowlogs/us-east-1/2026/03/04/111122223333_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20260304T0506Z_0badf00d.log.gz",
                FlowLogObjectKey.of(log("arn:aws:s3:::b", false, false), "111122223333", "us-east-1", AT, "0badf00d"));
        assertEquals("logs/x/AWSLogs/111122223333/vpcflowlogs/eu-west-1/2026/03/04/05/111122223333_vpcflowlogs_eu-west-1_fl-0123456789abcdef0_20260304T0506Z_0badf00d.log.gz",
                FlowLogObjectKey.of(log("arn:aws:s3:::b/logs/x", false, true), "111122223333", "eu-west-1", AT, "0badf00d"));
    }

    @Test
    void hiveCompatiblePartitionsNameEachFolder() {
        assertEquals("p/AWSLogs/aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=03/day=04/hour=05/"
                        + "111122223333_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20260304T0506Z_0badf00d.log.gz",
                FlowLogObjectKey.of(log("arn:aws:s3:::b/p/", true, true), "111122223333", "us-east-1", AT, "0badf00d"));
    }
}
