package dev.refusalguard.proxy.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A counter kept elsewhere ({@link ProxyMetrics#counterOf}) keeps following its source after garbage collection. */
class ProxyMetricsFunctionCounterTest {

    @Test
    void aFunctionCounterStillReadsItsSourceAfterTheSourceLambdaWouldHaveBeenCollected() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProxyMetrics metrics = new ProxyMetrics(registry, List.of());
        AtomicLong rejected = new AtomicLong(3);
        metrics.counterOf(MeterCatalogue.AGENT_CONNECTIONS_REJECTED, rejected::get);
        FunctionCounter counter = registry.get(MeterCatalogue.AGENT_CONNECTIONS_REJECTED.meterName()).functionCounter();
        assertThat(counter.count()).isEqualTo(3.0);

        // Collect until a throw-away object of the same kind is gone, so a weakly held source would be too.
        WeakReference<Object> probe = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && probe.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(probe.get()).isNull();
        rejected.set(7);
        assertThat(counter.count()).isEqualTo(7.0);
    }
}
