package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategySelectionTest {

    private static final Set<StrategyKind> ALL = EnumSet.allOf(StrategyKind.class);
    private static final Set<StrategyKind> NONE = EnumSet.noneOf(StrategyKind.class);

    @Test
    void fixedChainFollowsTheConfiguredOrderSkippingTriedAndUnavailable() {
        FixedChainSelector chain = new FixedChainSelector(List.of(StrategyKind.AUTHORIZATION_CONTEXT, StrategyKind.REPHRASE, StrategyKind.REROUTE));
        assertThat(chain.next("m", TaskCategory.OTHER, ALL, NONE)).contains(StrategyKind.AUTHORIZATION_CONTEXT);
        assertThat(chain.next("m", TaskCategory.OTHER, ALL, EnumSet.of(StrategyKind.AUTHORIZATION_CONTEXT))).contains(StrategyKind.REPHRASE);
        assertThat(chain.next("m", TaskCategory.OTHER, EnumSet.of(StrategyKind.REROUTE), NONE)).contains(StrategyKind.REROUTE);
        assertThat(chain.next("m", TaskCategory.OTHER, ALL, ALL)).isEmpty();
    }

    @Test
    void fixedChainRejectsDuplicates() {
        assertThatThrownBy(() -> new FixedChainSelector(List.of(StrategyKind.REPHRASE, StrategyKind.REPHRASE)))
                .hasMessageContaining("selection.chain");
    }

    @Test
    void adaptiveSelectorLearnsTheStrategyThatRecovers() {
        AdaptiveSelector selector = new AdaptiveSelector(0.05, 7L);
        for (int i = 0; i < 60; i++) {
            selector.recordOutcome("gpt", TaskCategory.MALWARE_ANALYSIS, StrategyKind.REROUTE, true);
            selector.recordOutcome("gpt", TaskCategory.MALWARE_ANALYSIS, StrategyKind.REPHRASE, i % 5 == 0);
            selector.recordOutcome("gpt", TaskCategory.MALWARE_ANALYSIS, StrategyKind.AUTHORIZATION_CONTEXT, false);
        }
        Map<StrategyKind, Integer> picks = new EnumMap<>(StrategyKind.class);
        for (int i = 0; i < 1000; i++) {
            picks.merge(selector.next("gpt", TaskCategory.MALWARE_ANALYSIS, ALL, NONE).orElseThrow(), 1, Integer::sum);
        }
        assertThat(picks.get(StrategyKind.REROUTE)).isGreaterThan(900);
        assertThat(picks.getOrDefault(StrategyKind.AUTHORIZATION_CONTEXT, 0)).isGreaterThan(0);
    }

    @Test
    void adaptiveSelectorKeepsCountsPerModelAndCategory() {
        AdaptiveSelector selector = new AdaptiveSelector(0.0, 1L);
        selector.recordOutcome("a", TaskCategory.LOG_ANALYSIS, StrategyKind.REPHRASE, true);
        assertThat(selector.counts("a", TaskCategory.LOG_ANALYSIS, StrategyKind.REPHRASE)).isEqualTo(new StrategyCounts(1, 0));
        assertThat(selector.counts("b", TaskCategory.LOG_ANALYSIS, StrategyKind.REPHRASE)).isEqualTo(new StrategyCounts(0, 0));
        assertThat(selector.counts("a", TaskCategory.OTHER, StrategyKind.REPHRASE)).isEqualTo(new StrategyCounts(0, 0));
    }

    @Test
    void seededAdaptiveSelectorIsReproducible() {
        AdaptiveSelector a = new AdaptiveSelector(0.2, 99L);
        AdaptiveSelector b = new AdaptiveSelector(0.2, 99L);
        for (int i = 0; i < 50; i++) {
            assertThat(a.next("m", TaskCategory.OTHER, ALL, NONE)).isEqualTo(b.next("m", TaskCategory.OTHER, ALL, NONE));
        }
    }

    @Test
    void adaptiveCountsAreExactUnderConcurrentUpdates() throws Exception {
        AdaptiveSelector selector = new AdaptiveSelector(0.1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 5000; i++) {
                    selector.recordOutcome("m", TaskCategory.OTHER, StrategyKind.REPHRASE, i % 2 == 0);
                    selector.next("m", TaskCategory.OTHER, ALL, NONE);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(selector.counts("m", TaskCategory.OTHER, StrategyKind.REPHRASE)).isEqualTo(new StrategyCounts(10000, 10000));
    }

    @Test
    void successCountsSurviveARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("counts.json");
        AdaptiveSelector first = new AdaptiveSelector(0.1, 1L);
        try (SuccessCountsFile persisted = new SuccessCountsFile(file, first, Duration.ofMinutes(5))) {
            first.recordOutcome("gpt-4o", TaskCategory.SYSTEM_HARDENING, StrategyKind.REROUTE, true);
            first.recordOutcome("gpt-4o", TaskCategory.SYSTEM_HARDENING, StrategyKind.REROUTE, false);
        }
        AdaptiveSelector second = new AdaptiveSelector(0.1, 1L);
        try (SuccessCountsFile ignored = new SuccessCountsFile(file, second, Duration.ofMinutes(5))) {
            assertThat(second.counts("gpt-4o", TaskCategory.SYSTEM_HARDENING, StrategyKind.REROUTE))
                    .isEqualTo(new StrategyCounts(1, 1));
        }
    }

    @Test
    void recoveryMemoryRemembersByFingerprint() {
        RecoveryMemory memory = new RecoveryMemory(100, Duration.ofMinutes(1));
        String fp = RecoveryMemory.fingerprint("gpt-4o", "Analyse  this\nsample");
        assertThat(fp).isEqualTo(RecoveryMemory.fingerprint("GPT-4o", "analyse this sample")).hasSize(64);
        assertThat(fp).isNotEqualTo(RecoveryMemory.fingerprint("other", "analyse this sample"));
        assertThat(memory.recall(fp)).isEmpty();
        memory.remember(fp, StrategyKind.REROUTE);
        assertThat(memory.recall(fp)).contains(StrategyKind.REROUTE);
        memory.forget(fp);
        assertThat(memory.recall(fp)).isEmpty();
    }

    @Test
    void recoveryBudgetLimitsAttemptsAndAddedTime() {
        RecoveryBudget budget = new RecoveryBudget(2, Duration.ofSeconds(10));
        assertThat(budget.allowsAnother(0, Duration.ZERO)).isTrue();
        assertThat(budget.allowsAnother(2, Duration.ZERO)).isFalse();
        assertThat(budget.allowsAnother(1, Duration.ofSeconds(11))).isFalse();
        assertThatThrownBy(() -> new RecoveryBudget(0, Duration.ofSeconds(1))).hasMessageContaining("budget.max_attempts");
    }
}
