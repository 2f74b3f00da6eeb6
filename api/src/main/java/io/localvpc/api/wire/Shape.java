package io.localvpc.api.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shape of the AWS service model, resolved for fast encoding and decoding: its type, and for a
 * structure its members with their query keys and XML names, for a list its member shape and item name.
 */
public final class Shape {
    public enum Type { STRUCTURE, LIST, MAP, STRING, INTEGER, LONG, BOOLEAN, TIMESTAMP, DOUBLE }

    /** A member of a structure, under the name the model gives it ({@code VpcId}) and its two wire names. */
    public record Member(String name, Shape shape, String queryKey, String xmlName) {
    }

    final String name;
    Type type;
    final Map<String, Member> members = new LinkedHashMap<>();
    List<String> required = List.of();
    Shape listMember;
    String listItemName;
    /** What comes between a list's query key and an item's index: "" for EC2 ({@code Key.1}), "member." for Query ({@code Key.member.1}). */
    String listQueryInfix = "";
    /** A Query-protocol list whose items are written without a wrapping element. */
    boolean listFlattened;
    /** A map's value shape (its keys are strings), e.g. ELBv2's authentication request parameters. */
    Shape mapValue;
    /** The model's bounds on a number (inclusive), or null where it declares none. */
    Long min;
    Long max;

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

    public Shape mapValue() {
        return mapValue;
    }

    public String listQueryInfix() {
        return listQueryInfix;
    }

    public boolean listFlattened() {
        return listFlattened;
    }

    /** The least value the model allows for this number, or null when it declares none. */
    public Long min() {
        return min;
    }

    /** The greatest value the model allows for this number, or null when it declares none. */
    public Long max() {
        return max;
    }

    @Override
    public String toString() {
        return name + "(" + type + ")";
    }
}
