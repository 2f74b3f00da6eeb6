package io.localvpc.core.model;

public record Tag(String key, String value) {
}
