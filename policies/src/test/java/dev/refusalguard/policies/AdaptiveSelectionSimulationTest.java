package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated upstream where each strategy recovers a refused request with a fixed probability per category
 * (rephrasing works for log analysis, rerouting for malware analysis). Adaptive selection learns this and needs
 * fewer attempts per recovery than the fixed chain once it has learned; the curve is printed.
 */
class AdaptiveSelectionSimulationTest {

    private static final Map<TaskCategory, Map<StrategyKind, Double>> SUCCESS = Map.of(
            TaskCategory.MALWARE_ANALYSIS, Map.of(StrategyKind.REPHRASE, 0.15, StrategyKind.AUTHORIZATION_CONTEXT, 0.10, StrategyKind.REROUTE, 0.85),
            TaskCategory.SYSTEM_HARDENING, Map.of(StrategyKind.REPHRASE, 0.20, StrategyKind.AUTHORIZATION_CONTEXT, 0.70, StrategyKind.REROUTE, 0.60),
            TaskCategory.LOG_ANALYSIS, Map.of(StrategyKind.REPHRASE, 0.90, StrategyKind.AUTHORIZATION_CONTEXT, 0.30, StrategyKind.REROUTE, 0.50));
    private static final List<TaskCategory> CATEGORIES = List.of(TaskCategory.MALWARE_ANALYSIS, TaskCategory.SYSTEM_HARDENING, TaskCategory.LOG_ANALYSIS);
    private static final Set<StrategyKind> ALL = EnumSet.allOf(StrategyKind.class);
    private static final int REQUESTS = 3000;
    private static final int WINDOW = 300;

    /** Attempts per recovered request in consecutive windows of refused requests. */
    private static List<Double> run(StrategySelector selector, long seed) {
        SplittableRandom world = new SplittableRandom(seed);
        RecoveryBudget budget = new RecoveryBudget(3, java.time.Duration.ofSeconds(30));
        List<Double> curve = new ArrayList<>();
        int attempts = 0;
        int recovered = 0;
        for (int i = 1; i <= REQUESTS; i++) {
            TaskCategory category = CATEGORIES.get(world.nextInt(CATEGORIES.size()));
            Set<StrategyKind> tried = EnumSet.noneOf(StrategyKind.class);
            int made = 0;
            while (budget.allowsAnother(made, java.time.Duration.ZERO)) {
                Optional<StrategyKind> next = selector.next("model-a", category, ALL, tried);
                if (next.isEmpty()) {
                    break;
                }
                made++;
                tried.add(next.get());
                boolean ok = world.nextDouble() < SUCCESS.get(category).get(next.get());
                selector.recordOutcome("model-a", category, next.get(), ok);
                if (ok) {
                    recovered++;
                    attempts += made;
                    break;
                }
            }
            if (i % WINDOW == 0) {
                curve.add(recovered == 0 ? Double.NaN : (double) attempts / recovered);
                attempts = 0;
                recovered = 0;
            }
        }
        return curve;
    }

    @Test
    void adaptiveSelectionNeedsFewerAttemptsPerRecoveryThanTheFixedChainOnceItHasLearned() {
        List<Double> fixed = run(new FixedChainSelector(List.of(StrategyKind.REPHRASE, StrategyKind.AUTHORIZATION_CONTEXT, StrategyKind.REROUTE)), 11);
        List<Double> adaptive = run(new AdaptiveSelector(0.05, 11L), 11);
        StringBuilder table = new StringBuilder("refused requests | attempts per recovery: fixed chain | adaptive\n");
        for (int w = 0; w < fixed.size(); w++) {
            table.append(String.format(java.util.Locale.ROOT, "%5d | %.3f | %.3f%n", (w + 1) * WINDOW, fixed.get(w), adaptive.get(w)));
        }
        System.out.println(table);
        double fixedLate = fixed.subList(5, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double adaptiveLate = adaptive.subList(5, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(adaptiveLate).as(table.toString()).isLessThan(fixedLate * 0.85);
    }
}
