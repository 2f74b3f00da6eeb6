package io.localvpc.core.flowlogs;

import io.localvpc.core.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowLogFormatTest {

    @Test
    void noFormatIsAwsDefaultVersionTwo() {
        FlowLogFormat f = FlowLogFormat.parse(null);
        assertEquals(2, f.version());
        assertEquals("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status", f.header());
        assertEquals(FlowLogFormat.DEFAULT, f.text());
    }

    @Test
    void theVersionIsTheHighestOfTheFieldsUsed() {
        assertEquals(3, FlowLogFormat.parse("${version} ${vpc-id}").version());
        assertEquals(4, FlowLogFormat.parse("${az-id} ${srcaddr}").version());
        assertEquals(5, FlowLogFormat.parse("${flow-direction} ${vpc-id}").version());
        assertEquals(List.of("traffic-path", "srcaddr", "srcaddr"), FlowLogFormat.parse("${traffic-path} ${srcaddr} ${srcaddr}").fields());
    }

    @Test
    void unknownFieldsAndBadSpacingAreRefusedAsInvalidParameter() {
        for (String bad : List.of("${version} ${no-such}", "${version} ${srcaddr} ", " ${version}", "${version}  ${srcaddr}", "version srcaddr",
                "${version},${srcaddr}", "${}")) {
            AwsException e = assertThrows(AwsException.class, () -> FlowLogFormat.parse(bad), bad);
            assertEquals("InvalidParameter", e.code());
            assertTrue(e.getMessage().contains("LogFormat"), e.getMessage());
        }
    }

    @Test
    void recordsWriteADashForWhatIsAbsent() {
        FlowLogRecord r = new FlowLogRecord("111122223333", "eni-1", "10.0.1.5", "10.0.2.6", 40000, 443, 6, 5L, 1200L, 100, 160, "ACCEPT",
                FlowLogRecord.OK, "vpc-1", "subnet-1", null, 3, "10.0.1.5", "10.0.2.6", "us-east-1", "use1-az1", null, "S3", "egress", 7);
        assertEquals("2 111122223333 eni-1 10.0.1.5 10.0.2.6 40000 443 6 5 1200 100 160 ACCEPT OK", r.format(FlowLogFormat.parse(null)));
        assertEquals("5 subnet-1 - 3 IPv4 use1-az1 - - - S3 egress 7", r.format(FlowLogFormat.parse(
                "${version} ${subnet-id} ${instance-id} ${tcp-flags} ${type} ${az-id} ${sublocation-type} ${sublocation-id} ${pkt-src-aws-service} "
                        + "${pkt-dst-aws-service} ${flow-direction} ${traffic-path}")));
        FlowLogRecord quiet = FlowLogRecord.status("111122223333", "eni-2", 100, 700, FlowLogRecord.NODATA);
        assertEquals("2 111122223333 eni-2 - - - - - - - 100 700 - NODATA", quiet.format(FlowLogFormat.parse(null)));
        assertEquals("- -", quiet.format(FlowLogFormat.parse("${type} ${tcp-flags}")));
    }
}
