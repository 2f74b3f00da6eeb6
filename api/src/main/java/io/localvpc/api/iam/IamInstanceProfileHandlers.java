package io.localvpc.api.iam;

import io.localvpc.api.awsquery.QueryProtocolService.Handler;
import io.localvpc.core.identity.IamInstanceProfile;
import io.localvpc.core.identity.IamInstanceProfiles;
import io.localvpc.core.state.View;

import java.util.Map;

import static io.localvpc.api.iam.IamUserHandlers.one;

/** Instance profiles: create, read, list, delete, their tags, and the role each holds. */
final class IamInstanceProfileHandlers {
    private final IamStore iam;

    IamInstanceProfileHandlers(IamStore iam) {
        this.iam = iam;
    }

    void register(Map<String, Handler> h) {
        h.put("CreateInstanceProfile", in -> iam.write(in, tx -> {
            IamInstanceProfile p = IamInstanceProfiles.create(tx, in.string("InstanceProfileName"), in.string("Path"));
            IamTags.add(tx, p.id(), in.node("Tags"));
            return one("InstanceProfile", IamRender.instanceProfile(tx, p));
        }));
        h.put("GetInstanceProfile", in -> {
            View v = iam.view(in);
            return one("InstanceProfile", IamRender.instanceProfile(v, IamInstanceProfiles.require(v, in.string("InstanceProfileName"))));
        });
        h.put("ListInstanceProfiles", in -> {
            View v = iam.view(in);
            return IamPages.page(in, IamInstanceProfiles.list(v, in.string("PathPrefix")), IamInstanceProfile::name, "InstanceProfiles",
                    p -> IamRender.instanceProfile(v, p));
        });
        h.put("DeleteInstanceProfile", in -> iam.write(in, tx -> {
            IamInstanceProfiles.delete(tx, in.string("InstanceProfileName"));
            return null;
        }));
        h.put("TagInstanceProfile", in -> iam.write(in, tx -> {
            IamTags.add(tx, IamInstanceProfiles.require(tx, in.string("InstanceProfileName")).id(), in.node("Tags"));
            return null;
        }));
        h.put("UntagInstanceProfile", in -> iam.write(in, tx -> {
            IamTags.remove(tx, IamInstanceProfiles.require(tx, in.string("InstanceProfileName")).id(), in.strings("TagKeys"));
            return null;
        }));
        h.put("ListInstanceProfileTags", in -> {
            View v = iam.view(in);
            return IamTags.page(in, v, IamInstanceProfiles.require(v, in.string("InstanceProfileName")).id());
        });
        h.put("AddRoleToInstanceProfile", in -> iam.write(in, tx -> {
            IamInstanceProfiles.addRole(tx, in.string("InstanceProfileName"), in.string("RoleName"));
            return null;
        }));
        h.put("RemoveRoleFromInstanceProfile", in -> iam.write(in, tx -> {
            IamInstanceProfiles.removeRole(tx, in.string("InstanceProfileName"), in.string("RoleName"));
            return null;
        }));
    }
}
