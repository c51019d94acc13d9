package dev.refusalguard.proxy.server;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Proxy-assigned request ids (the {@code x-refusalguard-request-id} header and the audit log): random version-4
 * UUIDs from {@link ThreadLocalRandom}. A request id only has to be unique, not secret, so it needs none of
 * {@link UUID#randomUUID()}'s SecureRandom, whose shared lock every event loop would take on every request.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
