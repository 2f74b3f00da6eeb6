package io.localvpc.dynamodb.expr;

import io.localvpc.dynamodb.value.AttributeValue;
import io.localvpc.dynamodb.value.DynamoNumbers;

/** How DynamoDB prints a value inside an expression error: {@code AttributeValue: {N:1}}. */
final class ValueText {
    private ValueText() {
    }

    static String of(AttributeValue v) {
        String body;
        if (v instanceof AttributeValue.S s) {
            body = s.value();
        } else if (v instanceof AttributeValue.N n) {
            body = n.text();
        } else if (v instanceof AttributeValue.B b) {
            body = b.value().toBase64();
        } else if (v instanceof AttributeValue.Bool b) {
            body = String.valueOf(b.value());
        } else if (v instanceof AttributeValue.Null) {
            body = "true";
        } else if (v instanceof AttributeValue.NS ns) {
            body = ns.values().stream().map(DynamoNumbers::format).toList().toString();
        } else if (v instanceof AttributeValue.SS ss) {
            body = ss.values().toString();
        } else if (v instanceof AttributeValue.BS bs) {
            body = bs.values().toString();
        } else {
            body = "...";
        }
        return "AttributeValue: {" + v.type() + ":" + body + "}";
    }
}
