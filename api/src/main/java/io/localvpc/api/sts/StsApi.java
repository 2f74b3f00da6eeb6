package io.localvpc.api.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService;
import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.AwsException;
import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.identity.IamPrincipal;
import io.localvpc.core.identity.IamScope;
import io.localvpc.core.identity.StsSession;
import io.localvpc.core.identity.StsSessions;
import io.localvpc.core.state.Store;
import io.localvpc.api.wire.ServiceModel;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS: GetCallerIdentity (who the key is), AssumeRole (a role's trust policy decides; the session acts as
 * {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}) and GetSessionToken.
 */
public final class StsApi {
    private static final ServiceModel MODEL = ServiceModel.load("/io/localvpc/api/sts-model.json");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/.+");

    private StsApi() {
    }

    /** @param identityPolicies a principal's identity policies, by name (consulted when it assumes a role in another account) */
    public static QueryProtocolService service(Store store, Function<IamPrincipal, Map<String, PolicyDocument>> identityPolicies) {
        return new QueryProtocolService("sts", MODEL, Map.of(
                "GetCallerIdentity", StsApi::getCallerIdentity,
                "AssumeRole", in -> assumeRole(store, identityPolicies, in),
                "GetSessionToken", in -> getSessionToken(store, in)));
    }

    private static ObjectNode getCallerIdentity(QueryRequest in) {
        return Json.object().put("UserId", in.caller().userId()).put("Account", in.caller().account()).put("Arn", in.caller().arn());
    }

    private static ObjectNode assumeRole(Store store, Function<IamPrincipal, Map<String, PolicyDocument>> identityPolicies, QueryRequest in) {
        for (String unbuilt : new String[]{"PolicyArns", "SerialNumber", "TokenCode", "ProvidedContexts", "TransitiveTagKeys"}) {
            JsonNode n = in.node(unbuilt);
            if (!n.isMissingNode() && !(n.isArray() && n.isEmpty())) {
                throw new AwsException("UnsupportedOperation", "localvpc's STS does not support " + unbuilt + " on AssumeRole yet.");
            }
        }
        String roleArn = in.string("RoleArn");
        Matcher m = roleArn == null ? null : ROLE_ARN.matcher(roleArn);
        if (m == null || !m.matches()) {
            throw new AwsException("ValidationError", "1 validation error detected: Value '" + roleArn + "' at 'roleArn' failed to satisfy constraint: "
                    + "Member must be a role ARN (arn:aws:iam::<account>:role/<name>)");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        in.node("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        Map<String, PolicyDocument> callerPolicies = identityPolicies.apply(in.caller());
        StsSession s = store.write(IamScope.of(m.group(1)), tx -> {
            StsSessions.forgetExpired(tx);
            return StsSessions.assumeRole(tx, in.caller(), callerPolicies, roleArn, in.string("RoleSessionName"), in.integer("DurationSeconds"),
                    in.string("Policy"), tags, in.string("ExternalId"));
        });
        ObjectNode out = Json.object();
        out.set("Credentials", credentials(s));
        out.putObject("AssumedRoleUser").put("AssumedRoleId", s.userId()).put("Arn", s.principalArn());
        if (in.string("Policy") != null) out.put("PackedPolicySize", 0);
        if (in.string("SourceIdentity") != null) out.put("SourceIdentity", in.string("SourceIdentity"));
        return out;
    }

    private static ObjectNode getSessionToken(Store store, QueryRequest in) {
        StsSession s = store.write(IamScope.of(in.caller().account()), tx -> {
            StsSessions.forgetExpired(tx);
            return StsSessions.sessionToken(tx, in.caller(), in.integer("DurationSeconds"));
        });
        ObjectNode out = Json.object();
        out.set("Credentials", credentials(s));
        return out;
    }

    private static ObjectNode credentials(StsSession s) {
        return Json.object().put("AccessKeyId", s.id()).put("SecretAccessKey", s.secretAccessKey()).put("SessionToken", s.sessionToken())
                .put("Expiration", s.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
