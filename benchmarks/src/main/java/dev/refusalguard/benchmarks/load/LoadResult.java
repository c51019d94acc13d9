package dev.refusalguard.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * What one measured segment against one target produced.
 *
 * @param target       target name
 * @param micros       latency histogram in microseconds (from intended send time)
 * @param succeeded    answered with 200 inside the measured part
 * @param failed       failed inside the measured part
 * @param failures     failure reasons and counts
 * @param seconds      length of the measured part
 * @param cpuNanos     CPU time the target's processes used during the segment
 * @param peakRssBytes largest resident memory seen at the end of the segment
 */
record LoadResult(String target, Histogram micros, long succeeded, long failed, Map<String, Integer> failures,
                  double seconds, long cpuNanos, long peakRssBytes) {

    double throughput() {
        return succeeded / seconds;
    }
}
