package dev.refusalguard.proxy.bias;

/** A plain, single-thread sum of counter blocks, read by the report builder. */
final class Tally {

    private final long[] values;

    Tally(CounterLayout layout) {
        this.values = new long[layout.size()];
    }

    long[] values() {
        return values;
    }

    long get(int index) {
        return values[index];
    }
}
