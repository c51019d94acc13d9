package dev.refusalguard.proxy.detect;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InferenceExecutorTest {

    @Test
    void waitingVerdictsRunBeforeWaitingAnalysesAndEachLaneKeepsItsOrder() throws Exception {
        try (InferenceExecutor executor = new InferenceExecutor(1, 100)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            executor.submit(() -> {
                started.countDown();
                await(busy);
                return "blocker";
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            List<String> ran = new CopyOnWriteArrayList<>();
            CompletableFuture<?> a1 = executor.submitAnalysis(() -> ran.add("analysis-1"));
            CompletableFuture<?> v1 = executor.submit(() -> ran.add("verdict-1"));
            CompletableFuture<?> a2 = executor.submitAnalysis(() -> ran.add("analysis-2"));
            CompletableFuture<?> v2 = executor.submit(() -> ran.add("verdict-2"));
            assertThat(executor.queued()).isEqualTo(4);
            busy.countDown();
            CompletableFuture.allOf(a1, v1, a2, v2).get(5, TimeUnit.SECONDS);
            assertThat(ran).containsExactly("verdict-1", "verdict-2", "analysis-1", "analysis-2");
        }
    }

    @Test
    void aFullQueueRejectsAtOnceAndAFailingTaskFailsItsFuture() throws Exception {
        try (InferenceExecutor executor = new InferenceExecutor(1, 2)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            executor.submit(() -> {
                started.countDown();
                await(busy);
                return 0;
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            executor.submit(() -> 1);
            executor.submitAnalysis(() -> 2);
            CompletableFuture<Integer> rejected = executor.submit(() -> 3);
            assertThat(rejected).isCompletedExceptionally();
            assertThatThrownBy(rejected::get).hasCauseInstanceOf(RejectedExecutionException.class);
            busy.countDown();
            CompletableFuture<Integer> failing = executor.submit(() -> {
                throw new IllegalStateException("model closed");
            });
            assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
