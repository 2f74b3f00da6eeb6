package io.localvpc.dynamodb.wire;

import java.security.SecureRandom;

/** Request ids as DynamoDB writes them in x-amzn-RequestId: 52 characters of 0-9 and A-Z. */
final class RequestIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static String next() {
        char[] id = new char[52];
        byte[] bytes = new byte[52];
        RANDOM.nextBytes(bytes);
        for (int i = 0; i < id.length; i++) id[i] = ALPHABET[(bytes[i] & 0xff) % ALPHABET.length];
        return new String(id);
    }
}
