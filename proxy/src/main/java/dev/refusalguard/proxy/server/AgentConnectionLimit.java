package dev.refusalguard.proxy.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cap on open agent connections ({@code server.maxConnections}), shared by every event loop. A connection
 * accepted while the cap is reached is still read, so its first request can be refused in its own API's error
 * shape (503 with Retry-After) instead of a bare reset, and then closed; it counts as open until it closes.
 */
final class AgentConnectionLimit {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();

    AgentConnectionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1: " + max);
        }
        this.max = max;
    }

    /** Counts a new connection open; false when it is over the cap (and is counted as rejected). */
    boolean admit() {
        if (open.incrementAndGet() <= max) {
            return true;
        }
        rejected.incrementAndGet();
        return false;
    }

    /** A connection counted by {@link #admit()} closed. */
    void release() {
        open.decrementAndGet();
    }

    /** What a connection over a cap of {@code max} is told. */
    static String overLimitMessage(int max) {
        return "RefusalGuard has " + max + " agent connections open, its limit (server.maxConnections); retry in a"
                + " moment, or reuse a kept-alive connection.";
    }

    int max() {
        return max;
    }

    int open() {
        return open.get();
    }

    long rejected() {
        return rejected.get();
    }
}
