package io.localvpc.core.state;

/**
 * Anything kept in the state store. Implementations are immutable records; a change is a new record
 * put in place of the old one. The id is unique within its scope across every type (AWS ids carry a
 * type prefix such as {@code vpc-}).
 */
public interface Resource {
    String id();
}
