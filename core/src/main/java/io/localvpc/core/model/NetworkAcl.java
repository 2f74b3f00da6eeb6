package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A network ACL with its numbered entries (the {@code *} catch-all deny is entry 32767) and subnet
 * associations. Entries are kept in the order AWS lists them: egress first, then ingress, each by rule number.
 */
public record NetworkAcl(
        String id,
        String ownerId,
        String vpcId,
        boolean isDefault,
        List<NetworkAclEntry> entries,
        List<NetworkAclAssociation> associations) implements Resource {

    /** AWS's listing order: egress entries before ingress ones, each ascending by rule number. */
    public static final Comparator<NetworkAclEntry> ENTRY_ORDER =
            Comparator.comparing((NetworkAclEntry e) -> !e.egress()).thenComparingInt(NetworkAclEntry::ruleNumber);

    public NetworkAcl {
        entries = entries.stream().sorted(ENTRY_ORDER).toList();
        associations = List.copyOf(associations);
    }

    public Optional<NetworkAclEntry> entry(int ruleNumber, boolean egress) {
        return entries.stream().filter(e -> e.ruleNumber() == ruleNumber && e.egress() == egress).findFirst();
    }

    public Optional<NetworkAclAssociation> associationForSubnet(String subnetId) {
        return associations.stream().filter(a -> a.subnetId().equals(subnetId)).findFirst();
    }

    public NetworkAcl withEntries(List<NetworkAclEntry> next) {
        return new NetworkAcl(id, ownerId, vpcId, isDefault, next, associations);
    }

    public NetworkAcl withAssociations(List<NetworkAclAssociation> next) {
        return new NetworkAcl(id, ownerId, vpcId, isDefault, entries, next);
    }
}
