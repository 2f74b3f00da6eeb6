package io.localvpc.api.iam;

import io.localvpc.api.awsquery.QueryProtocolService.Handler;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.AwsException;
import io.localvpc.core.identity.IamInstanceProfile;
import io.localvpc.core.identity.IamInstanceProfiles;
import io.localvpc.core.identity.IamRole;
import io.localvpc.core.identity.IamRoles;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.localvpc.api.iam.IamUserHandlers.one;

/** IAM roles: create, read, list, update, delete, their trust policy, policies, tags and instance profiles. */
final class IamRoleHandlers {
    private final IamStore iam;

    IamRoleHandlers(IamStore iam) {
        this.iam = iam;
    }

    void register(Map<String, Handler> h) {
        h.put("CreateRole", in -> {
            IamUserHandlers.refuseBoundary(in);
            return iam.write(in, tx -> {
                IamRole r = IamRoles.create(tx, in.string("RoleName"), in.string("Path"), in.string("AssumeRolePolicyDocument"),
                        in.string("Description"), in.integer("MaxSessionDuration"));
                IamTags.add(tx, r.id(), in.node("Tags"));
                return one("Role", IamRender.role(tx, r, true));
            });
        });
        h.put("GetRole", in -> {
            View v = iam.view(in);
            return one("Role", IamRender.role(v, IamRoles.require(v, in.string("RoleName")), true));
        });
        h.put("ListRoles", in -> {
            View v = iam.view(in);
            return IamPages.page(in, IamRoles.list(v, in.string("PathPrefix")), IamRole::name, "Roles", r -> IamRender.role(v, r, false));
        });
        h.put("UpdateRole", in -> iam.write(in, tx -> {
            IamRoles.update(tx, in.string("RoleName"), in.string("Description"), in.integer("MaxSessionDuration"));
            return Json.object();
        }));
        h.put("UpdateRoleDescription", in -> iam.write(in, tx -> {
            String description = in.string("Description");
            if (description == null) {
                throw new AwsException("ValidationError", "1 validation error detected: Value null at 'description' failed to satisfy constraint: "
                        + "Member must not be null");
            }
            IamRoles.update(tx, in.string("RoleName"), description, null);
            return one("Role", IamRender.role(tx, IamRoles.require(tx, in.string("RoleName")), true));
        }));
        h.put("UpdateAssumeRolePolicy", in -> iam.write(in, tx -> {
            IamRoles.updateTrust(tx, in.string("RoleName"), in.string("PolicyDocument"));
            return null;
        }));
        h.put("DeleteRole", in -> iam.write(in, tx -> {
            IamRoles.delete(tx, in.string("RoleName"));
            return null;
        }));
        h.put("PutRolePolicy", in -> iam.write(in, tx -> {
            IamRoles.putPolicy(tx, in.string("RoleName"), in.string("PolicyName"), in.string("PolicyDocument"));
            return null;
        }));
        h.put("GetRolePolicy", in -> Json.object().put("RoleName", in.string("RoleName")).put("PolicyName", in.string("PolicyName"))
                .put("PolicyDocument", IamRender.document(IamRoles.getPolicy(iam.view(in), in.string("RoleName"), in.string("PolicyName")))));
        h.put("DeleteRolePolicy", in -> iam.write(in, tx -> {
            IamRoles.deletePolicy(tx, in.string("RoleName"), in.string("PolicyName"));
            return null;
        }));
        h.put("ListRolePolicies", in -> {
            List<String> names = new ArrayList<>(IamRoles.require(iam.view(in), in.string("RoleName")).inlinePolicies().keySet());
            names.sort(null);
            return IamPages.page(in, names, n -> n, "PolicyNames", n -> n);
        });
        h.put("AttachRolePolicy", in -> iam.write(in, tx -> {
            IamRoles.attach(tx, in.string("RoleName"), in.string("PolicyArn"));
            return null;
        }));
        h.put("DetachRolePolicy", in -> iam.write(in, tx -> {
            IamRoles.detach(tx, in.string("RoleName"), in.string("PolicyArn"));
            return null;
        }));
        h.put("ListAttachedRolePolicies", in -> {
            View v = iam.view(in);
            return IamPolicyHandlers.attached(in, v, IamRoles.require(v, in.string("RoleName")).attachedPolicyArns());
        });
        h.put("TagRole", in -> iam.write(in, tx -> {
            IamTags.add(tx, IamRoles.require(tx, in.string("RoleName")).id(), in.node("Tags"));
            return null;
        }));
        h.put("UntagRole", in -> iam.write(in, tx -> {
            IamTags.remove(tx, IamRoles.require(tx, in.string("RoleName")).id(), in.strings("TagKeys"));
            return null;
        }));
        h.put("ListRoleTags", in -> {
            View v = iam.view(in);
            return IamTags.page(in, v, IamRoles.require(v, in.string("RoleName")).id());
        });
        h.put("ListInstanceProfilesForRole", in -> {
            View v = iam.view(in);
            IamRoles.require(v, in.string("RoleName"));
            return IamPages.page(in, IamInstanceProfiles.forRole(v, in.string("RoleName")), IamInstanceProfile::name, "InstanceProfiles",
                    p -> IamRender.instanceProfile(v, p));
        });
    }
}
