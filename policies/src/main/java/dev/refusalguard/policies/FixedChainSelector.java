package dev.refusalguard.policies;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tries strategies in a configured order, skipping unavailable and already tried ones. Stateless, thread-safe. */
public final class FixedChainSelector implements StrategySelector {

    private final List<StrategyKind> chain;

    public FixedChainSelector(List<StrategyKind> chain) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("selection.chain: at least one strategy required");
        }
        if (new LinkedHashSet<>(chain).size() != chain.size()) {
            throw new IllegalArgumentException("selection.chain: a strategy is listed twice " + chain);
        }
        this.chain = List.copyOf(chain);
    }

    public List<StrategyKind> chain() {
        return chain;
    }

    @Override
    public Optional<StrategyKind> next(String model, TaskCategory category, Set<StrategyKind> available, Set<StrategyKind> tried) {
        for (StrategyKind s : chain) {
            if (available.contains(s) && !tried.contains(s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public void recordOutcome(String model, TaskCategory category, StrategyKind strategy, boolean recovered) {
        // a fixed chain does not learn
    }
}
