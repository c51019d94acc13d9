package dev.refusalguard.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/** Everything measured for one target, merged over the interleaved rounds (main thread only). */
final class TargetFigures {

    /** One phase's merged segments. */
    static final class Merged {
        final Histogram micros = new Histogram(LatencyRecorder.MAX_MICROS, 3);
        final Map<String, Integer> failures = new TreeMap<>();
        long succeeded;
        long failed;
        double seconds;
        long cpuNanos;
        long peakRssBytes;

        void add(LoadResult r) {
            micros.add(r.micros());
            r.failures().forEach((k, v) -> failures.merge(k, v, Integer::sum));
            succeeded += r.succeeded();
            failed += r.failed();
            seconds += r.seconds();
            cpuNanos += r.cpuNanos();
            peakRssBytes = Math.max(peakRssBytes, r.peakRssBytes());
        }

        double throughput() {
            return seconds == 0 ? 0 : succeeded / seconds;
        }

        /** CPU microseconds per finished request. */
        double cpuMicrosPerRequest() {
            long n = succeeded + failed;
            return n == 0 ? 0 : cpuNanos / 1000.0 / n;
        }

        double percentileMillis(double p) {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(p) / 1000.0;
        }
    }

    final Target target;
    final Merged throughput = new Merged();
    final Map<Integer, Merged> byRate = new TreeMap<>();
    StreamResult streams;
    long idleRssBefore;
    long idleRssAfter;

    TargetFigures(Target target) {
        this.target = target;
    }

    Merged rate(int r) {
        return byRate.computeIfAbsent(r, k -> new Merged());
    }
}
