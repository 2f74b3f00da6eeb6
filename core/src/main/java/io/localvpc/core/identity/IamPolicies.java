package io.localvpc.core.identity;

import io.localvpc.core.AwsException;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Customer managed policies of an account. AWS managed policies ({@code arn:aws:iam::aws:policy/…}) are not modelled. */
public final class IamPolicies {
    private IamPolicies() {
    }

    public static IamPolicy create(Tx tx, String name, String path, String document, String description) {
        IamNames.name(name, "policyName", 128);
        String p = IamNames.path(path);
        IamPolicyText.check(document, PolicyKind.IDENTITY, "policyDocument");
        if (description != null && description.length() > 1000) {
            throw IamErrors.validation(description, "description", "Member must have length less than or equal to 1000");
        }
        for (IamPolicy other : tx.all(IamPolicy.class)) {
            if (other.name().equals(name) && other.path().equals(p)) {
                throw IamErrors.alreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
        }
        return tx.put(new IamPolicy(IamUsers.newId(tx, "ANPA"), tx.scope().account(), name, p, document, description, tx.now()));
    }

    public static Optional<IamPolicy> find(View view, String arn) {
        for (IamPolicy p : view.all(IamPolicy.class)) if (p.arn().equals(arn)) return Optional.of(p);
        return Optional.empty();
    }

    public static IamPolicy require(View view, String arn) {
        refuseAwsManaged(arn);
        return find(view, arn).orElseThrow(() -> IamErrors.noSuchEntity("Policy " + arn + " was not found."));
    }

    /** A policy that may be attached in this account: one of its own customer managed policies. */
    static void requireAttachable(View view, String arn) {
        refuseAwsManaged(arn);
        if (find(view, arn).isEmpty()) throw IamErrors.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
    }

    public static List<IamPolicy> list(View view, String pathPrefix, boolean onlyAttached) {
        List<IamPolicy> out = new ArrayList<>();
        for (IamPolicy p : view.all(IamPolicy.class)) {
            if (pathPrefix != null && !p.path().startsWith(pathPrefix)) continue;
            if (onlyAttached && attachmentCount(view, p.arn()) == 0) continue;
            out.add(p);
        }
        out.sort(Comparator.comparing(IamPolicy::name));
        return out;
    }

    /** How many users and roles the policy is attached to. */
    public static int attachmentCount(View view, String arn) {
        int n = 0;
        for (IamUser u : view.all(IamUser.class)) if (u.attachedPolicyArns().contains(arn)) n++;
        for (IamRole r : view.all(IamRole.class)) if (r.attachedPolicyArns().contains(arn)) n++;
        return n;
    }

    public static void delete(Tx tx, String arn) {
        IamPolicy p = require(tx, arn);
        if (attachmentCount(tx, arn) > 0) throw new AwsException("DeleteConflict", "Cannot delete a policy attached to entities.", 409);
        tx.remove(IamPolicy.class, p.id());
    }

    private static void refuseAwsManaged(String arn) {
        if (arn != null && arn.startsWith("arn:aws:iam::aws:policy/")) {
            throw new AwsException("UnsupportedOperation", "localvpc does not model AWS managed policies (" + arn
                    + "); create a customer managed policy with the statements you need and attach that.");
        }
    }
}
