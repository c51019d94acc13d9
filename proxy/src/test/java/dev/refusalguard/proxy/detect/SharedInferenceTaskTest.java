package dev.refusalguard.proxy.detect;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A queued task another inference task may run first: it runs once, whoever gets to it, and a full queue fails it. */
class SharedInferenceTaskTest {

    @Test
    void aTaskRunByAnotherWhileQueuedRunsOnceAndIsDoneBeforeThatOtherReturns() throws Exception {
        try (InferenceExecutor executor = new InferenceExecutor(1, 4)) {
            CountDownLatch release = new CountDownLatch(1);
            executor.submit(() -> await(release));
            AtomicInteger runs = new AtomicInteger();
            SharedInferenceTask<String> analysis = SharedInferenceTask.submit(executor, () -> {
                runs.incrementAndGet();
                return "analysed";
            });
            assertThat(analysis.result()).isNotDone();
            // The verdict's task finds it still queued behind the busy thread and runs it itself.
            analysis.run();
            assertThat(analysis.result()).isCompletedWithValue("analysed");
            release.countDown();
            // Its own queued run, when the pool reaches it, finds it claimed.
            executor.submit(() -> null).get(5, TimeUnit.SECONDS);
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void aTaskTheQueueHasNoRoomForFailsAtOnceAndNothingRunsItLater() throws Exception {
        try (InferenceExecutor executor = new InferenceExecutor(1, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            executor.submit(() -> {
                started.countDown();
                return await(release);
            });
            started.await(5, TimeUnit.SECONDS);
            executor.submit(() -> null);
            AtomicInteger runs = new AtomicInteger();
            SharedInferenceTask<String> analysis = SharedInferenceTask.submit(executor, () -> {
                runs.incrementAndGet();
                return "analysed";
            });
            assertThat(analysis.result()).isCompletedExceptionally();
            assertThatThrownBy(() -> analysis.result().get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RejectedExecutionException.class);
            analysis.run();
            release.countDown();
            assertThat(runs).hasValue(0);
        }
    }

    @Test
    void aFailingTaskFailsItsResultNotTheTaskThatRanIt() {
        try (InferenceExecutor executor = new InferenceExecutor(1, 4)) {
            SharedInferenceTask<String> analysis = SharedInferenceTask.submit(executor, () -> {
                throw new IllegalStateException("analyzer bug");
            });
            analysis.run();
            assertThat(analysis.result()).isCompletedExceptionally();
        }
    }

    private static Object await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
