package io.localvpc.dataplane.flowlogs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.model.FlowLog;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Delivers flow logs to the upstreams that play CloudWatch Logs and Firehose, as AWS delivers them: a log stream per
 * network interface named by its id (the log group made first when missing, as AWS makes it), PutLogEvents in
 * timestamp order; PutRecordBatch with one record per line. Signed with the account's convention credentials (its id
 * as the access key). Runs on the flow log writer's thread.
 */
public final class UpstreamFlowLogStreams implements FlowLogStreams {
    /** localvpc's convention secret (any secret is accepted; the access key names the account). */
    private static final String SECRET = "test";

    private final BiFunction<String, String, Optional<InetSocketAddress>> upstreams;
    private final SignedAwsClient client = new SignedAwsClient();
    /** Log streams made so far, as {@code upstream|group|stream}: CreateLogStream is called once for each. */
    private final Set<String> streamsMade = new HashSet<>();

    /** @param upstreams the HTTP upstream that plays a service ({@code logs}, {@code firehose}) in a region, if any */
    public UpstreamFlowLogStreams(BiFunction<String, String, Optional<InetSocketAddress>> upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public void putLogEvents(FlowLog log, String account, List<FlowLogLine> lines) throws Exception {
        String region = log.destinationRegion();
        InetSocketAddress upstream = upstream("logs", region, "CloudWatch Logs");
        AwsCredentialsIdentity credentials = AwsCredentialsIdentity.create(account, SECRET);
        String group = log.logGroupName();
        Map<String, List<FlowLogLine>> byInterface = new LinkedHashMap<>();
        for (FlowLogLine line : lines) byInterface.computeIfAbsent(line.interfaceId(), k -> new ArrayList<>()).add(line);
        for (Map.Entry<String, List<FlowLogLine>> stream : byInterface.entrySet()) {
            String made = upstream + "|" + group + "|" + stream.getKey();
            if (!streamsMade.contains(made)) {
                makeStream(upstream, region, credentials, group, stream.getKey());
                streamsMade.add(made);
            }
            for (List<FlowLogLine> call : FlowLogBatches.logEvents(stream.getValue())) {
                ObjectNode body = SignedAwsClient.JSON.createObjectNode().put("logGroupName", group).put("logStreamName", stream.getKey());
                ArrayNode events = body.putArray("logEvents");
                for (FlowLogLine line : call) events.addObject().put("timestamp", line.startMillis()).put("message", line.text());
                try {
                    client.call(upstream, "logs", region, credentials, "Logs_20140328.PutLogEvents", body);
                } catch (SignedAwsClient.ServiceError e) {
                    if (e.type.equals("ResourceNotFoundException")) streamsMade.remove(made); // made again next window
                    throw e;
                }
            }
        }
    }

    /** The log group (AWS makes it when it is missing) and the interface's log stream; "already exists" is fine. */
    private void makeStream(InetSocketAddress upstream, String region, AwsCredentialsIdentity credentials, String group, String stream)
            throws Exception {
        ObjectNode body = SignedAwsClient.JSON.createObjectNode().put("logGroupName", group).put("logStreamName", stream);
        try {
            client.call(upstream, "logs", region, credentials, "Logs_20140328.CreateLogStream", body);
        } catch (SignedAwsClient.ServiceError e) {
            if (e.type.equals("ResourceAlreadyExistsException")) return;
            if (!e.type.equals("ResourceNotFoundException")) throw e;
            try {
                client.call(upstream, "logs", region, credentials, "Logs_20140328.CreateLogGroup",
                        SignedAwsClient.JSON.createObjectNode().put("logGroupName", group));
            } catch (SignedAwsClient.ServiceError g) {
                if (!g.type.equals("ResourceAlreadyExistsException")) throw g;
            }
            try {
                client.call(upstream, "logs", region, credentials, "Logs_20140328.CreateLogStream", body);
            } catch (SignedAwsClient.ServiceError s) {
                if (!s.type.equals("ResourceAlreadyExistsException")) throw s;
            }
        }
    }

    @Override
    public void putRecords(FlowLog log, String account, List<FlowLogLine> lines) throws Exception {
        String region = log.destinationRegion();
        InetSocketAddress upstream = upstream("firehose", region, "Firehose");
        AwsCredentialsIdentity credentials = AwsCredentialsIdentity.create(account, SECRET);
        for (List<FlowLogLine> call : FlowLogBatches.records(lines)) {
            ObjectNode body = SignedAwsClient.JSON.createObjectNode().put("DeliveryStreamName", log.deliveryStreamName());
            ArrayNode records = body.putArray("Records");
            for (FlowLogLine line : call) {
                records.addObject().put("Data", Base64.getEncoder().encodeToString((line.text() + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            JsonNode answer = client.call(upstream, "firehose", region, credentials, "Firehose_20150804.PutRecordBatch", body);
            int failed = answer.path("FailedPutCount").asInt(0);
            if (failed > 0) {
                String why = "";
                for (JsonNode r : answer.path("RequestResponses")) {
                    if (r.hasNonNull("ErrorCode")) {
                        why = ": " + r.get("ErrorCode").asText() + " " + r.path("ErrorMessage").asText("");
                        break;
                    }
                }
                throw new IllegalStateException(failed + " of " + call.size() + " records were not put" + why);
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private InetSocketAddress upstream(String service, String region, String what) {
        return upstreams.apply(service, region).orElseThrow(() -> new IllegalStateException(
                "no upstream plays " + what + " in " + region + " (start localvpc with --upstream " + service + "=http://127.0.0.1:<port>)"));
    }
}
