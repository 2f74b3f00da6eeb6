package io.localvpc.dynamodb.value;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * DynamoDB's numbers: decimal, at most 38 significant digits, magnitudes from 1E-130 up to (but excluding) 1E126,
 * kept normalised (trailing zeros dropped) and written as plain digits.
 */
public final class DynamoNumbers {
    public static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;

    private DynamoNumbers() {
    }

    /**
     * Reads a number as DynamoDB does (Java's decimal syntax, exponents allowed) and checks its range.
     *
     * @throws NumberProblem with DynamoDB's message when the text is not a number DynamoDB can store
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) throw new NumberProblem("The parameter cannot be converted to a numeric value");
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new NumberProblem("The parameter cannot be converted to a numeric value: " + text);
        }
        return check(d);
    }

    /** Checks that a number (parsed or computed) fits DynamoDB's range and precision; answers it normalised. */
    public static BigDecimal check(BigDecimal d) {
        BigDecimal n = normalise(d);
        if (n.signum() == 0) return n;
        int exponent = n.precision() - n.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw new NumberProblem("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw new NumberProblem("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (n.precision() > MAX_DIGITS) throw new NumberProblem("Attempting to store more than 38 significant digits in a Number");
        return n;
    }

    /** The sum or difference of two stored numbers, checked like any number DynamoDB stores. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return check(a.add(b, MathContext.UNLIMITED));
    }

    public static BigDecimal normalise(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    /** Plain digits without an exponent or trailing zeros, as DynamoDB answers numbers. */
    public static String format(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /**
     * Bytes a number takes in an item: DynamoDB stores the digits in base 100 (pairs aligned on even powers of ten)
     * after one byte of exponent, and a negative number takes one byte more.
     */
    public static int size(BigDecimal d) {
        if (d.signum() == 0) return 1;
        int digits = d.precision();
        int top = d.precision() - d.scale() - 1;
        int bottom = top - digits + 1;
        int pairs = Math.floorDiv(top, 2) - Math.floorDiv(bottom, 2) + 1;
        return 1 + pairs + (d.signum() < 0 ? 1 : 0);
    }

    /** A number DynamoDB would refuse, with the message it answers. */
    public static final class NumberProblem extends RuntimeException {
        public NumberProblem(String message) {
            super(message, null, false, false);
        }
    }
}
