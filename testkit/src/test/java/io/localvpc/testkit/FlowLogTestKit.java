package io.localvpc.testkit;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reading delivered flow logs back as a user would: list the bucket with the AWS SDK, get each object, gunzip it,
 * split its header and records. And the packet estimate the README documents, restated from its words.
 */
final class FlowLogTestKit {
    private FlowLogTestKit() {
    }

    /** One delivered object: its key, its header's field names, and each record as its fields. */
    record Delivered(String key, List<String> header, List<List<String>> records) {
    }

    static List<Delivered> read(S3Client s3, String bucket, String prefix) {
        List<Delivered> out = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            byte[] gz = s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asByteArray();
            String text;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("not gzip: " + o.key(), e);
            }
            String[] lines = text.split("\n");
            List<List<String>> records = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) records.add(Arrays.asList(lines[i].split(" ")));
            out.add(new Delivered(o.key(), Arrays.asList(lines[0].split(" ")), records));
        }
        return out;
    }

    /**
     * Packets of one direction as the README says they are estimated: segments of up to 1,460 bytes, an ACK for
     * every two segments received, SYN and ACK (SYN-ACK on the return) when the connection opened, a FIN when it closed.
     */
    static long packets(long sent, long received, boolean request) {
        long segments = (sent + 1459) / 1460;
        long acks = ((received + 1459) / 1460 + 1) / 2;
        return segments + acks + (request ? 2 : 1) + 1;
    }
}
