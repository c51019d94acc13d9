package dev.refusalguard.benchmarks.load;

import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: requests are due at a fixed rate whatever the target does, and each latency is measured from
 * its due time, so a stall shows up in the tail instead of slowing the load down (no coordinated omission). A
 * pacing thread wakes at each due time and hands the request to the client event loop; the first
 * {@code warmup} of the run is not recorded.
 */
final class FixedRateRun {

    static final int PREWARM_CONNECTIONS = 16;
    static final int MAX_CONNECTIONS = 1024;
    static final Duration DRAIN = Duration.ofSeconds(10);

    private FixedRateRun() {
    }

    static LoadResult run(EventLoop loop, Target target, int ratePerSecond, Duration duration, Duration warmup)
            throws Exception {
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long total = warmup.plus(duration).toNanos() / periodNanos;
        LatencyRecorder recorder = new LatencyRecorder(Long.MAX_VALUE);
        ConnectionPool pool = new ConnectionPool(loop, target, MAX_CONNECTIONS, recorder);
        pool.prewarm(PREWARM_CONNECTIONS).get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long measureFrom = t0 + warmup.toNanos();
        recorder.recordFrom(measureFrom);
        long cpuBefore = -1;
        for (long i = 0; i < total; i++) {
            long due = t0 + i * periodNanos;
            if (cpuBefore < 0 && due >= measureFrom) {
                cpuBefore = ProcessStats.cpuNanos(target.pid());
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            loop.execute(() -> pool.submit(due));
        }
        return finish(pool, recorder, target, total, duration, Math.max(0, cpuBefore));
    }

    private static LoadResult finish(ConnectionPool pool, LatencyRecorder recorder, Target target, long total,
                                     Duration duration, long cpuBefore) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (recorder.finished() < total && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long cpu = ProcessStats.cpuNanos(target.pid()) - cpuBefore;
        long rss = ProcessStats.rssBytes(target.pid());
        pool.close().get(5, TimeUnit.SECONDS);
        return onLoop(pool.loop(), () -> new LoadResult(target.name(), recorder.histogram().copy(),
                recorder.succeeded(), recorder.failed(), new TreeMap<>(recorder.failures()),
                duration.toNanos() / 1e9, cpu, rss));
    }

    /** Runs {@code task} on the client loop (which owns the recorders) and waits for its result. */
    static <T> T onLoop(EventLoop loop, Callable<T> task) throws Exception {
        return loop.submit(task).get(10, TimeUnit.SECONDS);
    }
}
