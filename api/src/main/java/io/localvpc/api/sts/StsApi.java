package io.localvpc.api.sts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.wire.ServiceModel;

import java.util.Map;

/**
 * STS as far as clients need it to find out who they are (Terraform and Ansible ask at start):
 * GetCallerIdentity answers the account, ARN and user id of the signing key.
 */
public final class StsApi {
    private static final ServiceModel MODEL = ServiceModel.load("/io/localvpc/api/sts-model.json");

    private StsApi() {
    }

    public static QueryProtocolService service() {
        return new QueryProtocolService("sts", MODEL, Map.of("GetCallerIdentity", StsApi::getCallerIdentity));
    }

    private static ObjectNode getCallerIdentity(QueryProtocolService.QueryRequest in) {
        return Json.object()
                .put("UserId", in.caller().userId())
                .put("Account", in.caller().accountId())
                .put("Arn", in.caller().arn());
    }
}
