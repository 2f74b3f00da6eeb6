package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.AwsManagedPrefixList;
import io.localvpc.core.catalog.ManagedPrefixLists;
import io.localvpc.core.model.ManagedPrefixList;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.PrefixListOps;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Prefix lists: DescribePrefixLists (AWS's service lists) and the managed-prefix-list API, which shows
 * AWS's lists (owner AWS, read-only) next to the caller's own.
 */
public final class PrefixListHandlers implements Ec2Family {

    private static final FilterSpec<AwsManagedPrefixList> SERVICE_LIST_FILTERS = FilterSpec.<AwsManagedPrefixList>builder()
            .field("prefix-list-id", AwsManagedPrefixList::id)
            .field("prefix-list-name", AwsManagedPrefixList::name)
            .build();

    private static final FilterSpec<ManagedPrefixList> MANAGED_FILTERS = FilterSpec.<ManagedPrefixList>builder()
            .field("prefix-list-id", ManagedPrefixList::id)
            .field("prefix-list-name", ManagedPrefixList::name)
            .field("owner-id", ManagedPrefixList::ownerId)
            .build();

    @Override
    public void register(OperationRegistry r) {
        r.family("Prefix lists")
                .read("DescribePrefixLists", this::describeServiceLists)
                .read("DescribeManagedPrefixLists", this::describeManaged)
                .read("GetManagedPrefixListEntries", this::entries)
                .write("CreateManagedPrefixList", this::create)
                .write("ModifyManagedPrefixList", this::modify)
                .write("DeleteManagedPrefixList", this::delete);
    }

    private ObjectNode describeServiceLists(Ec2Request in, View view) {
        List<AwsManagedPrefixList> all = ManagedPrefixLists.all(view.scope().region());
        List<AwsManagedPrefixList> selected = select(in, view, "PrefixListIds", SERVICE_LIST_FILTERS, all,
                id -> all.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> IdKind.PREFIX_LIST.notFound(id)));
        Page<AwsManagedPrefixList> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("PrefixLists");
        for (AwsManagedPrefixList p : page.items()) {
            ObjectNode o = items.addObject().put("PrefixListId", p.id()).put("PrefixListName", p.name());
            o.set("Cidrs", Json.strings(p.cidrs()));
        }
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private ObjectNode describeManaged(Ec2Request in, View view) {
        List<ManagedPrefixList> selected = select(in, view, "PrefixListIds", MANAGED_FILTERS, PrefixListOps.visible(view),
                id -> PrefixListOps.require(view, id));
        Page<ManagedPrefixList> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("PrefixLists");
        for (ManagedPrefixList p : page.items()) items.add(render(view, p));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    /** Ids (each must exist) or everything, then filters, in id order. */
    private static <R extends Resource> List<R> select(Ec2Request in, View view, String idsMember, FilterSpec<R> filters,
                                                       List<R> all, Function<String, R> require) {
        Predicate<R> filter = filters.compile(in.objects("Filters"), view);
        List<String> ids = in.strings(idsMember);
        List<R> candidates = new ArrayList<>();
        if (ids.isEmpty()) {
            candidates.addAll(all);
        } else {
            for (String id : new LinkedHashSet<>(ids)) candidates.add(require.apply(IdKind.PREFIX_LIST.check(id)));
        }
        List<R> out = new ArrayList<>();
        for (R r : candidates) if (filter.test(r)) out.add(r);
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /** Entries of the current version or of TargetVersion, in CIDR order as AWS returns them. */
    private ObjectNode entries(Ec2Request in, View view) {
        ManagedPrefixList pl = PrefixListOps.require(view, in.requireString("PrefixListId"));
        ManagedPrefixList.Version version = pl.current();
        if (in.has("TargetVersion")) {
            long target = in.node("TargetVersion").asLong();
            version = pl.versions().stream().filter(v -> v.number() == target).findFirst().orElseThrow(() ->
                    AwsException.invalidParameterValue("The prefix list " + pl.id() + " has no version " + target
                            + ". Its versions are 1 to " + pl.version() + "."));
        }
        List<CidrEntry> rows = version.entries().stream().map(e -> new CidrEntry(e.cidr(), e.description())).sorted(
                (a, b) -> a.id().compareTo(b.id())).toList();
        Page<CidrEntry> page = Page.of(rows, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("Entries");
        for (CidrEntry e : page.items()) {
            ObjectNode o = items.addObject().put("Cidr", e.cidr());
            if (e.description() != null) o.put("Description", e.description());
        }
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    /** An entry as a pageable row; its CIDR is its key. */
    private record CidrEntry(String cidr, String description) implements Resource {
        @Override
        public String id() {
            return cidr;
        }
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        Integer maxEntries = in.integer("MaxEntries").orElseThrow(() -> AwsException.missingParameter("MaxEntries"));
        String family = in.requireString("AddressFamily");
        ManagedPrefixList pl = PrefixListOps.create(tx, in.requireString("PrefixListName"), family, maxEntries, entries(in.objects("Entries")));
        Tagging.applySpecifications(in, tx, "prefix-list", pl.id());
        ObjectNode out = Json.object();
        out.set("PrefixList", render(tx, pl));
        return out;
    }

    private ObjectNode modify(Ec2Request in, Tx tx) {
        Long currentVersion = in.has("CurrentVersion") ? in.node("CurrentVersion").asLong() : null;
        List<String> remove = new ArrayList<>();
        for (JsonNode r : in.objects("RemoveEntries")) {
            String cidr = r.path("Cidr").asText(null);
            if (cidr == null) throw AwsException.missingParameter("RemoveEntry.N.Cidr");
            remove.add(cidr);
        }
        ManagedPrefixList pl = PrefixListOps.modify(tx, in.requireString("PrefixListId"), currentVersion, in.string("PrefixListName"),
                entries(in.objects("AddEntries")), remove, in.integer("MaxEntries").orElse(null));
        ObjectNode out = Json.object();
        out.set("PrefixList", render(tx, pl));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        ManagedPrefixList pl = PrefixListOps.delete(tx, in.requireString("PrefixListId"));
        ObjectNode rendered = render(tx, pl);
        rendered.put("State", "delete-complete");
        ObjectNode out = Json.object();
        out.set("PrefixList", rendered);
        return out;
    }

    private static List<ManagedPrefixList.Entry> entries(List<JsonNode> nodes) {
        List<ManagedPrefixList.Entry> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            out.add(new ManagedPrefixList.Entry(n.path("Cidr").asText(null), n.path("Description").asText(null)));
        }
        return out;
    }

    private static ObjectNode render(View view, ManagedPrefixList p) {
        String owner = ManagedPrefixLists.OWNER_ID.equals(p.ownerId()) ? "aws" : p.ownerId();
        ObjectNode o = Json.object()
                .put("PrefixListId", p.id())
                .put("AddressFamily", p.addressFamily())
                .put("State", p.state())
                .put("PrefixListArn", "arn:aws:ec2:" + view.scope().region() + ":" + owner + ":prefix-list/" + p.id())
                .put("PrefixListName", p.name())
                .put("MaxEntries", p.maxEntries())
                .put("Version", p.version())
                .put("OwnerId", p.ownerId());
        o.set("Tags", Tagging.tagSet(view, p.id()));
        return o;
    }
}
