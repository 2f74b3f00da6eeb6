package io.localvpc.dynamodb.expr;

import java.util.List;

/** A condition (ConditionExpression, FilterExpression, KeyConditionExpression, or one of the legacy conditions). */
public sealed interface Condition {
    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Comparator of(String symbol) {
            for (Comparator c : values()) if (c.symbol.equals(symbol)) return c;
            throw new IllegalArgumentException(symbol);
        }

        /** The comparator that gives the same answer with its operands swapped ({@code :v < a} is {@code a > :v}). */
        public Comparator flipped() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }
    }

    record Compare(Operand left, Comparator op, Operand right) implements Condition {
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition inner) implements Condition {
    }

    /** attribute_exists (exists) or attribute_not_exists. */
    record Exists(DocumentPath path, boolean exists) implements Condition {
    }

    record TypeIs(DocumentPath path, Operand type) implements Condition {
    }

    record BeginsWith(Operand value, Operand prefix) implements Condition {
    }

    record Contains(Operand container, Operand element) implements Condition {
    }

    /** Always true; what an absent condition means. */
    record True() implements Condition {
    }
}
