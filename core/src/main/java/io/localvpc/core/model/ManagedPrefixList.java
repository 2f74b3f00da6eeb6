package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.util.List;

/**
 * A managed prefix list ({@code pl-…}). Customer-managed lists live in the store; AWS-managed ones are
 * presented in this shape too (owner {@code AWS}) so both answer DescribeManagedPrefixLists alike.
 * Every change of entries makes a new version; all versions are kept so GetManagedPrefixListEntries
 * can answer for an earlier {@code TargetVersion}.
 */
public record ManagedPrefixList(
        String id,
        String ownerId,
        String name,
        String addressFamily,
        int maxEntries,
        String state,
        List<Version> versions) implements Resource {

    public static final String CREATE_COMPLETE = "create-complete";
    public static final String MODIFY_COMPLETE = "modify-complete";

    public ManagedPrefixList {
        versions = List.copyOf(versions);
    }

    /** The entries of one version of the list. */
    public record Version(long number, List<Entry> entries) {
        public Version {
            entries = List.copyOf(entries);
        }
    }

    /** One CIDR of the list, with its optional description. */
    public record Entry(String cidr, String description) {
    }

    public Version current() {
        return versions.get(versions.size() - 1);
    }

    public long version() {
        return current().number();
    }

    public List<Entry> entries() {
        return current().entries();
    }

    public List<String> cidrs() {
        return entries().stream().map(Entry::cidr).toList();
    }

    public ManagedPrefixList withNewVersion(List<Entry> entries) {
        List<Version> next = new java.util.ArrayList<>(versions);
        next.add(new Version(version() + 1, entries));
        return new ManagedPrefixList(id, ownerId, name, addressFamily, maxEntries, MODIFY_COMPLETE, next);
    }

    public ManagedPrefixList withName(String next) {
        return new ManagedPrefixList(id, ownerId, next, addressFamily, maxEntries, MODIFY_COMPLETE, versions);
    }

    public ManagedPrefixList withMaxEntries(int next) {
        return new ManagedPrefixList(id, ownerId, name, addressFamily, next, MODIFY_COMPLETE, versions);
    }
}
