package io.localvpc.core.identity;

import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IAM roles of an account: trust policy, session duration, and their policies. */
public final class IamRoles {
    /** IAM's bounds on a role's MaxSessionDuration, in seconds, and its default. */
    public static final int MIN_SESSION_SECONDS = 3_600;
    public static final int MAX_SESSION_SECONDS = 43_200;
    /** IAM's quota on the inline policies of one role, all together (characters other than white space). */
    static final int ROLE_INLINE_TOTAL = 10_240;

    private IamRoles() {
    }

    public static IamRole create(Tx tx, String name, String path, String trustPolicy, String description, Integer maxSessionDuration) {
        IamNames.name(name, "roleName", 64);
        String p = IamNames.path(path);
        IamPolicyText.check(trustPolicy, PolicyKind.TRUST, "assumeRolePolicyDocument");
        String d = description(description);
        int max = maxSessionDuration(maxSessionDuration);
        if (find(tx, name).isPresent()) throw IamErrors.alreadyExists("Role with name " + name + " already exists.");
        return tx.put(new IamRole(IamUsers.newId(tx, "AROA"), tx.scope().account(), name, p, trustPolicy, d, max, tx.now(), Map.of(), List.of()));
    }

    public static Optional<IamRole> find(View view, String name) {
        for (IamRole r : view.all(IamRole.class)) if (r.name().equals(name)) return Optional.of(r);
        return Optional.empty();
    }

    public static IamRole require(View view, String name) {
        return find(view, name).orElseThrow(() -> IamErrors.noSuchEntity("The role with name " + name + " cannot be found."));
    }

    public static List<IamRole> list(View view, String pathPrefix) {
        List<IamRole> out = new ArrayList<>();
        for (IamRole r : view.all(IamRole.class)) if (pathPrefix == null || r.path().startsWith(pathPrefix)) out.add(r);
        out.sort(Comparator.comparing(IamRole::name));
        return out;
    }

    /** Deletes a role with nothing left attached and in no instance profile, as IAM requires. */
    public static void delete(Tx tx, String name) {
        IamRole r = require(tx, name);
        if (!IamInstanceProfiles.forRole(tx, name).isEmpty()) throw IamErrors.deleteConflict("must remove roles from instance profile first.");
        if (!r.inlinePolicies().isEmpty()) throw IamErrors.deleteConflict("must delete policies first.");
        if (!r.attachedPolicyArns().isEmpty()) throw IamErrors.deleteConflict("must detach all policies first.");
        tx.remove(IamRole.class, r.id());
    }

    public static void updateTrust(Tx tx, String name, String trustPolicy) {
        IamRole r = require(tx, name);
        tx.put(r.withTrust(IamPolicyText.check(trustPolicy, PolicyKind.TRUST, "policyDocument")));
    }

    /** UpdateRole: the description and/or the longest session; what is not given stays. */
    public static void update(Tx tx, String name, String description, Integer maxSessionDuration) {
        IamRole r = require(tx, name);
        tx.put(r.withSettings(description == null ? r.description() : description(description),
                maxSessionDuration == null ? r.maxSessionDurationSeconds() : maxSessionDuration(maxSessionDuration)));
    }

    public static void putPolicy(Tx tx, String roleName, String policyName, String document) {
        IamRole r = require(tx, roleName);
        IamNames.name(policyName, "policyName", 128);
        IamPolicyText.check(document, PolicyKind.INLINE, "policyDocument");
        Map<String, String> next = new LinkedHashMap<>(r.inlinePolicies());
        next.put(policyName, document);
        int total = next.values().stream().mapToInt(IamPolicyText::size).sum();
        if (total > ROLE_INLINE_TOTAL) throw IamErrors.limitExceeded("PoliciesPerRole (total size of inline policies)", ROLE_INLINE_TOTAL);
        tx.put(r.withInlinePolicies(next));
    }

    public static String getPolicy(View view, String roleName, String policyName) {
        String doc = require(view, roleName).inlinePolicies().get(policyName);
        if (doc == null) throw IamErrors.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
        return doc;
    }

    public static void deletePolicy(Tx tx, String roleName, String policyName) {
        IamRole r = require(tx, roleName);
        if (!r.inlinePolicies().containsKey(policyName)) throw IamErrors.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
        Map<String, String> next = new LinkedHashMap<>(r.inlinePolicies());
        next.remove(policyName);
        tx.put(r.withInlinePolicies(next));
    }

    public static void attach(Tx tx, String roleName, String policyArn) {
        IamRole r = require(tx, roleName);
        IamPolicies.requireAttachable(tx, policyArn);
        if (r.attachedPolicyArns().contains(policyArn)) return;
        if (r.attachedPolicyArns().size() >= IamUsers.MANAGED_POLICIES_PER_PRINCIPAL) {
            throw IamErrors.limitExceeded("PoliciesPerRole", IamUsers.MANAGED_POLICIES_PER_PRINCIPAL);
        }
        List<String> next = new ArrayList<>(r.attachedPolicyArns());
        next.add(policyArn);
        tx.put(r.withAttachedPolicyArns(next));
    }

    public static void detach(Tx tx, String roleName, String policyArn) {
        IamRole r = require(tx, roleName);
        if (!r.attachedPolicyArns().contains(policyArn)) throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
        List<String> next = new ArrayList<>(r.attachedPolicyArns());
        next.remove(policyArn);
        tx.put(r.withAttachedPolicyArns(next));
    }

    private static String description(String d) {
        if (d != null && d.length() > 1000) throw IamErrors.validation(d, "description", "Member must have length less than or equal to 1000");
        return d;
    }

    private static int maxSessionDuration(Integer seconds) {
        if (seconds == null) return MIN_SESSION_SECONDS;
        if (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
            throw IamErrors.validation(String.valueOf(seconds), "maxSessionDuration", "Member must have value "
                    + (seconds < MIN_SESSION_SECONDS ? "greater than or equal to " + MIN_SESSION_SECONDS : "less than or equal to " + MAX_SESSION_SECONDS));
        }
        return seconds;
    }
}
