package dev.refusalguard.classifier.model;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Closing a model while other threads run inferences must never crash the process (ONNX Runtime aborts then). */
class OnnxTextModelCloseTest {

    @Test
    void closeWaitsForRunningInferencesAndLaterOnesFailInJava() throws Exception {
        OnnxTextModel model = OnnxTextModel.loadResource(OnnxRefusalClassifier.class,
                OnnxRefusalClassifier.MODEL_RESOURCE);
        CountDownLatch started = new CountDownLatch(4);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refusedAfterClose = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                for (int i = 0; i < 2_000; i++) {
                    try {
                        assertThat(model.predict("I'm sorry, but I can't help with that request. " + i)).hasSize(4);
                        answered.incrementAndGet();
                    } catch (IllegalStateException closed) {
                        refusedAfterClose.incrementAndGet();
                        return;
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        started.await();
        // close once inferences are under way: a fixed sleep raced the first inference on a loaded machine (answered 0)
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (answered.get() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        model.close();
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertThat(answered.get()).isPositive();
        assertThatThrownBy(() -> model.predict("after close")).isInstanceOf(IllegalStateException.class);
        model.close(); // idempotent
    }
}
