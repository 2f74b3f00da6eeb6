package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkAclAssociation;
import io.localvpc.core.model.NetworkAclEntry;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Network ACLs as AWS runs them: every subnet belongs to exactly one ACL of its VPC (the default one
 * unless moved); a custom ACL starts with only the {@code *} deny rules; the default ACL cannot be
 * deleted and neither can an ACL that subnets still use. Entry validation lives in {@link NetworkAclEntries}.
 */
public final class NetworkAclOps {
    private NetworkAclOps() {
    }

    public static NetworkAcl require(View view, String aclId) {
        return Lookup.require(view, NetworkAcl.class, IdKind.NETWORK_ACL, aclId);
    }

    /** The {@code *} rules every ACL ends with: deny everything, in both directions. */
    public static List<NetworkAclEntry> catchAllEntries() {
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (boolean egress : new boolean[]{true, false}) {
            entries.add(new NetworkAclEntry(NetworkAclEntry.CATCH_ALL_RULE, egress, "-1", "deny", "0.0.0.0/0", null, null, null, null, null));
        }
        return entries;
    }

    public static NetworkAcl create(Tx tx, String vpcId) {
        Vpc vpc = VpcOps.require(tx, vpcId);
        return tx.put(new NetworkAcl(tx.newId("acl"), tx.scope().account(), vpc.id(), false, catchAllEntries(), List.of()));
    }

    public static void delete(Tx tx, String aclId) {
        NetworkAcl acl = require(tx, aclId);
        if (acl.isDefault()) {
            throw AwsException.invalidParameterValue("cannot delete default network ACL " + acl.id()
                    + ". It goes away with its VPC (" + acl.vpcId() + ").");
        }
        if (!acl.associations().isEmpty()) {
            throw AwsException.dependencyViolation("The networkAcl '" + acl.id() + "' has dependencies and cannot be deleted. Subnets still associated with it: "
                    + String.join(", ", acl.associations().stream().map(NetworkAclAssociation::subnetId).toList())
                    + ". Move them to another ACL with ReplaceNetworkAclAssociation first.");
        }
        tx.remove(NetworkAcl.class, acl.id());
    }

    /** CreateNetworkAclEntry: the rule number must be free in that direction. */
    public static void createEntry(Tx tx, String aclId, NetworkAclEntry entry) {
        NetworkAcl acl = require(tx, aclId);
        if (acl.entry(entry.ruleNumber(), entry.egress()).isPresent()) {
            throw new AwsException("NetworkAclEntryAlreadyExists", "The network acl entry identified by " + entry.ruleNumber()
                    + " already exists. Use ReplaceNetworkAclEntry to change the " + entry.direction() + " rule " + entry.ruleNumber() + " of " + acl.id() + ".");
        }
        List<NetworkAclEntry> next = new ArrayList<>(acl.entries());
        next.add(entry);
        tx.put(acl.withEntries(next));
    }

    /** ReplaceNetworkAclEntry: the rule (number and direction) must exist. */
    public static void replaceEntry(Tx tx, String aclId, NetworkAclEntry entry) {
        NetworkAcl acl = require(tx, aclId);
        requireEntry(acl, entry.ruleNumber(), entry.egress());
        List<NetworkAclEntry> next = new ArrayList<>(withoutEntry(acl, entry.ruleNumber(), entry.egress()));
        next.add(entry);
        tx.put(acl.withEntries(next));
    }

    public static void deleteEntry(Tx tx, String aclId, int ruleNumber, boolean egress) {
        NetworkAcl acl = require(tx, aclId);
        NetworkAclEntries.checkRuleNumber(ruleNumber);
        requireEntry(acl, ruleNumber, egress);
        tx.put(acl.withEntries(withoutEntry(acl, ruleNumber, egress)));
    }

    private static void requireEntry(NetworkAcl acl, int ruleNumber, boolean egress) {
        if (acl.entry(ruleNumber, egress).isEmpty()) {
            throw new AwsException("InvalidNetworkAclEntry.NotFound", "The network acl entry identified by " + ruleNumber
                    + " does not exist: " + acl.id() + " has no " + (egress ? "egress" : "ingress") + " rule " + ruleNumber + ".");
        }
    }

    private static List<NetworkAclEntry> withoutEntry(NetworkAcl acl, int ruleNumber, boolean egress) {
        return acl.entries().stream().filter(e -> !(e.ruleNumber() == ruleNumber && e.egress() == egress)).toList();
    }

    /** The ACL a subnet belongs to, if any. */
    public static Optional<NetworkAcl> ofSubnet(View view, String subnetId) {
        return view.all(NetworkAcl.class).stream().filter(a -> a.associationForSubnet(subnetId).isPresent()).findFirst();
    }

    /** A new subnet joins its VPC's default ACL with a fresh association. */
    static void joinDefault(Tx tx, Subnet subnet) {
        NetworkAcl acl = VpcOps.defaultNetworkAcl(tx, subnet.vpcId()).orElseThrow(() -> new IllegalStateException(
                "VPC " + subnet.vpcId() + " has no default network ACL"));
        List<NetworkAclAssociation> next = new ArrayList<>(acl.associations());
        next.add(new NetworkAclAssociation(tx.newId("aclassoc"), subnet.id()));
        tx.put(acl.withAssociations(next));
    }

    /** A deleted subnet's association goes with it. */
    static void leave(Tx tx, String subnetId) {
        ofSubnet(tx, subnetId).ifPresent(acl -> tx.put(acl.withAssociations(
                acl.associations().stream().filter(a -> !a.subnetId().equals(subnetId)).toList())));
    }

    /**
     * ReplaceNetworkAclAssociation: moves the subnet of an association to another ACL of the same VPC
     * and returns the new association id (the old one stops existing).
     */
    public static String replaceAssociation(Tx tx, String associationId, String aclId) {
        IdKind.NETWORK_ACL_ASSOCIATION.check(associationId);
        NetworkAcl target = require(tx, aclId);
        NetworkAcl current = tx.all(NetworkAcl.class).stream()
                .filter(a -> a.associations().stream().anyMatch(x -> x.associationId().equals(associationId)))
                .findFirst().orElseThrow(() -> IdKind.NETWORK_ACL_ASSOCIATION.notFound(associationId));
        NetworkAclAssociation old = current.associations().stream().filter(x -> x.associationId().equals(associationId)).findFirst().orElseThrow();
        if (!current.vpcId().equals(target.vpcId())) {
            throw AwsException.invalidParameterValue("Network ACL " + target.id() + " belongs to " + target.vpcId() + " but subnet " + old.subnetId()
                    + " belongs to " + current.vpcId() + ". A subnet can only use network ACLs of its own VPC.");
        }
        NetworkAclAssociation moved = new NetworkAclAssociation(tx.newId("aclassoc"), old.subnetId());
        NetworkAcl emptied = current.withAssociations(current.associations().stream().filter(x -> !x.associationId().equals(associationId)).toList());
        tx.put(emptied);
        NetworkAcl receiving = target.id().equals(current.id()) ? emptied : target;
        List<NetworkAclAssociation> next = new ArrayList<>(receiving.associations());
        next.add(moved);
        tx.put(receiving.withAssociations(next));
        return moved.associationId();
    }
}
