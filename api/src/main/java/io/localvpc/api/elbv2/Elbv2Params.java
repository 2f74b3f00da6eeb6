package io.localvpc.api.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.core.model.Listener;
import io.localvpc.core.model.Tag;
import io.localvpc.core.ops.elbv2.Elbv2Errors;
import io.localvpc.core.ops.elbv2.HealthCheckSettings;
import io.localvpc.core.ops.elbv2.TargetRegistration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The structured parameters of ELBv2 requests (tags, attributes, targets, actions, certificates) as core's types. */
final class Elbv2Params {
    private Elbv2Params() {
    }

    static String text(JsonNode n, String member) {
        return n.hasNonNull(member) ? n.get(member).asText() : null;
    }

    static Integer integer(JsonNode n, String member) {
        return n.hasNonNull(member) ? n.get(member).intValue() : null;
    }

    static List<Tag> tags(QueryRequest in) {
        List<Tag> out = new ArrayList<>();
        for (JsonNode t : in.node("Tags")) out.add(new Tag(text(t, "Key"), text(t, "Value")));
        return out;
    }

    /** Attributes in request order; a key given twice keeps its last value. */
    static Map<String, String> attributes(QueryRequest in) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode a : in.node("Attributes")) {
            String key = text(a, "Key");
            if (key == null) throw Elbv2Errors.validation("An attribute key must be specified");
            out.put(key, text(a, "Value"));
        }
        return out;
    }

    static List<TargetRegistration.Given> targets(QueryRequest in) {
        List<TargetRegistration.Given> out = new ArrayList<>();
        for (JsonNode t : in.node("Targets")) out.add(new TargetRegistration.Given(text(t, "Id"), integer(t, "Port"), text(t, "AvailabilityZone")));
        return out;
    }

    static HealthCheckSettings.Given healthCheck(QueryRequest in) {
        JsonNode matcher = in.node("Matcher");
        if (matcher.hasNonNull("GrpcCode")) throw Elbv2Errors.invalidConfiguration("gRPC health-check codes apply to Application Load Balancer target groups only");
        return new HealthCheckSettings.Given(in.params().hasNonNull("HealthCheckEnabled") ? in.params().get("HealthCheckEnabled").asBoolean() : null,
                in.string("HealthCheckProtocol"), in.string("HealthCheckPort"), in.string("HealthCheckPath"), text(matcher, "HttpCode"),
                in.integer("HealthCheckIntervalSeconds"), in.integer("HealthCheckTimeoutSeconds"), in.integer("HealthyThresholdCount"),
                in.integer("UnhealthyThresholdCount"));
    }

    static List<String> certificates(QueryRequest in) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : in.node("Certificates")) {
            String arn = text(c, "CertificateArn");
            if (arn == null) throw Elbv2Errors.validation("A certificate ARN must be specified");
            out.add(arn);
        }
        return out;
    }

    /** DefaultActions: a forward action names its group by TargetGroupArn or in ForwardConfig (with weights). */
    static List<Listener.Action> actions(QueryRequest in) {
        List<Listener.Action> out = new ArrayList<>();
        for (JsonNode a : in.node("DefaultActions")) {
            String type = text(a, "Type");
            if (type == null) throw Elbv2Errors.validation("An action type must be specified");
            List<Listener.WeightedTargetGroup> groups = new ArrayList<>();
            String single = text(a, "TargetGroupArn");
            JsonNode forward = a.path("ForwardConfig").path("TargetGroups");
            if (single != null) groups.add(new Listener.WeightedTargetGroup(single, null));
            for (JsonNode g : forward) {
                String arn = text(g, "TargetGroupArn");
                if (arn == null) throw Elbv2Errors.validation("A target group ARN must be specified in ForwardConfig");
                if (single != null && !single.equals(arn)) {
                    throw Elbv2Errors.validation("TargetGroupArn and ForwardConfig name different target groups; give one of them");
                }
                if (single == null) groups.add(new Listener.WeightedTargetGroup(arn, integer(g, "Weight")));
            }
            if (groups.size() > 1) {
                throw Elbv2Errors.invalidConfiguration("A Network Load Balancer listener forwards to one target group; weighted forwarding to several is not supported");
            }
            out.add(new Listener.Action(type, groups));
        }
        return out;
    }
}
