package dev.refusalguard.proxy.detect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * An inference task queued on the executor that another inference task may run first: a request's analysis,
 * queued when the request arrives, is run by the answer's verdict task when that finds it not yet begun (the pool
 * was busy), so one hand-off then carries both and the event loop is woken once. Whichever runs it first claims it;
 * the other finds it claimed and does nothing. Thread-safe.
 */
public final class SharedInferenceTask<T> implements Runnable {

    private final Supplier<T> work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private SharedInferenceTask(Supplier<T> work) {
        this.work = work;
    }

    /**
     * Queues {@code work} on {@code executor}; when the queue is full the result fails at once with the executor's
     * rejection (as {@link InferenceExecutor#submit} does) and no other task will run it.
     */
    public static <T> SharedInferenceTask<T> submit(InferenceExecutor executor, Supplier<T> work) {
        SharedInferenceTask<T> task = new SharedInferenceTask<>(work);
        if (!executor.tryExecute(task) && task.claimed.compareAndSet(false, true)) {
            task.result.completeExceptionally(new java.util.concurrent.RejectedExecutionException(
                    "inference queue full"));
        }
        return task;
    }

    /** Completes when the work has run (on whichever inference thread claimed it), or failed. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Runs the work unless another task has claimed it; on an inference thread only. */
    @Override
    public void run() {
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            result.complete(work.get());
        } catch (Throwable t) {
            result.completeExceptionally(t);
        }
    }
}
