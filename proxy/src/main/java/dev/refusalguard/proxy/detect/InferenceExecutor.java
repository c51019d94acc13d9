package dev.refusalguard.proxy.detect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bounded pool where classifier and request-analysis inference runs, off the event loops (DESIGN.md rule 5).
 *
 * <p>Two lanes: verdicts on answers ({@link #submit}) wait for nothing but other verdicts, because an agent's
 * answer is held until its verdict is in; request analyses ({@link #submitAnalysis}) run when no verdict is waiting
 * (an analysis is only needed once an answer turns out to be a refusal, and for the exchange's metrics at its end).
 * First in, first out within a lane.
 *
 * <p>When {@code queueCapacity} tasks already wait, a new task is rejected at once (a verdict then falls back to
 * provider signals) rather than queueing without bound. The check and the enqueue are not one atomic step, so under
 * a burst from several event loops the queue may exceed the bound by at most the number of event loops.
 */
public final class InferenceExecutor implements AutoCloseable {

    /** Lane order: lower runs first. */
    private static final int VERDICT = 0;
    private static final int ANALYSIS = 1;

    private final ThreadPoolExecutor pool;
    private final PriorityBlockingQueue<Runnable> queue = new PriorityBlockingQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final int queueCapacity;

    public InferenceExecutor(int threads, int queueCapacity) {
        this.queueCapacity = queueCapacity;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "refusalguard-inference-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        // Every task goes through the queue (never handed to a thread being started), so lanes are always honoured.
        pool.prestartAllCoreThreads();
    }

    /** Runs an answer verdict; the future fails with RejectedExecutionException when the queue is full. */
    public <T> CompletableFuture<T> submit(Supplier<T> task) {
        return submit(task, VERDICT);
    }

    /** Runs a request analysis, after any waiting verdicts; fails like {@link #submit} when the queue is full. */
    public <T> CompletableFuture<T> submitAnalysis(Supplier<T> task) {
        return submit(task, ANALYSIS);
    }

    private <T> CompletableFuture<T> submit(Supplier<T> task, int lane) {
        if (queue.size() >= queueCapacity) {
            return CompletableFuture.failedFuture(new RejectedExecutionException("inference queue full"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(new Ranked(lane, sequence.getAndIncrement(), () -> {
                try {
                    result.complete(task.get());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    /** A task with its lane and arrival order, as the priority queue orders them. */
    private record Ranked(int lane, long seq, Runnable body) implements Runnable, Comparable<Ranked> {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Ranked o) {
            return lane != o.lane ? Integer.compare(lane, o.lane) : Long.compare(seq, o.seq);
        }
    }
}
