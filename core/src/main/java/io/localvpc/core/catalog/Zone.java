package io.localvpc.core.catalog;

/** An Availability Zone: its name ({@code us-east-1a}) and its zone id ({@code use1-az1}). */
public record Zone(String name, String id, String regionName) {
}
