package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.util.List;

/** A network ACL with its numbered entries (the {@code *} catch-all deny is entry 32767) and subnet associations. */
public record NetworkAcl(
        String id,
        String ownerId,
        String vpcId,
        boolean isDefault,
        List<NetworkAclEntry> entries,
        List<NetworkAclAssociation> associations) implements Resource {

    public NetworkAcl {
        entries = List.copyOf(entries);
        associations = List.copyOf(associations);
    }

    public NetworkAcl withEntries(List<NetworkAclEntry> next) {
        return new NetworkAcl(id, ownerId, vpcId, isDefault, next, associations);
    }

    public NetworkAcl withAssociations(List<NetworkAclAssociation> next) {
        return new NetworkAcl(id, ownerId, vpcId, isDefault, entries, next);
    }
}
