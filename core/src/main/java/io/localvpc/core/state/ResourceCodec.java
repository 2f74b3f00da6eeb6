package io.localvpc.core.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns resource records into the JSON rows the journal keeps, and back. The type key is the record's
 * class name; unknown JSON fields are ignored so that older rows survive a record gaining a field.
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
        return type.getName();
    }

    public static String toJson(Resource resource) {
        try {
            return MAPPER.writeValueAsString(resource);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise " + resource.getClass().getSimpleName() + " " + resource.id(), e);
        }
    }

    public static Resource fromJson(String typeKey, String json) {
        try {
            Class<?> cls = Class.forName(typeKey);
            if (!Resource.class.isAssignableFrom(cls)) throw new IllegalStateException(typeKey + " is not a resource type");
            return (Resource) MAPPER.readValue(json, cls);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("stored resource type " + typeKey + " is unknown to this version", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored " + typeKey + " row is not readable: " + e.getMessage(), e);
        }
    }
}
