package io.localvpc.dataplane.flowlogs;

/** Where flow log objects are written: the embedded S3. Called on the writer's thread only. */
@FunctionalInterface
public interface FlowLogSink {
    /** Writes one object; throws when it cannot (no such bucket any more, S3 failed). */
    void put(String bucket, String key, byte[] gzipped) throws Exception;
}
