package io.localvpc.dataplane.flowlogs;

import io.localvpc.core.model.FlowLog;

import java.util.List;

/** Where cloud-watch-logs and kinesis-data-firehose flow logs go (upstreams). Called on the writer's thread only. */
public interface FlowLogStreams extends AutoCloseable {
    /** No upstream: every delivery fails (CreateFlowLogs refuses these destinations then, so only a restart gets here). */
    FlowLogStreams NONE = new FlowLogStreams() {
        @Override
        public void putLogEvents(FlowLog log, String account, List<FlowLogLine> lines) {
            throw new IllegalStateException("Access error: no upstream plays CloudWatch Logs (--upstream logs=…)");
        }

        @Override
        public void putRecords(FlowLog log, String account, List<FlowLogLine> lines) {
            throw new IllegalStateException("Access error: no upstream plays Firehose (--upstream firehose=…)");
        }
    };

    /** Delivers a window's records to the log group, one log stream per interface; throws when it cannot. */
    void putLogEvents(FlowLog log, String account, List<FlowLogLine> lines) throws Exception;

    /** Delivers a window's records to the delivery stream, one Firehose record per line; throws when it cannot. */
    void putRecords(FlowLog log, String account, List<FlowLogLine> lines) throws Exception;

    /** Closes what delivery opened (after the writer's thread has stopped). */
    @Override
    default void close() {
    }
}
