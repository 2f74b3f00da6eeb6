package io.localvpc.dynamodb.table;

import io.localvpc.dynamodb.value.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where DynamoDB places a key among its partitions, which is the order a Scan returns items in and how Scan segments
 * divide a table: the first 24 bits of MD5 over the bytes "Outliers" followed by the key's bytes (a string's UTF-8, a
 * binary's bytes, a number in DynamoDB's base-100 form). This is an observed fact about DynamoDB (recorded by
 * dynalite, whose tests were run against DynamoDB), used so that scans here come back in DynamoDB's order.
 */
final class PartitionHash {
    static final int BITS = 24;
    private static final byte[] SALT = "Outliers".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    });

    private PartitionHash() {
    }

    /** The placement of a partition key (0 to 2^24 - 1). */
    static int of(AttributeValue... keys) {
        MessageDigest md5 = MD5.get();
        md5.reset();
        md5.update(SALT);
        for (AttributeValue k : keys) if (k != null) md5.update(bytes(k));
        byte[] d = md5.digest();
        return ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff);
    }

    static byte[] bytes(AttributeValue v) {
        if (v instanceof AttributeValue.S s) return s.value().getBytes(StandardCharsets.UTF_8);
        if (v instanceof AttributeValue.B b) return b.value().toByteArray();
        return number(((AttributeValue.N) v).value());
    }

    /**
     * A number in base 100: a byte for how many digit pairs stand before the decimal point (offset by 64), then a byte
     * per pair (the pair's value plus 1), pairs aligned on the decimal point. A negative number has its exponent
     * byte's bits inverted and each pair stored as 101 minus its value, and ends with 102 when it has fewer than 20
     * pairs. Zero is the single byte 0x80.
     */
    static byte[] number(BigDecimal n) {
        if (n.signum() == 0) return new byte[]{(byte) 0x80};
        boolean negative = n.signum() < 0;
        BigDecimal a = n.abs().stripTrailingZeros();
        String digits = a.unscaledValue().toString();
        int beforePoint = digits.length() - a.scale();
        if (beforePoint % 2 != 0) {
            digits = "0" + digits;
            beforePoint++;
        }
        if (digits.length() % 2 != 0) digits = digits + "0";
        int pairs = digits.length() / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream(pairs + 2);
        int exponent = beforePoint / 2 - 64;
        out.write(negative ? ~exponent : exponent);
        for (int i = 0; i < pairs; i++) {
            int pair = (digits.charAt(2 * i) - '0') * 10 + (digits.charAt(2 * i + 1) - '0');
            out.write(negative ? 101 - pair : pair + 1);
        }
        if (negative && pairs < 20) out.write(102);
        return out.toByteArray();
    }
}
