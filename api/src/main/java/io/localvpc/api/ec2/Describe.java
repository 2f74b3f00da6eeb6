package io.localvpc.api.ec2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The shape every EC2 Describe action shares: optional ids (each must exist), filters, pagination,
 * and a list of items under the output member's name.
 */
public final class Describe<R extends Resource> {
    private final Class<R> type;
    private final IdKind kind;
    private final String idsMember;
    private final FilterSpec<R> filters;
    private final String listMember;
    private final Function<R, ObjectNode> render;
    private Predicate<R> visible = r -> true;

    public Describe(Class<R> type, IdKind kind, String idsMember, FilterSpec<R> filters, String listMember, Function<R, ObjectNode> render) {
        this.type = type;
        this.kind = kind;
        this.idsMember = idsMember;
        this.filters = filters;
        this.listMember = listMember;
        this.render = render;
    }

    /** Hides resources AWS no longer lists (e.g. long-terminated instances). */
    public Describe<R> visibleWhen(Predicate<R> test) {
        this.visible = test;
        return this;
    }

    public ObjectNode run(Ec2Request in, View view) {
        List<R> selected = select(in, view);
        Page<R> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray(listMember);
        for (R r : page.items()) items.add(render.apply(r));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    /** The resources the ids and filters select, in id order, before pagination. */
    public List<R> select(Ec2Request in, View view) {
        Predicate<R> filter = filters.compile(in.objects("Filters"), view);
        List<String> ids = idsMember == null ? List.of() : in.strings(idsMember);
        List<R> out = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : new LinkedHashSet<>(ids)) {
                kind.check(id);
                R r = view.find(type, id).filter(visible).orElseThrow(() -> kind.notFound(id));
                if (filter.test(r)) out.add(r);
            }
            out.sort((a, b) -> a.id().compareTo(b.id()));
            return out;
        }
        Collection<R> all = view.all(type);
        for (R r : all) if (visible.test(r) && filter.test(r)) out.add(r);
        return out;
    }
}
