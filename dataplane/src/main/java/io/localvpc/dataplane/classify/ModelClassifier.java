package io.localvpc.dataplane.classify;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every service the hand-written classifiers (S3, DynamoDB, SQS, SNS, STS) do not cover, classified from the SDK
 * models localvpc ships ({@link ServiceModels}): the operation from {@code X-Amz-Target} (JSON), {@code Action=} (Query,
 * EC2), the method and path (REST-JSON, REST-XML) or the path of RPC v2 CBOR; the IAM action from the operation (with
 * the known renames); the resources from the input members that name them ({@link ServiceResourceArns}) for the
 * services localvpc spells resources of, {@code *} for operations without one and for the other services.
 */
final class ModelClassifier {

    private ModelClassifier() {
    }

    /** A JSON-protocol request; null when no model has this target prefix. */
    static Classification json(Context c, String targetPrefix, String operation) {
        ServiceModels.Model model = ServiceModels.byTargetPrefix(targetPrefix);
        if (model == null) return null;
        Members members;
        try {
            members = Members.json(c.body());
        } catch (IOException e) {
            return new Unclassifiable(model.iamPrefix(), "the " + operation + " body is not a JSON object: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return classify(c, model, operation, Map.of(), members);
    }

    /** A Query- or EC2-protocol request to a service reached under {@code service}; null when no such model exists. */
    static Classification query(Context c, String service, String operation, Members members) {
        ServiceModels.Model model = null;
        String version = members.string("Version");
        for (ServiceModels.Model m : ServiceModels.byServiceName(service)) {
            if (!m.speaks("query") && !m.speaks("ec2")) continue;
            if (model == null || (version != null && version.equals(m.apiVersion()))) model = m;
        }
        return model == null ? null : classify(c, model, operation, Map.of(), members);
    }

    /** An RPC v2 CBOR request ({@code POST /service/<Service>/operation/<Operation>}); null when the path is not one. */
    static Classification cbor(Context c) {
        List<String> segments = ServiceModels.segments(c.rawPath());
        if (segments.size() != 4 || !segments.get(0).equals("service") || !segments.get(2).equals("operation")) return null;
        ServiceModels.Model model = ServiceModels.byTargetPrefix(segments.get(1));
        if (model == null) return null;
        String operation = segments.get(3);
        if (!model.resourceMembers().getOrDefault(operation, List.of()).isEmpty()) {
            // the members that name the resource are in a CBOR body, which localvpc does not read
            return new Unclassifiable(model.iamPrefix(), operation + " names its resource in a CBOR body, which localvpc does not decode");
        }
        return c.classified(model.iamPrefix(), operation, model.action(operation), List.of("*"), new ConditionKeys());
    }

    /** A REST request to a service reached under {@code service}: the most specific route of its models that matches. */
    static Classification rest(Context c, String service) {
        List<String> path = new ArrayList<>();
        for (String s : ServiceModels.segments(c.rawPath())) path.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        ServiceModels.Model bestModel = null;
        ServiceModels.Route best = null;
        Map<String, String> bestLabels = null;
        boolean anyRest = false;
        for (ServiceModels.Model m : ServiceModels.byServiceName(service)) {
            if (!m.isRest()) continue;
            anyRest = true;
            for (ServiceModels.Route r : m.routes()) {
                if (!r.method().equalsIgnoreCase(c.head().method().name())) continue;
                if (!c.query().keySet().containsAll(r.queryKeys())) continue;
                Map<String, String> labels = match(r.segments(), path);
                if (labels != null && (best == null || r.literals() > best.literals())) {
                    bestModel = m;
                    best = r;
                    bestLabels = labels;
                }
            }
        }
        if (!anyRest) return null;
        if (best == null) {
            return new Unclassifiable(service, c.head().method() + " " + c.rawPath() + " matches no operation of the " + service + " API models localvpc ships");
        }
        if (bestModel.iamPrefix().equals("apigateway")) {
            // API Gateway's management API is authorized by HTTP method on the path (apigateway:GET on arn:aws:apigateway:<region>::/restapis/…)
            String arn = "arn:" + ResourceArns.partition(c.region()) + ":apigateway:" + c.region() + "::" + c.rawPath();
            return c.classified("apigateway", best.operation(), "apigateway:" + c.head().method().name(), List.of(arn), new ConditionKeys());
        }
        Members members;
        try {
            members = RequestClassifier.hasJsonBody(c.head()) ? Members.json(c.body()) : Members.form(c.query(), c.body(), false);
        } catch (IOException e) {
            members = Members.form(c.query(), c.body(), false);
        }
        return classify(c, bestModel, best.operation(), bestLabels, members);
    }

    /** The labels of a path that fits a template ({@code {Name}} one segment, {@code {Name+}} the rest), or null. */
    static Map<String, String> match(List<String> template, List<String> path) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("+}")) {
                if (i >= path.size()) return null;
                labels.put(t.substring(1, t.length() - 2), String.join("/", path.subList(i, path.size())));
                return labels;
            }
            if (i >= path.size()) return null;
            if (t.startsWith("{") && t.endsWith("}")) labels.put(t.substring(1, t.length() - 1), path.get(i));
            else if (!t.equals(path.get(i))) return null;
        }
        return template.size() == path.size() ? labels : null;
    }

    private static Classification classify(Context c, ServiceModels.Model model, String operation, Map<String, String> labels, Members members) {
        List<String> resources;
        if (!model.spellsResources()) {
            resources = List.of("*");
        } else {
            List<String> named = model.resourceMembers().get(operation);
            if (named == null) {
                return new Unclassifiable(model.iamPrefix(), operation + " is not an operation of the " + model.name() + " API model localvpc ships");
            }
            ServiceResourceArns.Result r = ServiceResourceArns.of(c, model, operation, named, labels, members);
            if (r.missing() != null) return new Unclassifiable(model.iamPrefix(), r.missing());
            resources = r.arns().isEmpty() ? List.of("*") : r.arns();
        }
        ConditionKeys keys = requestTags(members);
        ServiceConditionKeys.add(keys, model, operation, labels, members);
        return c.classified(model.iamPrefix(), operation, model.action(operation), resources, keys);
    }

    /** {@code aws:RequestTag/<key>} and {@code aws:TagKeys} of the tags a request attaches (JSON {@code Tags}/{@code tags}). */
    private static ConditionKeys requestTags(Members members) {
        ConditionKeys keys = new ConditionKeys();
        for (String name : List.of("Tags", "tags")) {
            JsonNode tags = members.node(name);
            if (tags == null) continue;
            List<String> tagKeys = new ArrayList<>();
            if (tags.isObject()) {
                tags.fields().forEachRemaining(t -> {
                    tagKeys.add(t.getKey());
                    keys.put("aws:RequestTag/" + t.getKey(), t.getValue().asText());
                });
            } else if (tags.isArray()) {
                for (JsonNode t : tags) {
                    JsonNode k = t.has("Key") ? t.get("Key") : t.get("key");
                    JsonNode v = t.has("Value") ? t.get("Value") : t.get("value");
                    if (k == null) continue;
                    tagKeys.add(k.asText());
                    if (v != null) keys.put("aws:RequestTag/" + k.asText(), v.asText());
                }
            }
            if (!tagKeys.isEmpty()) keys.put("aws:TagKeys", tagKeys);
        }
        return keys;
    }
}
