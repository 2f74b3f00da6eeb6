package io.localvpc.core.flowlogs;

import io.localvpc.core.AwsException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow log's record format: the fields AWS defines, in the order a {@code LogFormat} names them
 * ({@code ${version} ${account-id} …}), checked as CreateFlowLogs checks it. The header line of each delivered
 * object is the field names in that order; {@code ${version}} is the highest version among the fields used.
 */
public final class FlowLogFormat {
    /** Every field AWS defines, with the version that introduced it (the ECS fields and reject-reason are always "-" here). */
    private static final Map<String, Integer> FIELDS = new LinkedHashMap<>();

    static {
        for (String f : List.of("version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
                "packets", "bytes", "start", "end", "action", "log-status")) FIELDS.put(f, 2);
        for (String f : List.of("vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr")) FIELDS.put(f, 3);
        for (String f : List.of("region", "az-id", "sublocation-type", "sublocation-id")) FIELDS.put(f, 4);
        for (String f : List.of("pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path")) FIELDS.put(f, 5);
        for (String f : List.of("ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
                "ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn", "ecs-task-arn",
                "ecs-task-id")) FIELDS.put(f, 7);
        FIELDS.put("reject-reason", 8);
    }

    /** AWS's default format (version 2), used when CreateFlowLogs has no LogFormat. */
    public static final String DEFAULT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
            + "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";

    private final List<String> fields;
    private final int version;

    private FlowLogFormat(List<String> fields) {
        this.fields = Collections.unmodifiableList(fields);
        int v = 2;
        for (String f : fields) v = Math.max(v, FIELDS.get(f));
        this.version = v;
    }

    /** The format of a LogFormat parameter, or AWS's error naming what is wrong with it. Null or empty is the default. */
    public static FlowLogFormat parse(String logFormat) {
        if (logFormat == null || logFormat.isEmpty()) return parse(DEFAULT);
        List<String> fields = new ArrayList<>();
        for (String token : logFormat.split(" ", -1)) {
            if (!token.startsWith("${") || !token.endsWith("}") || token.length() < 4) {
                throw invalid(logFormat, "each field is written ${field-name}, separated by single spaces"
                        + (token.isEmpty() ? " (no leading, trailing or double spaces)" : "; '" + token + "' is not"));
            }
            String name = token.substring(2, token.length() - 1);
            if (!FIELDS.containsKey(name)) {
                throw invalid(logFormat, "'" + name + "' is not a flow log field (fields: " + String.join(", ", FIELDS.keySet()) + ")");
            }
            fields.add(name);
        }
        return new FlowLogFormat(fields);
    }

    private static AwsException invalid(String logFormat, String why) {
        return AwsException.invalidParameter("Value (" + logFormat + ") for parameter LogFormat is invalid: " + why + ".");
    }

    public List<String> fields() {
        return fields;
    }

    /** The value of {@code ${version}}: the highest version among the fields used (2 for the default format). */
    public int version() {
        return version;
    }

    /** The first line of each delivered object: the field names, space-separated. */
    public String header() {
        return String.join(" ", fields);
    }

    /** The format written back as a LogFormat string (what DescribeFlowLogs shows). */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            if (b.length() > 0) b.append(' ');
            b.append("${").append(f).append('}');
        }
        return b.toString();
    }
}
