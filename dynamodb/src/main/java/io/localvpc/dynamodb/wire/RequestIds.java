package io.localvpc.dynamodb.wire;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids as DynamoDB writes them in x-amzn-RequestId: 52 characters of 0-9 and A-Z (unique enough to find a request in a log; not secrets). */
final class RequestIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private RequestIds() {
    }

    static String next() {
        char[] id = new char[52];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < id.length; i++) id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return new String(id);
    }
}
