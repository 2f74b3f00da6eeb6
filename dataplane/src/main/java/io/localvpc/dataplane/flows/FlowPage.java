package io.localvpc.dataplane.flows;

import java.util.List;

/**
 * An answer to {@link FlowRecorder#read}: the flows, newest first, and the cursor to ask with next time.
 *
 * @param cursor   pass it as {@code after} to the next read to get only what changed since (new flows, flows that
 *                 closed) and the flows still open, whose bytes keep moving
 * @param epoch    how many times the recorder was cleared (a state reset); when it differs from an earlier read's,
 *                 drop what that read gave
 * @param capacity how many flows the recorder keeps per account and region; older ones are forgotten
 */
public record FlowPage(long cursor, long epoch, int capacity, List<FlowRecord> flows) {
}
