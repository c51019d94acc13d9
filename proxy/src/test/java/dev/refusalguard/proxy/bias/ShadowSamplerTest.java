package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refusalguard.policies.Intent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShadowSamplerTest {

    @Test
    void disabledByDefaultSoNothingIsProbed() {
        ShadowSampler sampler = new ShadowSampler(ShadowProbeConfig.defaults(), () -> 0.0);
        assertThat(sampler.trySample(Intent.DEFENSIVE, true)).isEmpty();
    }

    @Test
    void onlyDefensiveRequestsWithSensitiveWordingAreEligible() {
        ShadowSampler sampler = new ShadowSampler(new ShadowProbeConfig(true, 1.0, 10), () -> 0.0);
        assertThat(sampler.trySample(Intent.OFFENSIVE, true)).isEmpty();
        assertThat(sampler.trySample(Intent.AMBIGUOUS, true)).isEmpty();
        assertThat(sampler.trySample(Intent.DEFENSIVE, false)).isEmpty();
        assertThat(sampler.trySample(Intent.DEFENSIVE, true)).isPresent();
    }

    @Test
    void sampleRateSelectsThatFractionOfEligibleRequests() {
        AtomicInteger i = new AtomicInteger();
        ShadowSampler sampler = new ShadowSampler(new ShadowProbeConfig(true, 0.25, 256),
                () -> (i.getAndIncrement() % 100) / 100.0);
        int probed = 0;
        for (int n = 0; n < 100; n++) {
            Optional<ShadowSampler.Permit> permit = sampler.trySample(Intent.DEFENSIVE, true);
            if (permit.isPresent()) {
                probed++;
                permit.get().close();
            }
        }
        assertThat(probed).isEqualTo(25);
    }

    @Test
    void concurrencyIsBoundedAndPermitsAreReleasedOnce() {
        ShadowSampler sampler = new ShadowSampler(new ShadowProbeConfig(true, 1.0, 2), () -> 0.0);
        List<ShadowSampler.Permit> held = new ArrayList<>();
        sampler.trySample(Intent.DEFENSIVE, true).ifPresent(held::add);
        sampler.trySample(Intent.DEFENSIVE, true).ifPresent(held::add);
        assertThat(sampler.trySample(Intent.DEFENSIVE, true)).isEmpty();
        assertThat(sampler.inFlight()).isEqualTo(2);
        assertThat(sampler.skippedBusy()).isEqualTo(1);

        held.get(0).close();
        held.get(0).close();
        assertThat(sampler.inFlight()).isEqualTo(1);
        assertThat(sampler.trySample(Intent.DEFENSIVE, true)).isPresent();
        assertThat(sampler.sampled()).isEqualTo(3);
    }

    @Test
    void configRejectsOutOfRangeValuesNamingTheKey() {
        assertThatThrownBy(() -> new ShadowProbeConfig(true, 1.5, 2)).hasMessageContaining("shadow.sampleRate");
        assertThatThrownBy(() -> new ShadowProbeConfig(true, 0.1, 0)).hasMessageContaining("shadow.maxConcurrent");
    }
}
