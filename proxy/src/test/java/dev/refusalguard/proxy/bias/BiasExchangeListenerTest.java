package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.TaskCategory;
import dev.refusalguard.proxy.exchange.ExchangeSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiasExchangeListenerTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private static ExchangeSummary summary(RequestAnalysis analysis, boolean firstRefused, List<String> strategies,
                                           String outcome) {
        return new ExchangeSummary("r1", "openai_chat", "gpt-a", analysis, false, !"client_closed".equals(outcome),
                firstRefused,
                firstRefused ? "classifier" : null, firstRefused ? "hard_refusal" : null, strategies,
                1 + strategies.size(), outcome, "gpt-a", "text", "text", 1_000_000);
    }

    @Test
    void recoveredExchangeCountsAsRefusedFirstAndRecoveredByItsLastStrategy() {
        RequestAnalysis analysis = new RequestAnalysis(TaskCategory.SYSTEM_HARDENING, List.of("exploit"), true,
                Intent.DEFENSIVE, 0.9);
        ExchangeRecord record = BiasExchangeListener.toRecord(
                summary(analysis, true, List.of("rephrase", "reroute"), "recovered"), NOW.toEpochMilli());

        assertThat(record.category()).isEqualTo(TaskCategory.SYSTEM_HARDENING);
        assertThat(record.sensitive()).isTrue();
        assertThat(record.authorizationClaim()).isTrue();
        assertThat(record.firstAttemptRefused()).isTrue();
        assertThat(record.refusalSignal()).isEqualTo("classifier");
        assertThat(record.recoveryStrategy()).isEqualTo("reroute");
        assertThat(record.recovered()).isTrue();
    }

    @Test
    void exchangeWithoutAnalysisCountsAsNeutralOtherCategory() {
        ExchangeRecord record = BiasExchangeListener.toRecord(summary(null, false, List.of(), "served"), 0);
        assertThat(record.category()).isEqualTo(TaskCategory.OTHER);
        assertThat(record.sensitive()).isFalse();
        assertThat(record.recoveryStrategy()).isNull();
    }

    @Test
    void listenerFeedsTheTracker() {
        BiasTracker tracker = new BiasTracker(new BiasTrackerConfig(Duration.ofMinutes(15), List.of("gpt-a")),
                Clock.fixed(NOW, ZoneOffset.UTC));
        BiasExchangeListener listener = new BiasExchangeListener(tracker, Clock.fixed(NOW, ZoneOffset.UTC));
        RequestAnalysis analysis = new RequestAnalysis(TaskCategory.MALWARE_ANALYSIS, List.of("payload"), false,
                Intent.DEFENSIVE, 0.8);
        listener.accept(summary(analysis, true, List.of("rephrase"), "refused"));
        listener.accept(summary(analysis, false, List.of(), "served"));

        PeriodReport window = tracker.snapshot(NOW).window();
        assertThat(window.refusalRateByModel().get("gpt-a").rate()).isEqualTo(0.5);
        assertThat(window.recoveryRateByStrategy().get("rephrase").rate()).isZero();
    }
}
