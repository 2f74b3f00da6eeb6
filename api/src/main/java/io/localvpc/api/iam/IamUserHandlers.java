package io.localvpc.api.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.Handler;
import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.AwsException;
import io.localvpc.core.identity.IamAccessKey;
import io.localvpc.core.identity.IamPolicies;
import io.localvpc.core.identity.IamPrincipal;
import io.localvpc.core.identity.IamUser;
import io.localvpc.core.identity.IamUsers;
import io.localvpc.core.state.View;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IAM users: CreateUser, GetUser, ListUsers, DeleteUser, their access keys, policies and tags. */
final class IamUserHandlers {
    private final IamStore iam;
    private final String identitiesSince;

    IamUserHandlers(IamStore iam, Instant identitiesSince) {
        this.iam = iam;
        this.identitiesSince = IamRender.date(identitiesSince);
    }

    void register(Map<String, Handler> h) {
        h.put("CreateUser", in -> {
            refuseBoundary(in);
            return iam.write(in, tx -> {
                IamUser u = IamUsers.create(tx, in.string("UserName"), in.string("Path"));
                IamTags.add(tx, u.id(), in.node("Tags"));
                return one("User", IamRender.user(tx, u, true));
            });
        });
        h.put("GetUser", this::getUser);
        h.put("ListUsers", in -> {
            View v = iam.view(in);
            return IamPages.page(in, IamUsers.list(v, in.string("PathPrefix")), IamUser::name, "Users", u -> IamRender.user(v, u, false));
        });
        h.put("DeleteUser", in -> iam.write(in, tx -> {
            IamUsers.delete(tx, in.string("UserName"));
            return null;
        }));
        h.put("CreateAccessKey", in -> iam.write(in, tx -> {
            IamAccessKey k = IamUsers.createAccessKey(tx, userNameOrCaller(in));
            ObjectNode key = IamRender.accessKeyMetadata(k).put("SecretAccessKey", k.secretAccessKey());
            return one("AccessKey", key);
        }));
        h.put("ListAccessKeys", in -> {
            View v = iam.view(in);
            IamUser u = IamUsers.require(v, userNameOrCaller(in));
            return IamPages.page(in, IamUsers.keys(v, u), IamAccessKey::id, "AccessKeyMetadata", IamRender::accessKeyMetadata);
        });
        h.put("UpdateAccessKey", in -> iam.write(in, tx -> {
            IamUsers.updateAccessKey(tx, userNameOrCaller(in), in.string("AccessKeyId"), in.string("Status"));
            return null;
        }));
        h.put("DeleteAccessKey", in -> iam.write(in, tx -> {
            IamUsers.deleteAccessKey(tx, userNameOrCaller(in), in.string("AccessKeyId"));
            return null;
        }));
        h.put("PutUserPolicy", in -> iam.write(in, tx -> {
            IamUsers.putPolicy(tx, in.string("UserName"), in.string("PolicyName"), in.string("PolicyDocument"));
            return null;
        }));
        h.put("GetUserPolicy", in -> Json.object().put("UserName", in.string("UserName")).put("PolicyName", in.string("PolicyName"))
                .put("PolicyDocument", IamRender.document(IamUsers.getPolicy(iam.view(in), in.string("UserName"), in.string("PolicyName")))));
        h.put("DeleteUserPolicy", in -> iam.write(in, tx -> {
            IamUsers.deletePolicy(tx, in.string("UserName"), in.string("PolicyName"));
            return null;
        }));
        h.put("ListUserPolicies", in -> {
            List<String> names = new ArrayList<>(IamUsers.require(iam.view(in), in.string("UserName")).inlinePolicies().keySet());
            names.sort(null);
            return IamPages.page(in, names, n -> n, "PolicyNames", n -> n);
        });
        h.put("AttachUserPolicy", in -> iam.write(in, tx -> {
            IamUsers.attach(tx, in.string("UserName"), in.string("PolicyArn"));
            return null;
        }));
        h.put("DetachUserPolicy", in -> iam.write(in, tx -> {
            IamUsers.detach(tx, in.string("UserName"), in.string("PolicyArn"));
            return null;
        }));
        h.put("ListAttachedUserPolicies", in -> {
            View v = iam.view(in);
            return IamPolicyHandlers.attached(in, v, IamUsers.require(v, in.string("UserName")).attachedPolicyArns());
        });
        h.put("TagUser", in -> iam.write(in, tx -> {
            IamTags.add(tx, IamUsers.require(tx, in.string("UserName")).id(), in.node("Tags"));
            return null;
        }));
        h.put("UntagUser", in -> iam.write(in, tx -> {
            IamTags.remove(tx, IamUsers.require(tx, in.string("UserName")).id(), in.strings("TagKeys"));
            return null;
        }));
        h.put("ListUserTags", in -> {
            View v = iam.view(in);
            return IamTags.page(in, v, IamUsers.require(v, in.string("UserName")).id());
        });
    }

    /**
     * The caller itself, or the user named. Root credentials get the account's root (its id and ARN, no name or
     * path, as AWS answers them); a user configured by --iam-config that IAM does not hold is answered from its
     * configuration; role sessions must name a user.
     */
    private ObjectNode getUser(QueryRequest in) {
        IamPrincipal caller = in.caller();
        String asked = in.string("UserName");
        View v = iam.view(in);
        String own = caller.userName();
        String ownName = own == null ? null : own.substring(own.lastIndexOf('/') + 1);
        if (asked != null && !asked.equals(ownName)) return one("User", IamRender.user(v, IamUsers.require(v, asked), true));
        if (caller.isRoot()) {
            return one("User", Json.object().put("UserId", caller.userId()).put("Arn", caller.arn()).put("CreateDate", identitiesSince));
        }
        if (own == null) throw new AwsException("ValidationError", "Must specify userName when calling with non-User credentials");
        String name = ownName;
        Optional<IamUser> held = IamUsers.find(v, name).filter(u -> u.arn().equals(caller.arn()));
        if (held.isPresent()) return one("User", IamRender.user(v, held.get(), true));
        int slash = own.lastIndexOf('/');
        return one("User", Json.object().put("Path", slash < 0 ? "/" : "/" + own.substring(0, slash + 1)).put("UserName", name)
                .put("UserId", caller.userId()).put("Arn", caller.arn()).put("CreateDate", identitiesSince));
    }

    /** The UserName given, or the calling user's own name (IAM's default for access-key calls). */
    private static String userNameOrCaller(QueryRequest in) {
        String name = in.string("UserName");
        if (name != null) return name;
        String own = in.caller().userName();
        if (own == null) {
            throw new AwsException("UnsupportedOperation", "localvpc's IAM keeps access keys for IAM users only; name the user (UserName) "
                    + "— the caller " + in.caller().arn() + " is not one.");
        }
        return own.substring(own.lastIndexOf('/') + 1);
    }

    static void refuseBoundary(QueryRequest in) {
        if (in.string("PermissionsBoundary") != null && !in.string("PermissionsBoundary").isEmpty()) {
            throw new AwsException("UnsupportedOperation", "localvpc does not model permissions boundaries: PermissionsBoundary is not supported.");
        }
    }

    static ObjectNode one(String member, ObjectNode value) {
        ObjectNode out = Json.object();
        out.set(member, value);
        return out;
    }
}
