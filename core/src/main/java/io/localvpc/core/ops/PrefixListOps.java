package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.AwsManagedPrefixList;
import io.localvpc.core.catalog.ManagedPrefixLists;
import io.localvpc.core.model.ManagedPrefixList;
import io.localvpc.core.model.ManagedPrefixList.Entry;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.net.Ipv4Cidr;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prefix lists, AWS-managed (from the catalog) and customer-managed (in the store). {@link #cidrsOf}
 * is the one lookup everything that resolves a {@code pl-} id uses: routes, security-group rules and
 * the path engine.
 */
public final class PrefixListOps {
    /** AWS's ceiling on MaxEntries of a customer-managed list. */
    public static final int MAX_ENTRIES_LIMIT = 1000;

    private PrefixListOps() {
    }

    /** The current CIDRs of a prefix list of the view's account and region, AWS-managed or the caller's own. */
    public static Optional<List<String>> cidrsOf(View view, String prefixListId) {
        Optional<AwsManagedPrefixList> aws = ManagedPrefixLists.find(view.scope().region(), prefixListId);
        if (aws.isPresent()) return Optional.of(aws.get().cidrs());
        if (prefixListId == null) return Optional.empty();
        return view.find(ManagedPrefixList.class, prefixListId).map(ManagedPrefixList::cidrs);
    }

    public static boolean exists(View view, String prefixListId) {
        return cidrsOf(view, prefixListId).isPresent();
    }

    /** Every managed prefix list the caller sees, AWS's and its own, in id order. */
    public static List<ManagedPrefixList> visible(View view) {
        Map<String, ManagedPrefixList> byId = new TreeMap<>();
        for (AwsManagedPrefixList p : ManagedPrefixLists.all(view.scope().region())) byId.put(p.id(), asManaged(p));
        for (ManagedPrefixList p : view.all(ManagedPrefixList.class)) byId.put(p.id(), p);
        return List.copyOf(byId.values());
    }

    /** A prefix list by id, AWS-managed or the caller's own, or AWS's Malformed/NotFound error. */
    public static ManagedPrefixList require(View view, String prefixListId) {
        IdKind.PREFIX_LIST.check(prefixListId);
        Optional<AwsManagedPrefixList> aws = ManagedPrefixLists.find(view.scope().region(), prefixListId);
        if (aws.isPresent()) return asManaged(aws.get());
        return view.find(ManagedPrefixList.class, prefixListId).orElseThrow(() -> IdKind.PREFIX_LIST.notFound(prefixListId));
    }

    /** A list the caller may change: its own, never one of AWS's. */
    public static ManagedPrefixList requireOwn(View view, String prefixListId) {
        ManagedPrefixList pl = require(view, prefixListId);
        if (ManagedPrefixLists.OWNER_ID.equals(pl.ownerId())) {
            throw new AwsException("UnsupportedOperation", "The prefix list " + prefixListId + " (" + pl.name()
                    + ") is managed by AWS and cannot be modified or deleted. Create your own list with CreateManagedPrefixList.");
        }
        return pl;
    }

    /** An AWS-managed list in the managed-prefix-list shape: owner AWS, one version, as many entries as it has. */
    public static ManagedPrefixList asManaged(AwsManagedPrefixList p) {
        List<Entry> entries = p.cidrs().stream().map(c -> new Entry(c, null)).toList();
        return new ManagedPrefixList(p.id(), ManagedPrefixLists.OWNER_ID, p.name(), "IPv4", entries.size(),
                ManagedPrefixList.CREATE_COMPLETE, List.of(new ManagedPrefixList.Version(1, entries)));
    }

    public static ManagedPrefixList create(Tx tx, String name, String addressFamily, int maxEntries, List<Entry> entries) {
        checkName(name);
        if (!"IPv4".equals(addressFamily)) {
            throw AwsException.invalidParameterValue("The address family '" + addressFamily + "' is not supported by localvpc. Use IPv4.");
        }
        checkMaxEntries(maxEntries);
        List<Entry> checked = merge(List.of(), List.of(), entries);
        checkCapacity(checked.size(), maxEntries);
        ManagedPrefixList pl = new ManagedPrefixList(tx.newId("pl"), tx.scope().account(), name, addressFamily, maxEntries,
                ManagedPrefixList.CREATE_COMPLETE, List.of(new ManagedPrefixList.Version(1, checked)));
        return tx.put(pl);
    }

    /**
     * ModifyManagedPrefixList: optional rename, entry changes (removals first, then additions, in one
     * new version) or a new MaxEntries. Entry changes require CurrentVersion to match, as on AWS.
     */
    public static ManagedPrefixList modify(Tx tx, String prefixListId, Long currentVersion, String name,
                                           List<Entry> add, List<String> remove, Integer maxEntries) {
        ManagedPrefixList pl = requireOwn(tx, prefixListId);
        boolean changesEntries = !add.isEmpty() || !remove.isEmpty();
        if (changesEntries && maxEntries != null) {
            throw AwsException.invalidParameterCombination("You cannot modify the entries and the maximum number of entries for the prefix list in the same request.");
        }
        if (currentVersion != null && currentVersion != pl.version()) {
            throw new AwsException("PrefixListVersionMismatch", "The prefix list has the incorrect version number. "
                    + prefixListId + " is at version " + pl.version() + "; you passed CurrentVersion " + currentVersion + ".");
        }
        if (changesEntries && currentVersion == null) throw AwsException.missingParameter("CurrentVersion");
        if (name != null) {
            checkName(name);
            pl = pl.withName(name);
        }
        if (maxEntries != null) {
            checkMaxEntries(maxEntries);
            if (maxEntries < pl.entries().size()) {
                throw AwsException.invalidParameterValue("MaxEntries (" + maxEntries + ") cannot be less than the number of entries in "
                        + prefixListId + " (" + pl.entries().size() + "). Remove entries first.");
            }
            pl = pl.withMaxEntries(maxEntries);
        }
        if (changesEntries) {
            List<Entry> next = merge(pl.entries(), remove, add);
            checkCapacity(next.size(), pl.maxEntries());
            pl = pl.withNewVersion(next);
        }
        return tx.put(pl);
    }

    public static ManagedPrefixList delete(Tx tx, String prefixListId) {
        ManagedPrefixList pl = requireOwn(tx, prefixListId);
        List<String> users = users(tx, prefixListId);
        if (!users.isEmpty()) {
            throw AwsException.dependencyViolation("The prefix list " + prefixListId + " is referenced by " + String.join(", ", users)
                    + ". Remove those security group rules and routes first.");
        }
        tx.remove(ManagedPrefixList.class, prefixListId);
        return pl;
    }

    /** The security groups and route tables whose rules or routes name the list. */
    public static List<String> users(View view, String prefixListId) {
        List<String> out = new ArrayList<>();
        for (SecurityGroup sg : view.all(SecurityGroup.class)) {
            if (sg.rules().stream().anyMatch(r -> prefixListId.equals(r.prefixListId()))) out.add(sg.id());
        }
        for (RouteTable rt : view.all(RouteTable.class)) {
            if (rt.routes().stream().anyMatch(r -> prefixListId.equals(r.destinationPrefixListId()))) out.add(rt.id());
        }
        return out;
    }

    /** {@code current} minus {@code remove} plus {@code add}, each CIDR valid and at most once. */
    private static List<Entry> merge(List<Entry> current, List<String> remove, List<Entry> add) {
        Map<String, Entry> byCidr = new LinkedHashMap<>();
        for (Entry e : current) byCidr.put(e.cidr(), e);
        for (String cidr : remove) {
            if (byCidr.remove(cidr) == null) {
                throw AwsException.invalidParameterValue("The CIDR " + cidr + " is not an entry of this prefix list, so it cannot be removed.");
            }
        }
        for (Entry e : add) {
            if (e.cidr() == null) throw AwsException.missingParameter("Entry.N.Cidr");
            if (Ipv4Cidr.parse(e.cidr()).isEmpty() || !Ipv4Cidr.isCanonical(e.cidr())) {
                throw AwsException.invalidParameterValue("The CIDR '" + e.cidr() + "' is not a valid IPv4 CIDR block (e.g. 10.0.0.0/16, host bits zero).");
            }
            if (byCidr.containsKey(e.cidr()) && !remove.contains(e.cidr())) {
                throw AwsException.invalidParameterValue("The CIDR " + e.cidr() + " is already an entry of this prefix list. To change its description, remove it and add it again in one request.");
            }
            if (e.description() != null && e.description().length() > 255) {
                throw AwsException.invalidParameterValue("The description of entry " + e.cidr() + " is longer than 255 characters.");
            }
            byCidr.put(e.cidr(), e);
        }
        return List.copyOf(byCidr.values());
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) throw AwsException.missingParameter("PrefixListName");
        if (name.length() > 255) throw AwsException.invalidParameterValue("PrefixListName may be at most 255 characters.");
        if (name.startsWith("com.amazonaws")) {
            throw AwsException.invalidParameterValue("PrefixListName cannot start with 'com.amazonaws'; that prefix is reserved for AWS-managed lists.");
        }
    }

    private static void checkMaxEntries(int maxEntries) {
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES_LIMIT) {
            throw AwsException.invalidParameterValue("MaxEntries (" + maxEntries + ") must be between 1 and " + MAX_ENTRIES_LIMIT + ".");
        }
    }

    private static void checkCapacity(int count, int maxEntries) {
        if (count > maxEntries) {
            throw AwsException.invalidParameterValue("The prefix list would have " + count + " entries, more than its MaxEntries ("
                    + maxEntries + "). Raise MaxEntries first with ModifyManagedPrefixList.");
        }
    }
}
