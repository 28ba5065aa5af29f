package dev.sluice.gateway.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Makes request ids: random (version 4) UUIDs without the contention of SecureRandom on the event loop. */
public final class RequestIds {
    private RequestIds() {}

    /** Returns a new request id. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xf000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xcL << 60)) | (0x8L << 60);
        return new UUID(high, low).toString();
    }
}
