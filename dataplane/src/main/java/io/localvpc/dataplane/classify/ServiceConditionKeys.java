package io.localvpc.dataplane.classify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Service-specific condition keys of the model-classified services that come straight from a request member, as the
 * AWS Service Authorization Reference lists them (e.g. {@code secretsmanager:SecretId}, {@code kms:EncryptionAlgorithm},
 * {@code ssm:Overwrite}, {@code lambda:Principal}), plus KMS's encryption context and EventBridge's event source and
 * detail type of {@code PutEvents}. Keys a request does not carry are left out, as AWS leaves them absent.
 */
final class ServiceConditionKeys {

    /** Per model: request member → condition key. */
    private static final Map<String, Map<String, String>> FROM_MEMBER = Map.of(
            "kms", Map.of("EncryptionAlgorithm", "kms:EncryptionAlgorithm", "KeySpec", "kms:KeySpec", "KeyUsage", "kms:KeyUsage",
                    "KeyAgreementAlgorithm", "kms:KeyAgreementAlgorithm", "MessageType", "kms:MessageType",
                    "SigningAlgorithm", "kms:SigningAlgorithm", "MacAlgorithm", "kms:MacAlgorithm"),
            "secretsmanager", Map.of("SecretId", "secretsmanager:SecretId", "Name", "secretsmanager:Name", "VersionStage", "secretsmanager:VersionStage",
                    "VersionId", "secretsmanager:VersionId", "Description", "secretsmanager:Description", "KmsKeyId", "secretsmanager:KmsKeyId"),
            "ssm", Map.of("Overwrite", "ssm:Overwrite", "Recursive", "ssm:Recursive"),
            "lambda", Map.of("Principal", "lambda:Principal", "FunctionUrlAuthType", "lambda:FunctionUrlAuthType"),
            "elbv2", Map.of("Scheme", "elasticloadbalancing:Scheme"));

    private ServiceConditionKeys() {
    }

    static void add(ConditionKeys keys, ServiceModels.Model model, String operation, Map<String, String> labels, Members m) {
        Map<String, String> members = FROM_MEMBER.getOrDefault(model.name(), Map.of());
        members.forEach((member, key) -> {
            String value = labels.containsKey(member) ? labels.get(member) : m.string(member);
            if (value != null) keys.put(key, value);
        });
        if (model.name().equals("kms")) {
            JsonNode context = m.node("EncryptionContext");
            if (context != null && context.isObject()) {
                List<String> contextKeys = new ArrayList<>();
                context.fields().forEachRemaining(e -> {
                    contextKeys.add(e.getKey());
                    keys.put("kms:EncryptionContext:" + e.getKey(), e.getValue().asText());
                });
                keys.put("kms:EncryptionContextKeys", contextKeys);
            }
        }
        if (model.name().equals("events") && operation.equals("PutEvents")) {
            JsonNode entries = m.node("Entries");
            List<String> sources = new ArrayList<>();
            List<String> detailTypes = new ArrayList<>();
            if (entries != null && entries.isArray()) {
                for (JsonNode e : entries) {
                    if (e.hasNonNull("Source")) sources.add(e.get("Source").asText());
                    if (e.hasNonNull("DetailType")) detailTypes.add(e.get("DetailType").asText());
                }
            }
            if (!sources.isEmpty()) keys.put("events:source", sources);
            if (!detailTypes.isEmpty()) keys.put("events:detail-type", detailTypes);
        }
    }
}
