package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.TaskCategory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BiasTrackerTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);

    private BiasTracker tracker(String... models) {
        return new BiasTracker(new BiasTrackerConfig(Duration.ofMinutes(15), List.of(models)), clock);
    }

    private static ExchangeRecord exchange(Instant at, String model, TaskCategory category, boolean sensitive,
                                           boolean claim, boolean refused) {
        return new ExchangeRecord(at.toEpochMilli(), "openai_chat", model, category, sensitive, claim,
                Intent.DEFENSIVE, refused, refused ? "classifier" : null, null, false, refused ? "refused" : "served");
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }

    @Test
    void sensitiveVsNeutralReproducesTheStudysHeadlineRatio() {
        BiasTracker tracker = tracker("gpt-x");
        repeat(305, () -> tracker.record(exchange(START, "gpt-x", TaskCategory.MALWARE_ANALYSIS, true, false, true)));
        repeat(695, () -> tracker.record(exchange(START, "gpt-x", TaskCategory.MALWARE_ANALYSIS, true, false, false)));
        repeat(112, () -> tracker.record(exchange(START, "gpt-x", TaskCategory.LOG_ANALYSIS, false, false, true)));
        repeat(888, () -> tracker.record(exchange(START, "gpt-x", TaskCategory.LOG_ANALYSIS, false, false, false)));

        PeriodReport total = tracker.snapshot(START.plusSeconds(30)).sinceStart();

        assertThat(total.sensitiveVsNeutral().exposed().rate()).isEqualTo(0.305);
        assertThat(total.sensitiveVsNeutral().baseline().rate()).isEqualTo(0.112);
        assertThat(total.sensitiveVsNeutral().ratio().ratio()).isCloseTo(2.72, within(0.005));
        assertThat(total.sensitiveVsNeutral().chiSquare().pValue()).isLessThan(1e-10);
        assertThat(total.refusalRate().events()).isEqualTo(417);
        assertThat(total.refusalRate().trials()).isEqualTo(2000);
        assertThat(total.refusalRateByCategory().get("malware_analysis").rate()).isEqualTo(0.305);
        assertThat(total.refusalRateByCategory().get("system_hardening").defined()).isFalse();
        assertThat(total.refusalRateByCategory()).hasSize(TaskCategory.values().length);
    }

    @Test
    void authorizationClaimComparisonSplitsOnTheClaimFlag() {
        BiasTracker tracker = tracker();
        repeat(22, () -> tracker.record(exchange(START, "m", TaskCategory.OTHER, false, true, true)));
        repeat(78, () -> tracker.record(exchange(START, "m", TaskCategory.OTHER, false, true, false)));
        repeat(12, () -> tracker.record(exchange(START, "m", TaskCategory.OTHER, false, false, true)));
        repeat(88, () -> tracker.record(exchange(START, "m", TaskCategory.OTHER, false, false, false)));

        GroupComparison claim = tracker.snapshot(START).sinceStart().authClaimVsNone();

        assertThat(claim.exposed().rate()).isEqualTo(0.22);
        assertThat(claim.baseline().rate()).isEqualTo(0.12);
        assertThat(claim.ratio().ratio()).isCloseTo(22.0 / 12.0, within(1e-9));
    }

    @Test
    void unconfiguredModelsAreReportedAsOther() {
        BiasTracker tracker = tracker("claude-a", "gpt-b");
        tracker.record(exchange(START, "claude-a", TaskCategory.OTHER, false, false, true));
        tracker.record(exchange(START, "some-new-model", TaskCategory.OTHER, false, false, true));
        tracker.record(exchange(START, "another-one", TaskCategory.OTHER, false, false, false));
        tracker.record(exchange(START, null, TaskCategory.OTHER, false, false, false));

        PeriodReport total = tracker.snapshot(START).sinceStart();

        assertThat(total.refusalRateByModel()).containsOnlyKeys("claude-a", "gpt-b", "other");
        assertThat(total.refusalRateByModel().get("other").trials()).isEqualTo(3);
        assertThat(total.refusalRateByModel().get("other").events()).isEqualTo(1);
        assertThat(tracker.modelLabel("gpt-b")).isEqualTo("gpt-b");
        assertThat(tracker.modelLabel("gpt-c")).isEqualTo("other");
    }

    @Test
    void windowForgetsRecordsOlderThanItsLengthButTotalsKeepThem() {
        BiasTracker tracker = tracker();
        tracker.record(exchange(START, "m", TaskCategory.OTHER, false, false, true));
        Instant later = START.plus(Duration.ofMinutes(20));
        tracker.record(exchange(later, "m", TaskCategory.OTHER, false, false, false));

        BiasReport report = tracker.snapshot(later);

        assertThat(report.window().refusalRate().trials()).isEqualTo(1);
        assertThat(report.window().refusalRate().events()).isZero();
        assertThat(report.sinceStart().refusalRate().trials()).isEqualTo(2);
        assertThat(report.window().from()).isEqualTo(later.minus(Duration.ofMinutes(14)));
    }

    @Test
    void windowIncludesTheLastFifteenMinutesAndDropsTheSixteenth() {
        BiasTracker tracker = tracker();
        for (int minute = 0; minute < 16; minute++) {
            tracker.record(exchange(START.plus(Duration.ofMinutes(minute)), "m", TaskCategory.OTHER, false, false, false));
        }
        assertThat(tracker.snapshot(START.plus(Duration.ofMinutes(15))).window().refusalRate().trials()).isEqualTo(15);
        // Nothing recorded for a while: the window empties even though the ring still holds the old blocks.
        assertThat(tracker.snapshot(START.plus(Duration.ofMinutes(60))).window().refusalRate().trials()).isZero();
    }

    @Test
    void lateRecordForAnOverwrittenMinuteCountsOnlyInTotals() {
        BiasTracker tracker = tracker();
        Instant later = START.plus(Duration.ofMinutes(15)); // same ring slot as START
        tracker.record(exchange(later, "m", TaskCategory.OTHER, false, false, false));
        tracker.record(exchange(START, "m", TaskCategory.OTHER, false, false, true));

        BiasReport report = tracker.snapshot(later);
        assertThat(report.window().refusalRate().trials()).isEqualTo(1);
        assertThat(report.sinceStart().refusalRate().trials()).isEqualTo(2);
    }

    @Test
    void recoveryRateIsPerStrategyAndOutcomesAndSignalsAreCounted() {
        BiasTracker tracker = tracker();
        long t = START.toEpochMilli();
        repeat(3, () -> tracker.record(new ExchangeRecord(t, "anthropic_messages", "m", TaskCategory.SYSTEM_HARDENING,
                true, false, Intent.DEFENSIVE, true, "stop_reason", "rephrase", true, "recovered")));
        tracker.record(new ExchangeRecord(t, "anthropic_messages", "m", TaskCategory.SYSTEM_HARDENING,
                true, false, Intent.DEFENSIVE, true, "classifier", "rephrase", false, "refused"));
        tracker.record(new ExchangeRecord(t, "anthropic_messages", "m", TaskCategory.SYSTEM_HARDENING,
                true, false, Intent.OFFENSIVE, true, "classifier", null, false, "blocked_by_intent"));

        PeriodReport total = tracker.snapshot(START).sinceStart();

        assertThat(total.recoveryRateByStrategy().get("rephrase").rate()).isEqualTo(0.75);
        assertThat(total.recoveryRateByStrategy().get("reroute").defined()).isFalse();
        assertThat(total.recoveryRateByStrategy()).doesNotContainKey("other");
        assertThat(total.outcomes()).containsEntry("recovered", 3L).containsEntry("refused", 1L)
                .containsEntry("blocked_by_intent", 1L).containsEntry("served", 0L);
        assertThat(total.refusalsBySignal()).containsEntry("stop_reason", 3L).containsEntry("classifier", 2L);
        assertThat(total.intents()).containsEntry("defensive", 4L).containsEntry("offensive", 1L);
    }

    @Test
    void freeFormLabelsAreCappedSoMemoryStaysBounded() {
        BiasTracker tracker = tracker();
        for (int i = 0; i < 100; i++) {
            tracker.record(new ExchangeRecord(START.toEpochMilli(), "openai_chat", "m", TaskCategory.OTHER, false, false,
                    Intent.DEFENSIVE, true, "signal-" + i, null, false, "outcome-" + i));
        }
        PeriodReport total = tracker.snapshot(START).sinceStart();
        assertThat(total.refusalsBySignal()).hasSizeLessThanOrEqualTo(BiasTracker.SIGNAL_SLOTS);
        assertThat(total.refusalsBySignal().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
        assertThat(total.refusalsBySignal().get("other")).isEqualTo(100 - (BiasTracker.SIGNAL_SLOTS - 1));
        assertThat(total.outcomes()).hasSizeLessThanOrEqualTo(BiasTracker.OUTCOME_SLOTS);
    }

    @Test
    void shadowPairsFeedMcNemarOverallAndPerCategory() {
        BiasTracker tracker = tracker();
        repeat(30, () -> tracker.recordShadowPair(TaskCategory.SYSTEM_HARDENING, "m", true, false));
        repeat(5, () -> tracker.recordShadowPair(TaskCategory.SYSTEM_HARDENING, "m", false, true));
        repeat(10, () -> tracker.recordShadowPair(TaskCategory.MALWARE_ANALYSIS, "m", true, true));
        repeat(55, () -> tracker.recordShadowPair(TaskCategory.MALWARE_ANALYSIS, "m", false, false));

        PeriodReport window = tracker.snapshot(START).window();

        assertThat(window.shadowPairs().counts()).isEqualTo(new PairedCounts(10, 30, 5, 55));
        assertThat(window.shadowPairs().originalRefusalRate().rate()).isEqualTo(0.40);
        assertThat(window.shadowPairs().twinRefusalRate().rate()).isEqualTo(0.15);
        assertThat(window.shadowPairs().mcnemar().method()).isEqualTo(McNemarTest.CHI_SQUARE);
        assertThat(window.shadowPairs().mcnemar().pValue()).isLessThan(0.001);
        assertThat(window.shadowPairsByCategory()).containsOnlyKeys("system_hardening", "malware_analysis");
        assertThat(window.shadowPairsByCategory().get("malware_analysis").mcnemar().pValue()).isEqualTo(1.0);
    }

    @Test
    void concurrentRecordsFromManyThreadsAreAllCounted() throws Exception {
        BiasTracker tracker = tracker("a", "b");
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    // spread over three minutes so buckets are swapped concurrently
                    Instant at = START.plusSeconds((i % 3) * 60L);
                    tracker.record(exchange(at, id % 2 == 0 ? "a" : "b", TaskCategory.values()[i % 9],
                            i % 2 == 0, i % 5 == 0, i % 4 == 0));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        BiasReport report = tracker.snapshot(START.plusSeconds(150));
        assertThat(report.sinceStart().refusalRate().trials()).isEqualTo((long) threads * perThread);
        assertThat(report.sinceStart().refusalRate().events()).isEqualTo((long) threads * perThread / 4);
        assertThat(report.window().refusalRate().trials()).isEqualTo((long) threads * perThread);
    }

    @Test
    void configRejectsBadValuesNamingTheKey() {
        assertThatThrownBy(() -> new BiasTrackerConfig(Duration.ofSeconds(90), List.of()))
                .hasMessageContaining("bias.window");
        assertThatThrownBy(() -> new BiasTrackerConfig(Duration.ofDays(2), List.of()))
                .hasMessageContaining("bias.window");
        assertThatThrownBy(() -> new BiasTrackerConfig(Duration.ofMinutes(5), List.of("a", "a")))
                .hasMessageContaining("bias.models");
        assertThatThrownBy(() -> new BiasTrackerConfig(Duration.ofMinutes(5), List.of("other")))
                .hasMessageContaining("bias.models");
        assertThat(new BiasTrackerConfig(null, null).window()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusedRecordMustNameItsSignal() {
        assertThatThrownBy(() -> new ExchangeRecord(0, "openai_chat", "m", TaskCategory.OTHER, false, false,
                Intent.DEFENSIVE, true, null, null, false, "refused")).hasMessageContaining("refusalSignal");
    }

    @Test
    void requestsWithoutAVerdictCountInTheOutcomesButInNoRefusalRate() {
        BiasTracker tracker = tracker("gpt-x");
        repeat(3, () -> tracker.record(exchange(START, "gpt-x", TaskCategory.LOG_ANALYSIS, true, false, true)));
        repeat(7, () -> tracker.record(exchange(START, "gpt-x", TaskCategory.LOG_ANALYSIS, true, false, false)));
        // The agent left before the first answer was judged, and an upstream failed before answering.
        repeat(5, () -> tracker.record(new ExchangeRecord(START.toEpochMilli(), "openai_chat", "gpt-x",
                TaskCategory.LOG_ANALYSIS, true, false, Intent.DEFENSIVE, false, false, null, null, false,
                "client_closed")));
        tracker.record(new ExchangeRecord(START.toEpochMilli(), "openai_chat", "gpt-x", TaskCategory.LOG_ANALYSIS,
                true, false, Intent.DEFENSIVE, false, false, null, null, false, "error"));
        // A recovery attempt cut short by the agent's disconnect has no result either.
        tracker.record(new ExchangeRecord(START.toEpochMilli(), "openai_chat", "gpt-x", TaskCategory.LOG_ANALYSIS,
                true, false, Intent.DEFENSIVE, true, true, "classifier", "rephrase", false, "client_closed"));

        PeriodReport total = tracker.snapshot(START).sinceStart();
        assertThat(total.refusalRate().events()).isEqualTo(4);
        assertThat(total.refusalRate().trials()).isEqualTo(11);
        assertThat(total.refusalRateByCategory().get("log_analysis").trials()).isEqualTo(11);
        assertThat(total.sensitiveVsNeutral().exposed().trials()).isEqualTo(11);
        assertThat(total.outcomes()).containsEntry("client_closed", 6L).containsEntry("error", 1L);
        assertThat(total.recoveryRateByStrategy().get("rephrase").trials()).isZero();
    }
}
