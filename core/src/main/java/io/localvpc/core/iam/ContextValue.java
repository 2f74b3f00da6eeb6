package io.localvpc.core.iam;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

/**
 * The values of one request-context key, with their numeric, date, address and binary readings parsed on
 * first use and kept, so that evaluating many statements (or many policies) against one request parses
 * each value at most once. A value that does not read as the type asked for reads as null (it matches
 * nothing). A context belongs to one request and is not meant to be shared between threads while in use.
 */
final class ContextValue {
    private final String[] values;
    private BigDecimal[] numbers;
    private long[] dates;
    private boolean[] dateValid;
    private Cidr[] addresses;
    private byte[][] binaries;

    ContextValue(List<String> values) {
        this.values = values.toArray(new String[0]);
    }

    int size() {
        return values.length;
    }

    String get(int i) {
        return values[i];
    }

    List<String> asList() {
        return List.of(values);
    }

    BigDecimal number(int i) {
        if (numbers == null) {
            BigDecimal[] n = new BigDecimal[values.length];
            for (int k = 0; k < n.length; k++) n[k] = Numbers.parse(values[k]);
            numbers = n;
        }
        return numbers[i];
    }

    /** Epoch milliseconds of value i; check {@link #dateValid(int)} first. */
    long date(int i) {
        ensureDates();
        return dates[i];
    }

    boolean dateValid(int i) {
        ensureDates();
        return dateValid[i];
    }

    private void ensureDates() {
        if (dates != null) return;
        long[] d = new long[values.length];
        boolean[] ok = new boolean[values.length];
        for (int k = 0; k < d.length; k++) {
            Long v = Dates.parse(values[k]);
            ok[k] = v != null;
            d[k] = v == null ? 0 : v;
        }
        dateValid = ok;
        dates = d;
    }

    Cidr address(int i) {
        if (addresses == null) {
            Cidr[] a = new Cidr[values.length];
            for (int k = 0; k < a.length; k++) a[k] = Cidr.parse(values[k]);
            addresses = a;
        }
        return addresses[i];
    }

    byte[] binary(int i) {
        if (binaries == null) {
            byte[][] b = new byte[values.length][];
            for (int k = 0; k < b.length; k++) {
                try {
                    b[k] = Base64.getDecoder().decode(values[k]);
                } catch (IllegalArgumentException e) {
                    b[k] = null;
                }
            }
            binaries = b;
        }
        return binaries[i];
    }
}
