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

/** IAM users, their access keys and their policies, in an account's IAM scope. */
public final class IamUsers {
    /** IAM's quota: two access keys per user. */
    static final int ACCESS_KEYS_PER_USER = 2;
    /** IAM's default quota of managed policies attached to one user or role. */
    static final int MANAGED_POLICIES_PER_PRINCIPAL = 10;
    /** IAM's quota on the inline policies of one user, all together (characters other than white space). */
    static final int USER_INLINE_TOTAL = 2_048;

    private IamUsers() {
    }

    public static IamUser create(Tx tx, String name, String path) {
        IamNames.name(name, "userName", 64);
        String p = IamNames.path(path);
        if (find(tx, name).isPresent()) throw IamErrors.alreadyExists("User with name " + name + " already exists.");
        return tx.put(new IamUser(newId(tx, "AIDA"), tx.scope().account(), name, p, tx.now(), Map.of(), List.of()));
    }

    public static Optional<IamUser> find(View view, String name) {
        for (IamUser u : view.all(IamUser.class)) if (u.name().equals(name)) return Optional.of(u);
        return Optional.empty();
    }

    public static IamUser require(View view, String name) {
        return find(view, name).orElseThrow(() -> IamErrors.noSuchEntity("The user with name " + name + " cannot be found."));
    }

    /** Every user under a path prefix, by name. */
    public static List<IamUser> list(View view, String pathPrefix) {
        List<IamUser> out = new ArrayList<>();
        for (IamUser u : view.all(IamUser.class)) if (pathPrefix == null || u.path().startsWith(pathPrefix)) out.add(u);
        out.sort(Comparator.comparing(IamUser::name));
        return out;
    }

    /** Deletes a user that has nothing left attached, as IAM requires. */
    public static void delete(Tx tx, String name) {
        IamUser u = require(tx, name);
        if (!keys(tx, u).isEmpty()) throw IamErrors.deleteConflict("must delete access keys first.");
        if (!u.inlinePolicies().isEmpty()) throw IamErrors.deleteConflict("must delete policies first.");
        if (!u.attachedPolicyArns().isEmpty()) throw IamErrors.deleteConflict("must detach all policies first.");
        tx.remove(IamUser.class, u.id());
    }

    public static IamAccessKey createAccessKey(Tx tx, String userName) {
        IamUser u = require(tx, userName);
        if (keys(tx, u).size() >= ACCESS_KEYS_PER_USER) throw IamErrors.limitExceeded("AccessKeysPerUser", ACCESS_KEYS_PER_USER);
        String id;
        do {
            id = AccessKeyIds.newAccessKeyId(false, tx.scope().account());
        } while (tx.findAny(id).isPresent());
        return tx.put(new IamAccessKey(id, u.id(), u.name(), AccessKeyIds.newSecret(), IamAccessKey.ACTIVE, tx.now()));
    }

    public static List<IamAccessKey> keys(View view, IamUser u) {
        List<IamAccessKey> out = new ArrayList<>();
        for (IamAccessKey k : view.all(IamAccessKey.class)) if (k.userId().equals(u.id())) out.add(k);
        out.sort(Comparator.comparing(IamAccessKey::createdAt).thenComparing(IamAccessKey::id));
        return out;
    }

    public static void deleteAccessKey(Tx tx, String userName, String accessKeyId) {
        IamUser u = require(tx, userName);
        IamAccessKey k = tx.find(IamAccessKey.class, accessKeyId).filter(x -> x.userId().equals(u.id()))
                .orElseThrow(() -> IamErrors.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found."));
        tx.remove(IamAccessKey.class, k.id());
    }

    public static void updateAccessKey(Tx tx, String userName, String accessKeyId, String status) {
        IamUser u = require(tx, userName);
        if (!IamAccessKey.ACTIVE.equals(status) && !IamAccessKey.INACTIVE.equals(status)) {
            throw IamErrors.validation(String.valueOf(status), "status", "Member must satisfy enum value set: [Active, Inactive]");
        }
        IamAccessKey k = tx.find(IamAccessKey.class, accessKeyId).filter(x -> x.userId().equals(u.id()))
                .orElseThrow(() -> IamErrors.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found."));
        tx.put(k.withStatus(status));
    }

    public static void putPolicy(Tx tx, String userName, String policyName, String document) {
        IamUser u = require(tx, userName);
        IamNames.name(policyName, "policyName", 128);
        IamPolicyText.check(document, PolicyKind.INLINE, "policyDocument");
        Map<String, String> next = new LinkedHashMap<>(u.inlinePolicies());
        next.put(policyName, document);
        int total = next.values().stream().mapToInt(IamPolicyText::size).sum();
        if (total > USER_INLINE_TOTAL) throw IamErrors.limitExceeded("PoliciesPerUser (total size of inline policies)", USER_INLINE_TOTAL);
        tx.put(u.withInlinePolicies(next));
    }

    public static String getPolicy(View view, String userName, String policyName) {
        String doc = require(view, userName).inlinePolicies().get(policyName);
        if (doc == null) throw IamErrors.noSuchEntity("The user policy with name " + policyName + " cannot be found.");
        return doc;
    }

    public static void deletePolicy(Tx tx, String userName, String policyName) {
        IamUser u = require(tx, userName);
        if (!u.inlinePolicies().containsKey(policyName)) throw IamErrors.noSuchEntity("The user policy with name " + policyName + " cannot be found.");
        Map<String, String> next = new LinkedHashMap<>(u.inlinePolicies());
        next.remove(policyName);
        tx.put(u.withInlinePolicies(next));
    }

    public static void attach(Tx tx, String userName, String policyArn) {
        IamUser u = require(tx, userName);
        IamPolicies.requireAttachable(tx, policyArn);
        if (u.attachedPolicyArns().contains(policyArn)) return;
        if (u.attachedPolicyArns().size() >= MANAGED_POLICIES_PER_PRINCIPAL) {
            throw IamErrors.limitExceeded("PoliciesPerUser", MANAGED_POLICIES_PER_PRINCIPAL);
        }
        List<String> next = new ArrayList<>(u.attachedPolicyArns());
        next.add(policyArn);
        tx.put(u.withAttachedPolicyArns(next));
    }

    public static void detach(Tx tx, String userName, String policyArn) {
        IamUser u = require(tx, userName);
        if (!u.attachedPolicyArns().contains(policyArn)) throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
        List<String> next = new ArrayList<>(u.attachedPolicyArns());
        next.remove(policyArn);
        tx.put(u.withAttachedPolicyArns(next));
    }

    static String newId(Tx tx, String prefix) {
        String id;
        do {
            id = AccessKeyIds.newUniqueId(prefix);
        } while (tx.findAny(id).isPresent());
        return id;
    }
}
