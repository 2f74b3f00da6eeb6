package io.localvpc.api.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shape of the AWS service model, resolved for fast encoding and decoding: its type, and for a
 * structure its members with their query keys and XML names, for a list its member shape and item name.
 */
public final class Shape {
    public enum Type { STRUCTURE, LIST, STRING, INTEGER, LONG, BOOLEAN, TIMESTAMP, DOUBLE }

    /** A member of a structure, under the name the model gives it ({@code VpcId}) and its two wire names. */
    public record Member(String name, Shape shape, String queryKey, String xmlName) {
    }

    final String name;
    Type type;
    final Map<String, Member> members = new LinkedHashMap<>();
    List<String> required = List.of();
    Shape listMember;
    String listItemName;

    Shape(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public Map<String, Member> members() {
        return members;
    }

    public Member member(String memberName) {
        return members.get(memberName);
    }

    public List<String> required() {
        return required;
    }

    public Shape listMember() {
        return listMember;
    }

    public String listItemName() {
        return listItemName;
    }

    @Override
    public String toString() {
        return name + "(" + type + ")";
    }
}
