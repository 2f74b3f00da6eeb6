package io.localvpc.dataplane.flowlogs;

/**
 * One flow log record as written: the interface it is on (a CloudWatch Logs destination gets a log stream per
 * interface), when its flow started in the window (a log event's timestamp), and its text without a newline.
 */
record FlowLogLine(String interfaceId, long startMillis, String text) {
}
