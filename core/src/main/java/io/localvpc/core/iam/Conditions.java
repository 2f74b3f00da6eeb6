package io.localvpc.core.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a statement's Condition block: {@code {"<qualifier:>Operator<IfExists>": {"vendor:key": value or [values]}}}.
 * Values are parsed once here for their operator's type, so a bad number, date, address or base64 value is
 * refused when the policy is written rather than silently never matching.
 */
final class Conditions {
    private static final String FOR_ALL = "ForAllValues:";
    private static final String FOR_ANY = "ForAnyValue:";
    private static final String IF_EXISTS = "IfExists";

    private Conditions() {}

    static List<Condition> parse(JsonNode block, String path, boolean variables) {
        if (!block.isObject()) throw PolicyException.at(path, "Syntax errors in policy: Condition must be an object of operators.");
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String opPath = path + "." + name;
            Condition.Qualifier q = Condition.Qualifier.NONE;
            String base = name;
            if (base.startsWith(FOR_ALL)) {
                q = Condition.Qualifier.FOR_ALL_VALUES;
                base = base.substring(FOR_ALL.length());
            } else if (base.startsWith(FOR_ANY)) {
                q = Condition.Qualifier.FOR_ANY_VALUE;
                base = base.substring(FOR_ANY.length());
            }
            boolean ifExists = false;
            ConditionOperator op = ConditionOperator.named(base);
            if (op == null && base.endsWith(IF_EXISTS)) {
                op = ConditionOperator.named(base.substring(0, base.length() - IF_EXISTS.length()));
                ifExists = true;
                if (op == ConditionOperator.Null) op = null; // Null already tests existence
            }
            if (op == null) throw PolicyException.at(path, "unknown operator " + name + ".");
            JsonNode keys = e.getValue();
            if (!keys.isObject() || keys.isEmpty()) {
                throw PolicyException.at(opPath, "Syntax errors in policy: an operator must map condition keys to values.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> kit = keys.fields(); kit.hasNext(); ) {
                Map.Entry<String, JsonNode> k = kit.next();
                String key = k.getKey();
                String keyPath = opPath + "." + key;
                int colon = key.indexOf(':');
                if (colon <= 0 || colon == key.length() - 1) {
                    throw PolicyException.at(keyPath, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. (got condition key \"" + key + "\").");
                }
                List<String> raw = values(k.getValue(), keyPath);
                Object[] compiled = new Object[raw.size()];
                for (int i = 0; i < compiled.length; i++) {
                    String valuePath = k.getValue().isArray() ? keyPath + "[" + i + "]" : keyPath;
                    compiled[i] = compile(op, raw.get(i), valuePath, variables);
                }
                out.add(new Condition(op, q, ifExists, key.toLowerCase(Locale.ROOT), compiled));
            }
        }
        return out;
    }

    private static List<String> values(JsonNode n, String path) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            if (n.isEmpty()) throw PolicyException.at(path, "Syntax errors in policy: a condition key needs at least one value.");
            for (int i = 0; i < n.size(); i++) out.add(scalar(n.get(i), path + "[" + i + "]"));
        } else {
            out.add(scalar(n, path));
        }
        return out;
    }

    private static String scalar(JsonNode n, String path) {
        if (n.isTextual() || n.isNumber() || n.isBoolean()) return n.asText();
        throw PolicyException.at(path, "Syntax errors in policy: a condition value must be a string, number or boolean, not " + n + ".");
    }

    private static Object compile(ConditionOperator op, String v, String path, boolean variables) {
        switch (op.type) {
            case STRING, STRING_IGNORE_CASE, STRING_LIKE -> {
                return Template.parse(v, variables);
            }
            case ARN -> {
                return Template.parse(v, variables);
            }
            case NUMERIC -> {
                BigDecimal n = Numbers.parse(v);
                if (n == null) throw PolicyException.at(path, op + " needs a number, not \"" + v + "\".");
                return n;
            }
            case DATE -> {
                Long d = Dates.parse(v);
                if (d == null) throw PolicyException.at(path, op + " needs an ISO 8601 date or epoch seconds, not \"" + v + "\".");
                return d;
            }
            case BOOL, NULL -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw PolicyException.at(path, op + " needs true or false, not \"" + v + "\".");
                }
                return op == ConditionOperator.Null ? (Object) Boolean.valueOf(v.equalsIgnoreCase("true")) : v.toLowerCase(Locale.ROOT);
            }
            case BINARY -> {
                try {
                    return Base64.getDecoder().decode(v);
                } catch (IllegalArgumentException e) {
                    throw PolicyException.at(path, op + " needs a base64 value, not \"" + v + "\".");
                }
            }
            case IP -> {
                Cidr c = Cidr.parse(v);
                if (c == null) throw PolicyException.at(path, op + " needs an IPv4 or IPv6 address or CIDR block, not \"" + v + "\".");
                return c;
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }
}
