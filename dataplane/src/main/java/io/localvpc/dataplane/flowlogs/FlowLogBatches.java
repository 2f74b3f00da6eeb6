package io.localvpc.dataplane.flowlogs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a window's records into calls within AWS's limits: PutLogEvents takes at most 10,000 events and 1,048,576
 * bytes (each event counted as its UTF-8 message plus 26 bytes), in timestamp order; PutRecordBatch at most 500
 * records and 4 MiB of data.
 */
final class FlowLogBatches {
    static final int LOG_EVENTS_PER_CALL = 10_000;
    static final int LOG_EVENT_BYTES_PER_CALL = 1_048_576;
    static final int LOG_EVENT_OVERHEAD = 26;
    static final int RECORDS_PER_CALL = 500;
    static final int RECORD_BYTES_PER_CALL = 4 * 1024 * 1024;

    private FlowLogBatches() {
    }

    /** One log stream's events, sorted by timestamp (stable: equal timestamps keep their order), in calls. */
    static List<List<FlowLogLine>> logEvents(List<FlowLogLine> lines) {
        List<FlowLogLine> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(FlowLogLine::startMillis));
        return split(sorted, LOG_EVENTS_PER_CALL, LOG_EVENT_BYTES_PER_CALL, LOG_EVENT_OVERHEAD, 0);
    }

    /** Firehose records (each line and its newline), in calls. */
    static List<List<FlowLogLine>> records(List<FlowLogLine> lines) {
        return split(lines, RECORDS_PER_CALL, RECORD_BYTES_PER_CALL, 0, 1);
    }

    private static List<List<FlowLogLine>> split(List<FlowLogLine> lines, int maxCount, int maxBytes, int overhead, int extra) {
        List<List<FlowLogLine>> calls = new ArrayList<>();
        List<FlowLogLine> call = new ArrayList<>();
        long bytes = 0;
        for (FlowLogLine line : lines) {
            long size = line.text().getBytes(StandardCharsets.UTF_8).length + extra + overhead;
            if (!call.isEmpty() && (call.size() == maxCount || bytes + size > maxBytes)) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(line);
            bytes += size;
        }
        if (!call.isEmpty()) calls.add(call);
        return calls;
    }
}
