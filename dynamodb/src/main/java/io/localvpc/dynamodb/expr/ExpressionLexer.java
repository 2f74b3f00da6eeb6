package io.localvpc.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens. A character no token can start with becomes an {@code INVALID} token, so the parser reports it where it stands. */
final class ExpressionLexer {
    enum Kind { NAME, NAME_REF, VALUE_REF, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, EQ, NE, LT, LE, GT, GE, PLUS, MINUS, INVALID, EOF }

    record Token(Kind kind, String text, int start, int end) {
        /** Whether this is the keyword {@code word} (keywords are case-insensitive). */
        boolean is(String word) {
            return kind == Kind.NAME && text.equalsIgnoreCase(word);
        }
    }

    private ExpressionLexer() {
    }

    static List<Token> tokens(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int start = i;
            Kind kind;
            if (isNameStart(c)) {
                i++;
                while (i < n && isNamePart(src.charAt(i))) i++;
                kind = Kind.NAME;
            } else if (c >= '0' && c <= '9') {
                while (i < n && src.charAt(i) >= '0' && src.charAt(i) <= '9') i++;
                kind = Kind.NUMBER;
            } else if ((c == '#' || c == ':') && i + 1 < n && isNamePart(src.charAt(i + 1))) {
                i++;
                while (i < n && isNamePart(src.charAt(i))) i++;
                kind = c == '#' ? Kind.NAME_REF : Kind.VALUE_REF;
            } else {
                i++;
                switch (c) {
                    case '(' -> kind = Kind.LPAREN;
                    case ')' -> kind = Kind.RPAREN;
                    case '[' -> kind = Kind.LBRACKET;
                    case ']' -> kind = Kind.RBRACKET;
                    case ',' -> kind = Kind.COMMA;
                    case '.' -> kind = Kind.DOT;
                    case '+' -> kind = Kind.PLUS;
                    case '-' -> kind = Kind.MINUS;
                    case '=' -> kind = Kind.EQ;
                    case '<' -> {
                        if (i < n && src.charAt(i) == '=') {
                            i++;
                            kind = Kind.LE;
                        } else if (i < n && src.charAt(i) == '>') {
                            i++;
                            kind = Kind.NE;
                        } else {
                            kind = Kind.LT;
                        }
                    }
                    case '>' -> {
                        if (i < n && src.charAt(i) == '=') {
                            i++;
                            kind = Kind.GE;
                        } else {
                            kind = Kind.GT;
                        }
                    }
                    default -> {
                        if (Character.isHighSurrogate(c) && i < n) i++;
                        kind = Kind.INVALID;
                    }
                }
            }
            out.add(new Token(kind, src.substring(start, i), start, i));
        }
        out.add(new Token(Kind.EOF, "<EOF>", n, n));
        return out;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
