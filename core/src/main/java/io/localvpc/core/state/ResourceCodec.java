package io.localvpc.core.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns resource records into the JSON rows the journal keeps, and back. The type key is the name
 * {@link ResourceTypes} gives the record's type; unknown JSON fields are ignored so that older rows survive
 * a record gaining a field.
 */
public final class ResourceCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResourceCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String typeKey(Class<? extends Resource> type) {
        return ResourceTypes.nameOf(type);
    }

    public static String toJson(Resource resource) {
        try {
            return MAPPER.writeValueAsString(resource);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise " + resource.getClass().getSimpleName() + " " + resource.id(), e);
        }
    }

    public static Resource fromJson(String typeKey, String json) {
        Class<? extends Resource> cls = ResourceTypes.classOf(typeKey).orElseThrow(() ->
                new IllegalStateException("stored resource type " + typeKey + " is unknown to this version"));
        try {
            Resource r = MAPPER.readValue(json, cls);
            if (r == null) throw new IllegalStateException("stored " + typeKey + " row is null");
            return r;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored " + typeKey + " row is not readable: " + e.getMessage(), e);
        }
    }
}
