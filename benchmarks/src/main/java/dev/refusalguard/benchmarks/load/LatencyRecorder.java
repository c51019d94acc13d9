package dev.refusalguard.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * Latency histogram (microseconds, measured from the intended send time so a stalled target cannot hide its
 * queueing: no coordinated omission) and outcome counts. Requests due before {@code recordFromNanos} are warm-up
 * and only counted as finished. Touched by the client event loop only; read after the run has ended.
 */
final class LatencyRecorder implements ResponseRecorder {

    static final long MAX_MICROS = 120_000_000L;

    private final Histogram micros = new Histogram(MAX_MICROS, 3);
    private final Map<String, Integer> failures = new TreeMap<>();
    private volatile long recordFromNanos;
    /** Written by the loop only (so ++ is safe), read by the waiting thread. */
    private volatile long finished;
    private long succeeded;
    private long failed;

    LatencyRecorder(long recordFromNanos) {
        this.recordFromNanos = recordFromNanos;
    }

    @Override
    public void success(long intendedNanos, long endNanos) {
        finished++;
        if (intendedNanos >= recordFromNanos) {
            succeeded++;
            micros.recordValue(Math.min(MAX_MICROS, Math.max(1, (endNanos - intendedNanos) / 1000)));
        }
    }

    @Override
    public void failure(long intendedNanos, String reason) {
        finished++;
        if (intendedNanos >= recordFromNanos) {
            failed++;
            failures.merge(reason, 1, Integer::sum);
        }
    }

    /** Requests due from {@code nanos} on are recorded (set before the first request is sent). */
    void recordFrom(long nanos) {
        recordFromNanos = nanos;
    }

    /** Requests answered or failed so far, warm-up included (read from other threads while waiting). */
    long finished() {
        return finished;
    }

    Histogram histogram() {
        return micros;
    }

    long succeeded() {
        return succeeded;
    }

    long failed() {
        return failed;
    }

    Map<String, Integer> failures() {
        return failures;
    }
}
