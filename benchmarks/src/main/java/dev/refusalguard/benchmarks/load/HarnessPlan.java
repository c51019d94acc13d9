package dev.refusalguard.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one harness run does. The first target is the baseline every "added" figure is measured against.
 *
 * @param targets            targets, baseline first
 * @param rounds             interleaved rounds per phase (each round runs every target once, in rotated order)
 * @param segment            measured length of one target's turn
 * @param warmup             unrecorded lead-in of each turn
 * @param jitWarmup          closed-loop load per target before anything is recorded (lets the JIT compile the hot path)
 * @param concurrency        connections of the throughput phase
 * @param rates              fixed rates of the latency phase (requests per second)
 * @param streams            concurrent streams of the streaming phase (0 = skip)
 * @param warmupStreams      concurrent streams of each target's warm-up (by default as many as the measured phase:
 *                           a target's first burst of that size, with its connection pools still empty, is a
 *                           cold-start figure, 2x the later turns' TTFT, and it fell on whichever target came first)
 * @param streamStartsPerSec how fast those streams are opened
 * @param streamTimeout      longest a streaming turn may take
 * @param windowMillis       time the upstream needs to send the proxy's refusal window (for the TTFT target)
 * @param out                directory for results.json and summary.md
 */
record HarnessPlan(List<Target> targets, int rounds, Duration segment, Duration warmup, Duration jitWarmup,
                   int concurrency,
                   List<Integer> rates, int streams, int warmupStreams, int streamStartsPerSec, Duration streamTimeout,
                   double windowMillis, Path out) {

    HarnessPlan {
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("--target: give at least one (the baseline first)");
        }
        targets = List.copyOf(targets);
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds: must be >= 1, was " + rounds);
        }
        if (segment.isNegative() || segment.isZero()) {
            throw new IllegalArgumentException("--segment-s: must be > 0");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup-s: must be >= 0");
        }
        if (jitWarmup.isNegative()) {
            throw new IllegalArgumentException("--jit-warmup-s: must be >= 0");
        }
        if (concurrency < 1 || concurrency > 10_000) {
            throw new IllegalArgumentException("--concurrency: must be 1..10000, was " + concurrency);
        }
        rates = List.copyOf(rates);
        for (int r : rates) {
            if (r < 1 || r > 1_000_000) {
                throw new IllegalArgumentException("--rates: each must be 1..1000000, was " + r);
            }
        }
        if (streams < 0 || streams > 60_000) {
            throw new IllegalArgumentException("--streams: must be 0..60000, was " + streams);
        }
        if (warmupStreams < 0 || warmupStreams > 60_000) {
            throw new IllegalArgumentException("--warmup-streams: must be 0..60000, was " + warmupStreams);
        }
        if (streamStartsPerSec < 1) {
            throw new IllegalArgumentException("--stream-starts-per-s: must be >= 1, was " + streamStartsPerSec);
        }
        if (windowMillis < 0) {
            throw new IllegalArgumentException("--window-ms: must be >= 0, was " + windowMillis);
        }
    }

    Target baseline() {
        return targets.get(0);
    }

    /** Round {@code r}'s order: the target list rotated by r, so no target always runs first or after another. */
    List<Target> order(int r) {
        int n = targets.size();
        return IntStream.range(0, n).mapToObj(i -> targets.get((i + r) % n)).toList();
    }
}
