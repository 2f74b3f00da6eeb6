package io.localvpc.dynamodb.value;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB attribute value, of one of DynamoDB's ten types. Values are immutable and compare by content: numbers
 * numerically (they are kept normalised, see {@link DynamoNumbers}), sets as sets, lists and maps element by element.
 */
public sealed interface AttributeValue {
    /** DynamoDB's name of the type, as it appears on the wire and in error messages: S, N, B, BOOL, NULL, SS, NS, BS, L, M. */
    String type();

    record S(String value) implements AttributeValue {
        @Override
        public String type() {
            return "S";
        }
    }

    /** A number, normalised (no trailing zeros, so 1.0 and 1 are one value) and within DynamoDB's range. */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = DynamoNumbers.normalise(value);
        }

        @Override
        public String type() {
            return "N";
        }

        /** The number as DynamoDB writes it: plain digits, never an exponent. */
        public String text() {
            return DynamoNumbers.format(value);
        }
    }

    record B(Binary value) implements AttributeValue {
        @Override
        public String type() {
            return "B";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean b) {
            return b ? TRUE : FALSE;
        }

        @Override
        public String type() {
            return "BOOL";
        }
    }

    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        @Override
        public String type() {
            return "NULL";
        }
    }

    record SS(Set<String> values) implements AttributeValue {
        public SS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        @Override
        public String type() {
            return "SS";
        }
    }

    record NS(Set<BigDecimal> values) implements AttributeValue {
        public NS {
            LinkedHashSet<BigDecimal> normalised = new LinkedHashSet<>();
            for (BigDecimal v : values) normalised.add(DynamoNumbers.normalise(v));
            values = Collections.unmodifiableSet(normalised);
        }

        @Override
        public String type() {
            return "NS";
        }
    }

    record BS(Set<Binary> values) implements AttributeValue {
        public BS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        @Override
        public String type() {
            return "BS";
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "L";
        }
    }

    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String type() {
            return "M";
        }
    }

    static S s(String value) {
        return new S(value);
    }

    static N n(String value) {
        return new N(new BigDecimal(value));
    }

    static N n(long value) {
        return new N(BigDecimal.valueOf(value));
    }
}
