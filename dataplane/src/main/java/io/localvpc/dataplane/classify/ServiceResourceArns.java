package io.localvpc.dataplane.classify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ARNs of the resources a request names, spelled as the AWS Service Authorization Reference gives each service's
 * resource types, from the input members the model marks (their kind comes from {@code tools/gen-service-models.py}):
 * KMS keys and aliases, Secrets Manager secrets, SSM parameters and documents, CloudWatch Logs groups and streams, ECR
 * repositories, Lambda functions and layers, Kinesis streams, Firehose delivery streams, EventBridge rules and buses,
 * Step Functions state machines and activities, CloudWatch alarms, and members that are ARNs already (ELB, Step
 * Functions). A name the request gives relative to the caller's account is placed in the endpoint owner's account.
 */
final class ServiceResourceArns {

    /** The ARNs found, or why a member that names the resource could not be read ({@code missing}). */
    record Result(List<String> arns, String missing) {
    }

    private ServiceResourceArns() {
    }

    static Result of(Context c, ServiceModels.Model model, String operation, List<String> named, Map<String, String> labels, Members m) {
        Set<String> arns = new LinkedHashSet<>();
        for (String member : named) {
            List<String> values = labels.containsKey(member) ? List.of(labels.get(member)) : m.strings(member);
            String kind = model.resourceKinds().get(member);
            for (String v : values) {
                String arn = arn(c, model, operation, kind, v, labels, m);
                if (arn != null) arns.add(arn);
            }
        }
        if (model.name().equals("events") && operation.equals("PutEvents")) arns.addAll(eventBusesOf(c, m));
        if (arns.isEmpty() && !named.isEmpty() && !m.complete()) {
            return new Result(List.of(), m.whyMissing(operation, String.join(" or ", named)));
        }
        return new Result(List.copyOf(arns), null);
    }

    private static String arn(Context c, ServiceModels.Model model, String operation, String kind, String value, Map<String, String> labels,
                              Members m) {
        if (value == null || value.isEmpty()) return null;
        String region = c.region();
        String account = c.resourceAccount();
        if (value.startsWith("arn:")) return value.endsWith(":*") && kind.equals("log-group") ? value.substring(0, value.length() - 2) : value;
        return switch (kind) {
            case "arn" -> null; // an ARN member that holds something else: nothing to check it on
            case "key" -> value.startsWith("alias/") ? ResourceArns.of("kms", region, account, value) : ResourceArns.of("kms", region, account, "key/" + value);
            case "alias" -> ResourceArns.of("kms", region, account, value.startsWith("alias/") ? value : "alias/" + value);
            case "secret" -> ResourceArns.of("secretsmanager", region, account, "secret:" + value);
            case "ssm-name" -> operation.contains("Parameter") ? parameter(region, account, value)
                    : operation.contains("Document") ? ResourceArns.of("ssm", region, account, "document/" + value) : null;
            case "parameter" -> parameter(region, account, value);
            case "document" -> ResourceArns.of("ssm", region, account, "document/" + value);
            case "log-group" -> {
                String stream = first(labels, m, "logStreamName");
                String group = ResourceArns.of("logs", region, account, "log-group:" + value);
                yield stream == null ? group : group + ":log-stream:" + stream;
            }
            case "repository" -> {
                String registry = first(labels, m, "registryId");
                yield ResourceArns.of("ecr", region, registry != null ? registry : account, "repository/" + value);
            }
            case "function" -> function(region, account, value);
            case "layer" -> ResourceArns.of("lambda", region, account, "layer:" + value);
            case "stream" -> ResourceArns.of("kinesis", region, account, "stream/" + value);
            case "deliverystream" -> ResourceArns.of("firehose", region, account, "deliverystream/" + value);
            case "rule" -> rule(region, account, value, first(labels, m, "EventBusName"));
            case "events-name" -> operation.contains("Rule") ? rule(region, account, value, first(labels, m, "EventBusName"))
                    : operation.contains("EventBus") ? ResourceArns.of("events", region, account, "event-bus/" + value) : null;
            case "event-bus" -> operation.contains("Rule") || operation.contains("Targets") ? null // the rule is the resource
                    : ResourceArns.of("events", region, account, "event-bus/" + value);
            case "states-name" -> operation.equals("CreateStateMachine") ? ResourceArns.of("states", region, account, "stateMachine:" + value)
                    : operation.equals("CreateActivity") ? ResourceArns.of("states", region, account, "activity:" + value) : null;
            case "alarm" -> ResourceArns.of("cloudwatch", region, account, "alarm:" + value);
            default -> null;
        };
    }

    private static String first(Map<String, String> labels, Members m, String member) {
        if (labels.containsKey(member)) return labels.get(member);
        List<String> values = m.strings(member);
        return values.isEmpty() ? null : values.get(0);
    }

    /** {@code parameter/a/b} for {@code /a/b} and {@code a/b}: the ARN has one slash between "parameter" and the name. */
    private static String parameter(String region, String account, String name) {
        return ResourceArns.of("ssm", region, account, "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    /** A function name, partial ARN ({@code 123456789012:function:f}) or name with qualifier ({@code f:prod}). */
    private static String function(String region, String account, String value) {
        int at = value.indexOf(":function:");
        if (at > 0) return ResourceArns.of("lambda", region, value.substring(0, at), value.substring(at + 1));
        return ResourceArns.of("lambda", region, account, "function:" + value);
    }

    private static String rule(String region, String account, String name, String bus) {
        boolean custom = bus != null && !bus.equals("default");
        String busName = custom && bus.startsWith("arn:") ? bus.substring(bus.lastIndexOf('/') + 1) : bus;
        return ResourceArns.of("events", region, account, "rule/" + (custom ? busName + "/" : "") + name);
    }

    /** PutEvents: the bus of each entry, the account's default bus where an entry names none. */
    private static List<String> eventBusesOf(Context c, Members m) {
        List<String> out = new ArrayList<>();
        JsonNode entries = m.node("Entries");
        if (entries == null || !entries.isArray()) return out;
        for (JsonNode e : entries) {
            String bus = e.path("EventBusName").asText("default");
            out.add(bus.startsWith("arn:") ? bus : ResourceArns.of("events", c.region(), c.resourceAccount(), "event-bus/" + bus));
        }
        return out;
    }
}
