package dev.refusalguard.proxy.bias;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Live counters laid out by {@link CounterLayout}: lock-free increments from any thread, summed into a
 * {@link Tally} when a report is taken.
 */
final class CounterBlock {

    private final AtomicLongArray counts;

    CounterBlock(CounterLayout layout) {
        this.counts = new AtomicLongArray(layout.size());
    }

    void increment(int index) {
        counts.getAndIncrement(index);
    }

    void addTo(Tally tally) {
        long[] target = tally.values();
        for (int i = 0; i < target.length; i++) {
            target[i] += counts.get(i);
        }
    }
}
