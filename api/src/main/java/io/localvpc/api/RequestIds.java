package io.localvpc.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids in AWS's UUID form. */
public final class RequestIds {
    private RequestIds() {
    }

    /**
     * A new id. Not secret, so it comes from a fast thread-local generator rather than UUID.randomUUID's
     * SecureRandom (whose first use alone costs tens of milliseconds).
     */
    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }
}
