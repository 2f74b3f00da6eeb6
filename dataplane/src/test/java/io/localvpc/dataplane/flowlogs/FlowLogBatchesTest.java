package io.localvpc.dataplane.flowlogs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowLogBatchesTest {
    private static FlowLogLine line(long start, int length) {
        return new FlowLogLine("eni-1", start, "x".repeat(length));
    }

    @Test
    void logEventsAreSortedByTimestampKeepingEqualOnesInOrder() {
        FlowLogLine late = line(3000, 1);
        FlowLogLine early = line(1000, 2);
        FlowLogLine alsoEarly = line(1000, 3);
        assertEquals(List.of(List.of(early, alsoEarly, late)), FlowLogBatches.logEvents(List.of(late, early, alsoEarly)));
    }

    @Test
    void logEventsSplitAtTenThousandEvents() {
        List<FlowLogLine> lines = new ArrayList<>();
        for (int i = 0; i < 20_001; i++) lines.add(line(i, 10));
        List<List<FlowLogLine>> calls = FlowLogBatches.logEvents(lines);
        assertEquals(List.of(10_000, 10_000, 1), calls.stream().map(List::size).toList());
        assertEquals(lines, calls.stream().flatMap(List::stream).toList());
    }

    @Test
    void logEventsSplitAtAMebibyteCountingTwentySixBytesAnEvent() {
        // 1,048,576 / (974 + 26) = 1,048.6: 1,048 events fit, the 1,049th does not
        List<FlowLogLine> lines = new ArrayList<>();
        for (int i = 0; i < 1_049; i++) lines.add(line(i, 974));
        assertEquals(List.of(1_048, 1), FlowLogBatches.logEvents(lines).stream().map(List::size).toList());
        List<FlowLogLine> exact = new ArrayList<>();
        for (int i = 0; i < 1_024; i++) exact.add(line(i, 1024 - 26)); // exactly 1,048,576 bytes
        assertEquals(List.of(1_024), FlowLogBatches.logEvents(exact).stream().map(List::size).toList());
    }

    @Test
    void firehoseRecordsSplitAtFiveHundredAndFourMebibytesWithTheirNewlines() {
        List<FlowLogLine> lines = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) lines.add(line(i, 100));
        assertEquals(List.of(500, 500, 1), FlowLogBatches.records(lines).stream().map(List::size).toList());
        List<FlowLogLine> big = new ArrayList<>();
        for (int i = 0; i < 5; i++) big.add(line(i, 1024 * 1024 - 1)); // a MiB each with its newline
        assertEquals(List.of(4, 1), FlowLogBatches.records(big).stream().map(List::size).toList());
        assertTrue(FlowLogBatches.records(List.of()).isEmpty());
    }
}
