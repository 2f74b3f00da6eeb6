package io.localvpc.api.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.Caller;
import io.localvpc.api.awsquery.QueryProtocolService;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.wire.ServiceModel;
import io.localvpc.core.AwsException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * IAM as far as clients need it to find out who they are: GetUser for the caller (Terraform's provider
 * and Ansible's modules ask for it at start). Users, roles and policies are not served yet.
 */
public final class IamApi {
    private static final ServiceModel MODEL = ServiceModel.load("/io/localvpc/api/iam-model.json");

    private IamApi() {
    }

    /** @param identitiesSince when the identities came to be: localvpc's start, shown as the users' CreateDate */
    public static QueryProtocolService service(Instant identitiesSince) {
        String created = identitiesSince.truncatedTo(ChronoUnit.SECONDS).toString();
        return new QueryProtocolService("iam", MODEL, Map.of("GetUser", in -> getUser(in, created)));
    }

    /**
     * The caller itself, or the user named: root credentials get the account's root (its id and ARN, no
     * name or path, as AWS answers them), user credentials their user; role sessions must name a user.
     */
    private static ObjectNode getUser(QueryProtocolService.QueryRequest in, String created) {
        Caller caller = in.caller();
        String asked = in.string("UserName");
        String own = caller.userName();
        if (asked == null && !caller.isRoot() && own == null) {
            throw new AwsException("ValidationError", "Must specify userName when calling with non-User credentials");
        }
        if (asked != null && !asked.equals(own == null ? null : own.substring(own.lastIndexOf('/') + 1))) {
            throw new AwsException("NoSuchEntity", "The user with name " + asked + " cannot be found. localvpc knows only the calling user "
                    + "(users of your own are not served yet).", 404);
        }
        ObjectNode out = Json.object();
        ObjectNode user = out.putObject("User");
        if (own != null) {
            int slash = own.lastIndexOf('/');
            user.put("Path", slash < 0 ? "/" : "/" + own.substring(0, slash + 1));
            user.put("UserName", slash < 0 ? own : own.substring(slash + 1));
        }
        user.put("UserId", caller.userId()).put("Arn", caller.arn()).put("CreateDate", created);
        return out;
    }
}
