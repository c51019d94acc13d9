package dev.refusalguard.benchmarks.load;

import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop load for throughput: {@code concurrency} keep-alive connections, each sending its next request as
 * soon as the previous answer arrives, for {@code warmup + duration}; only answers to requests sent after the
 * warm-up count.
 */
final class FixedConcurrencyRun {

    private FixedConcurrencyRun() {
    }

    static LoadResult run(EventLoop loop, Target target, int concurrency, Duration duration, Duration warmup)
            throws Exception {
        LatencyRecorder counts = new LatencyRecorder(Long.MAX_VALUE);
        ResendingRecorder recorder = new ResendingRecorder(counts);
        ConnectionPool pool = new ConnectionPool(loop, target, concurrency, recorder);
        recorder.pool = pool;
        pool.prewarm(concurrency).get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        long measureFrom = t0 + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        counts.recordFrom(Long.MIN_VALUE);
        recorder.measureFrom = measureFrom;
        recorder.endNanos = end;
        long[] cpuBefore = new long[1];
        loop.execute(() -> {
            for (int i = 0; i < concurrency; i++) {
                pool.submit(System.nanoTime());
            }
        });
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        cpuBefore[0] = ProcessStats.cpuNanos(target.pid());
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        long cpu = ProcessStats.cpuNanos(target.pid()) - cpuBefore[0];
        long rss = ProcessStats.rssBytes(target.pid());
        Thread.sleep(200);
        pool.close().get(5, TimeUnit.SECONDS);
        return FixedRateRun.onLoop(loop, () -> new LoadResult(target.name(), counts.histogram().copy(),
                counts.succeeded(), counts.failed(), new TreeMap<>(counts.failures()), duration.toNanos() / 1e9,
                cpu, rss));
    }

    /**
     * Counts answers that arrive inside the measured window and sends the next request while the run lasts (on
     * the loop). A failure is retried after 1 ms so a dead target cannot spin the loop.
     */
    private static final class ResendingRecorder implements ResponseRecorder {
        private final LatencyRecorder counts;
        private ConnectionPool pool;
        private volatile long measureFrom = Long.MAX_VALUE;
        private volatile long endNanos = Long.MAX_VALUE;

        ResendingRecorder(LatencyRecorder counts) {
            this.counts = counts;
        }

        @Override
        public void success(long intendedNanos, long endNanos) {
            if (endNanos <= this.endNanos) {
                if (endNanos >= measureFrom) {
                    counts.success(intendedNanos, endNanos);
                }
                pool.submit(System.nanoTime());
            }
        }

        @Override
        public void failure(long intendedNanos, String reason) {
            long now = System.nanoTime();
            if (now >= measureFrom && now <= endNanos) {
                counts.failure(intendedNanos, reason);
            }
            if (now < endNanos) {
                pool.loop().schedule(() -> pool.submit(System.nanoTime()), 1, TimeUnit.MILLISECONDS);
            }
        }
    }
}
