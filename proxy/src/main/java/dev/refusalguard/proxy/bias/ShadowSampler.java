package dev.refusalguard.proxy.bias;

import dev.refusalguard.policies.Intent;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Decides which live requests get a shadow probe, and bounds how many probes run at once. Thread-safe and
 * lock-free: a probe holds a {@link Permit} from the decision until it finishes (success, refusal, error or
 * timeout) and must close it exactly once; closing twice is harmless.
 *
 * <p>Only defensive requests with sensitive wording are eligible: a neutral twin differs from the original only
 * when there was something to rephrase, and offensive requests are never re-sent.
 */
public final class ShadowSampler {

    private final ShadowProbeConfig config;
    private final DoubleSupplier random;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder sampled = new LongAdder();
    private final LongAdder skippedBusy = new LongAdder();

    public ShadowSampler(ShadowProbeConfig config) {
        this(config, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With a supplier of uniform numbers in [0,1), for deterministic tests. */
    public ShadowSampler(ShadowProbeConfig config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /** A permit when this request should be probed now; empty otherwise. */
    public Optional<Permit> trySample(Intent intent, boolean sensitive) {
        if (!config.enabled() || intent != Intent.DEFENSIVE || !sensitive || config.sampleRate() <= 0.0) {
            return Optional.empty();
        }
        if (random.getAsDouble() >= config.sampleRate()) {
            return Optional.empty();
        }
        while (true) {
            int current = inFlight.get();
            if (current >= config.maxConcurrent()) {
                skippedBusy.increment();
                return Optional.empty();
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                sampled.increment();
                return Optional.of(new Permit());
            }
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Probes started since creation. */
    public long sampled() {
        return sampled.sum();
    }

    /** Sampled requests not probed because {@code maxConcurrent} probes were already running. */
    public long skippedBusy() {
        return skippedBusy.sum();
    }

    /** One probe's slot; close it when the probe has finished, whatever the result. */
    public final class Permit implements AutoCloseable {

        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit() {
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        }
    }
}
