package io.localvpc.dataplane.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Mutated HTTP requests for the data-plane fuzz tests: a valid request with bytes flipped, inserted, deleted or
 * repeated, header lines mangled (NULs, bare CRs, huge values), versions and methods replaced. Seeded, so a run
 * can be replayed; the count comes from {@code -Dlocalvpc.fuzz.count} (150 in CI), the seed from {@code -Dlocalvpc.fuzz.seed}.
 */
final class FuzzInputs {
    static final long SEED = Long.getLong("localvpc.fuzz.seed", 20261206L);
    static final int COUNT = Integer.getInteger("localvpc.fuzz.count", 150);

    private static final String[] PIECES = {"\u0000", "\r", "\n", "\r\n", " ", ":", "HTTP/9.9", "HTTP/1.0", "GET", "CONNECT",
            "Transfer-Encoding: chunked\r\n", "Content-Length: 5\r\n", "Content-Length: -1\r\n", "Content-Length: 99999999999\r\n",
            "Expect: 100-continue\r\n", "Host: \r\n", "zz\r\n", "0\r\n\r\n", "%", "%zz", "\u00ff", "..", "/../", "*"};

    private FuzzInputs() {
    }

    static byte[] mutate(Random random, String valid) {
        StringBuilder b = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(b.length() + 1);
            switch (random.nextInt(6)) {
                case 0 -> b.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 1 -> {
                    if (at < b.length()) b.deleteCharAt(at);
                }
                case 2 -> {
                    if (at < b.length()) b.setCharAt(at, (char) random.nextInt(256));
                }
                case 3 -> b.insert(at, "X-Fuzz: " + "v".repeat(random.nextInt(3) == 0 ? 70_000 : 20) + "\r\n");
                case 4 -> b.insert(at, String.valueOf((char) random.nextInt(32)));
                default -> {
                    int end = Math.min(b.length(), at + random.nextInt(8));
                    b.insert(at, b.substring(at, end));
                }
            }
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
