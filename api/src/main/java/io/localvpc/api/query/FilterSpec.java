package io.localvpc.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.state.Resource;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The filters a Describe action accepts, by AWS's filter names. Within a filter any value may match
 * (OR); across filters all must match (AND). Values may use AWS's wildcards {@code *} and {@code ?}.
 * {@code tag:<key>}, {@code tag-key} and {@code tag-value} work for every resource type.
 * An unknown filter name is refused, as AWS refuses it.
 */
public final class FilterSpec<R extends Resource> {
    /** How a filter reads a resource: one value (most fields) or several (e.g. all CIDR associations). */
    private sealed interface Field<R> {
        record One<R>(Function<R, ?> value) implements Field<R> {
        }

        record Many<R>(Function<R, Collection<String>> values) implements Field<R> {
        }
    }

    private final Map<String, Field<R>> fields;

    private FilterSpec(Map<String, Field<R>> fields) {
        this.fields = fields;
    }

    public static <R extends Resource> Builder<R> builder() {
        return new Builder<>();
    }

    public Set<String> names() {
        return fields.keySet();
    }

    /** The predicate for a request's {@code Filters} list (decoded Filter.N.Name / Filter.N.Value.M). */
    public Predicate<R> compile(List<JsonNode> filters, View view) {
        List<Predicate<R>> tests = new ArrayList<>();
        for (JsonNode f : filters) {
            String name = f.path("Name").asText(null);
            if (name == null) throw AwsException.missingParameter("Filter.N.Name");
            List<FilterWildcard> values = new ArrayList<>();
            f.path("Values").forEach(v -> values.add(FilterWildcard.of(v.asText())));
            if (values.isEmpty()) continue;
            tests.add(predicate(name, values, view));
        }
        return r -> {
            for (Predicate<R> t : tests) if (!t.test(r)) return false;
            return true;
        };
    }

    private Predicate<R> predicate(String name, List<FilterWildcard> values, View view) {
        if (name.startsWith("tag:")) {
            String key = name.substring(4);
            return r -> {
                String v = tags(view, r).get(key);
                return v != null && anyMatch(values, v);
            };
        }
        if (name.equals("tag-key")) return r -> tags(view, r).keySet().stream().anyMatch(k -> anyMatch(values, k));
        if (name.equals("tag-value")) return r -> tags(view, r).values().stream().anyMatch(v -> anyMatch(values, v));
        Field<R> field = fields.get(name);
        if (field == null) {
            throw AwsException.invalidParameterValue("The filter '" + name + "' is invalid. Filters this action supports: "
                    + String.join(", ", fields.keySet()) + ", tag:<key>, tag-key, tag-value");
        }
        if (field instanceof Field.One<R> one) {
            // The common case, run once per resource per filter: no collection is built.
            return r -> {
                Object v = one.value().apply(r);
                return v != null && anyMatch(values, v instanceof String str ? str : String.valueOf(v));
            };
        }
        Function<R, Collection<String>> many = ((Field.Many<R>) field).values();
        return r -> {
            for (String actual : many.apply(r)) if (actual != null && anyMatch(values, actual)) return true;
            return false;
        };
    }

    private static Map<String, String> tags(View view, Resource r) {
        return view.find(ResourceTags.class, r.id()).map(ResourceTags::tags).orElse(Map.of());
    }

    private static boolean anyMatch(List<FilterWildcard> values, String actual) {
        for (FilterWildcard w : values) if (w.matches(actual)) return true;
        return false;
    }

    public static final class Builder<R extends Resource> {
        private final Map<String, Field<R>> fields = new LinkedHashMap<>();

        /** A filter on a single-valued field (null never matches). */
        public Builder<R> field(String name, Function<R, ?> value) {
            fields.put(name, new Field.One<>(value));
            return this;
        }

        /** A filter on a multi-valued field: matches when any of the resource's values matches. */
        public Builder<R> fields(String name, Function<R, Collection<String>> values) {
            fields.put(name, new Field.Many<>(values));
            return this;
        }

        /** Another name AWS accepts for a filter already defined ({@code cidrBlock} for {@code cidr-block}). */
        public Builder<R> alias(String alias, String of) {
            Field<R> field = fields.get(of);
            if (field == null) throw new IllegalStateException("alias " + alias + " of undefined filter " + of);
            fields.put(alias, field);
            return this;
        }

        /**
         * Filters AWS documents on attributes localvpc does not model (IPv6, Outposts…): accepted, and since no
         * resource here has such an attribute, they match nothing, as on AWS for resources without it.
         */
        public Builder<R> unmodelled(String... names) {
            for (String name : names) fields.put(name, new Field.One<>(r -> null));
            return this;
        }

        public FilterSpec<R> build() {
            return new FilterSpec<>(Map.copyOf(fields));
        }
    }
}
