package dev.refusalguard.proxy.audit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Spaces request starts evenly at most {@code perSecond} a second across threads; 0 means no limit. */
final class RateLimiter {

    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE / 2);

    RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    /** Blocks until this caller's slot. */
    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        // Claim the next free slot: the later of the previous claim's end and now.
        long claimed = nextSlot.updateAndGet(previous -> Math.max(previous, now) + intervalNanos);
        long start = claimed - intervalNanos;
        long wait = start - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
