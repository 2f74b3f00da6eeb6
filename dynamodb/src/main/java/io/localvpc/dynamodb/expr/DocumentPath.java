package io.localvpc.dynamodb.expr;

import java.util.List;

/** A path into an item: a top-level attribute name, then map keys and list indexes ({@code a.b[2].c}). */
public record DocumentPath(List<Element> elements) {
    public sealed interface Element {
    }

    public record Name(String name) implements Element {
        @Override
        public String toString() {
            return name;
        }
    }

    public record Index(int index) implements Element {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    public DocumentPath {
        elements = List.copyOf(elements);
    }

    public static DocumentPath of(String attribute) {
        return new DocumentPath(List.of(new Name(attribute)));
    }

    /** The top-level attribute the path starts at. */
    public String attribute() {
        return ((Name) elements.get(0)).name();
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** As DynamoDB prints paths in messages: {@code [a, b, [2], c]}. */
    @Override
    public String toString() {
        return elements.toString();
    }
}
