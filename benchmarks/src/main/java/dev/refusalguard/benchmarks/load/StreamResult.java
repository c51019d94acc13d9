package dev.refusalguard.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * What a concurrent-streams segment against one target produced. Histograms are in microseconds from each
 * stream's due time.
 *
 * @param target         target name
 * @param firstByte      time to the response status line
 * @param firstToken     time to the first non-empty content delta
 * @param whole          time to the end of the stream
 * @param completed      streams that ended with [DONE] and status 200
 * @param failed         streams that failed
 * @param failures       failure reasons and counts
 * @param peakConcurrent most streams open at once
 * @param peakRssBytes   largest resident memory of the target seen while streaming (sampled every 100 ms)
 * @param cpuNanos       CPU time the target's processes used during the segment
 */
record StreamResult(String target, Histogram firstByte, Histogram firstToken, Histogram whole, long completed,
                    long failed, Map<String, Integer> failures, int peakConcurrent, long peakRssBytes,
                    long cpuNanos) {
}
