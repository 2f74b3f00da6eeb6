package io.localvpc.core.identity;

import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Instance profiles of an account: each holds at most one role, which instances launched with it act as. */
public final class IamInstanceProfiles {
    /** IAM's quota: one role per instance profile. */
    static final int ROLES_PER_PROFILE = 1;

    private IamInstanceProfiles() {
    }

    public static IamInstanceProfile create(Tx tx, String name, String path) {
        IamNames.name(name, "instanceProfileName", 128);
        String p = IamNames.path(path);
        if (find(tx, name).isPresent()) throw IamErrors.alreadyExists("Instance Profile " + name + " already exists.");
        return tx.put(new IamInstanceProfile(IamUsers.newId(tx, "AIPA"), tx.scope().account(), name, p, null, tx.now()));
    }

    public static Optional<IamInstanceProfile> find(View view, String name) {
        for (IamInstanceProfile p : view.all(IamInstanceProfile.class)) if (p.name().equals(name)) return Optional.of(p);
        return Optional.empty();
    }

    public static IamInstanceProfile require(View view, String name) {
        return find(view, name).orElseThrow(() -> IamErrors.noSuchEntity("Instance Profile " + name + " cannot be found."));
    }

    /** The profile an ARN names ({@code arn:aws:iam::<account>:instance-profile/<path><name>}), in this account. */
    public static Optional<IamInstanceProfile> findByArn(View view, String arn) {
        for (IamInstanceProfile p : view.all(IamInstanceProfile.class)) if (p.arn().equals(arn)) return Optional.of(p);
        return Optional.empty();
    }

    public static List<IamInstanceProfile> list(View view, String pathPrefix) {
        List<IamInstanceProfile> out = new ArrayList<>();
        for (IamInstanceProfile p : view.all(IamInstanceProfile.class)) if (pathPrefix == null || p.path().startsWith(pathPrefix)) out.add(p);
        out.sort(Comparator.comparing(IamInstanceProfile::name));
        return out;
    }

    public static List<IamInstanceProfile> forRole(View view, String roleName) {
        List<IamInstanceProfile> out = new ArrayList<>();
        for (IamInstanceProfile p : view.all(IamInstanceProfile.class)) if (roleName.equals(p.roleName())) out.add(p);
        out.sort(Comparator.comparing(IamInstanceProfile::name));
        return out;
    }

    public static void delete(Tx tx, String name) {
        IamInstanceProfile p = require(tx, name);
        if (p.roleName() != null) throw IamErrors.deleteConflict("must remove roles from instance profile first.");
        tx.remove(IamInstanceProfile.class, p.id());
    }

    public static void addRole(Tx tx, String profileName, String roleName) {
        IamInstanceProfile p = require(tx, profileName);
        IamRoles.require(tx, roleName);
        if (p.roleName() != null) throw IamErrors.limitExceeded("InstanceSessionsPerInstanceProfile", ROLES_PER_PROFILE);
        tx.put(p.withRole(roleName));
    }

    public static void removeRole(Tx tx, String profileName, String roleName) {
        IamInstanceProfile p = require(tx, profileName);
        IamRoles.require(tx, roleName);
        if (!roleName.equals(p.roleName())) {
            throw IamErrors.noSuchEntity("The role with name " + roleName + " is not in instance profile " + profileName + ".");
        }
        tx.put(p.withRole(null));
    }
}
