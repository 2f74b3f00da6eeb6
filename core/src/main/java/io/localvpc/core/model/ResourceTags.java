package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags of one resource, kept apart from the resource itself so that CreateTags, DeleteTags,
 * DescribeTags and the {@code tag:} filters work the same way for every resource type.
 * The id is the tagged resource's id.
 */
public record ResourceTags(String id, Map<String, String> tags) implements Resource {
    public ResourceTags {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public List<Tag> asList() {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }
}
