package io.localvpc.api.iam;

import io.localvpc.api.awsquery.QueryProtocolService;
import io.localvpc.api.wire.ServiceModel;
import io.localvpc.core.state.Store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * IAM for what networks need, on the API port: users and their access keys, roles with trust policies, inline and
 * customer managed policies, instance profiles, and tags, kept in each account's IAM scope.
 */
public final class IamApi {
    private static final ServiceModel MODEL = ServiceModel.load("/io/localvpc/api/iam-model.json");

    private IamApi() {
    }

    /** @param identitiesSince when localvpc started: the CreateDate it shows for the root and for configured users */
    public static QueryProtocolService service(Store store, Instant identitiesSince) {
        IamStore iam = new IamStore(store);
        Map<String, QueryProtocolService.Handler> handlers = new HashMap<>();
        new IamUserHandlers(iam, identitiesSince).register(handlers);
        new IamRoleHandlers(iam).register(handlers);
        new IamPolicyHandlers(iam).register(handlers);
        new IamInstanceProfileHandlers(iam).register(handlers);
        return new QueryProtocolService("iam", MODEL, handlers);
    }
}
